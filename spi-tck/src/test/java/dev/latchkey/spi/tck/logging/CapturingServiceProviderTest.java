package dev.latchkey.spi.tck.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * Proves the test binding is the active SLF4J provider and captures what the code under test
 * logs. Each test logs a value unique to it and reads back with {@link CapturedLogs#linesContaining}
 * rather than clearing, so the suite-wide capture other tests rely on stays intact.
 */
class CapturingServiceProviderTest {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static final Logger LOG = LoggerFactory.getLogger(CapturingServiceProviderTest.class);

    private static String unique(String label) {
        return label + "-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet();
    }

    private static String onlyLineContaining(String needle) {
        List<String> lines = CapturedLogs.linesContaining(needle);
        assertThat(lines).as("captured entries containing %s", needle).hasSize(1);
        return lines.get(0);
    }

    @Test
    @DisplayName("LoggerFactory is bound to the capturing provider")
    void loggerFactoryIsBoundToCapturingProvider() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(CapturingLoggerFactory.class);
        assertThat(LOG).isInstanceOf(CapturingLogger.class);
    }

    @Test
    @DisplayName("a message is captured with its arguments formatted, its level and its logger name")
    void infoWithArgumentsIsCapturedFormatted() {
        String login = unique("login");

        LOG.info("sign-in for {} failed {} times", login, 3);

        String line = onlyLineContaining(login);
        assertThat(line)
                .startsWith("INFO [")
                .contains(CapturingServiceProviderTest.class.getName())
                .contains("sign-in for " + login + " failed 3 times")
                .doesNotContain("{}");
    }

    @Test
    @DisplayName("every level is enabled and captured, TRACE included")
    void everyLevelIsEnabledAndCaptured() {
        String marker = unique("levels");

        assertThat(LOG.isTraceEnabled()).isTrue();
        assertThat(LOG.isDebugEnabled()).isTrue();
        LOG.trace("trace {}", marker);
        LOG.debug("debug {}", marker);
        LOG.info("info {}", marker);
        LOG.warn("warn {}", marker);
        LOG.error("error {}", marker);

        assertThat(CapturedLogs.linesContaining(marker))
                .extracting(line -> line.substring(0, line.indexOf(' ')))
                .containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    }

    @Test
    @DisplayName("a throwable's toString, message, causes' messages and stack trace are captured")
    void throwableMessagesAndCausesAreCaptured() {
        String id = unique("account");
        String outerMessage = unique("outer");
        String causeMessage = unique("cause");
        String rootMessage = unique("root");
        IOException root = new IOException(rootMessage);
        IllegalStateException cause = new IllegalStateException(causeMessage, root);
        RuntimeException outer = new RuntimeException(outerMessage, cause);

        // Classic API: a trailing Throwable after the placeholders' arguments is the cause.
        LOG.error("store failed for {}", id, outer);

        String line = onlyLineContaining(id);
        assertThat(line)
                .contains("store failed for " + id)
                .contains("java.lang.RuntimeException: " + outerMessage)
                .contains("message=" + outerMessage)
                .contains("message=" + causeMessage)
                .contains("message=" + rootMessage)
                .contains("Caused by: java.io.IOException: " + rootMessage)
                .contains("at " + CapturingServiceProviderTest.class.getName());
    }

    @Test
    @DisplayName("a throwable whose message is null and whose causes form a cycle is still captured")
    void throwableWithNullMessageAndCausalCycleIsCaptured() {
        String id = unique("cycle");
        IllegalStateException first = new IllegalStateException();
        IllegalArgumentException second = new IllegalArgumentException(id, first);
        first.initCause(second);

        LOG.warn("cyclic", first);

        String line = onlyLineContaining(id);
        assertThat(line).contains("message=null").contains("java.lang.IllegalArgumentException: " + id);
    }

    @Test
    @DisplayName("the fluent API captures markers, key-value pairs, arguments and the cause")
    void fluentApiCapturesMarkersKeyValuesAndCause() {
        String token = unique("kv");
        String causeMessage = unique("fluent-cause");

        LOG.atDebug()
                .addMarker(MarkerFactory.getMarker("AUDIT"))
                .addKeyValue("subject", token)
                .setCause(new IllegalStateException(causeMessage))
                .log("helpdesk action {}", "unlock");

        String line = onlyLineContaining(token);
        assertThat(line)
                .startsWith("DEBUG [")
                .contains("[AUDIT]")
                .contains("helpdesk action unlock")
                .contains("subject=" + token)
                .contains("message=" + causeMessage);
    }

    @Test
    @DisplayName("MDC values in force when logging are captured")
    void mdcValuesAreCaptured() {
        String requestId = unique("request");

        MDC.put("requestId", requestId);
        try {
            LOG.info("with context");
        } finally {
            MDC.remove("requestId");
        }

        assertThat(onlyLineContaining(requestId)).contains("requestId=" + requestId);
    }

    @Test
    @DisplayName("control characters are captured raw, so log-injection checks see them")
    void controlCharactersAreCapturedRaw() {
        String name = unique("inject") + "\r\nFAKE\u001b[31m";

        LOG.info("name {}", name);

        assertThat(onlyLineContaining(name)).contains("\r\nFAKE\u001b[31m");
    }

    @Test
    @DisplayName("WARN and ERROR are echoed to System.err with control characters escaped; INFO is not")
    void warnAndErrorAreEchoedEscapedToStandardError() {
        String quiet = unique("quiet");
        String loud = unique("loud");
        String loudest = unique("loudest");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            LOG.info("{}", quiet);
            LOG.warn("{}\r\nforged", loud);
            LOG.error("{}", loudest, new IllegalStateException("boom"));
        } finally {
            System.setErr(original);
        }

        String echoed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(echoed)
                .doesNotContain(quiet)
                .contains(loud + "\\r\\nforged")
                .doesNotContain(loud + "\r\n")
                .contains(loudest)
                .contains("java.lang.IllegalStateException: boom")
                .doesNotContain("\tat ");
    }

    @Test
    @DisplayName("lines() is an unmodifiable snapshot that later logging does not change")
    void linesIsAnUnmodifiableSnapshot() {
        String before = unique("before");
        String after = unique("after");
        LOG.info(before);

        List<String> snapshot = CapturedLogs.lines();
        LOG.info(after);

        assertThat(snapshot).anyMatch(line -> line.contains(before)).noneMatch(line -> line.contains(after));
        assertThatThrownBy(() -> snapshot.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(CapturedLogs.lines()).anyMatch(line -> line.contains(after));
    }

    @Test
    @DisplayName("no entry is lost when many threads log at once")
    void concurrentLoggingLosesNothing() throws Exception {
        String run = unique("concurrent");
        int threads = 8;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    Logger logger = LoggerFactory.getLogger("concurrent." + thread);
                    for (int i = 0; i < perThread; i++) {
                        logger.trace("{} {} {}", run, thread, i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(CapturedLogs.linesContaining(run)).hasSize(threads * perThread).doesNotHaveDuplicates();
    }
}
