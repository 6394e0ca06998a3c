package dev.latchkey.spi.tck.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;

/**
 * A logger with every level enabled that turns each event into one captured entry.
 *
 * <p>Classic calls ({@code log.info("x {}", y)}) arrive normalised through
 * {@link #handleNormalizedLoggingCall}; fluent calls ({@code log.atInfo()...log()}) arrive through
 * {@link #log(LoggingEvent)} so that markers and key-value pairs are captured as well. Both end in
 * the same format:
 *
 * <pre>
 * LEVEL [thread] logger.name [markers] - formatted message {key=value} mdc={k=v} | throwable=... | message=... | throwable=&lt;cause&gt; | message=&lt;cause message&gt;
 * &lt;stack trace text, when a throwable is attached&gt;
 * </pre>
 *
 * Nothing is escaped or truncated: the entry is exactly what the code under test produced.
 */
final class CapturingLogger extends LegacyAbstractLogger implements LoggingEventAware {

    private static final long serialVersionUID = 1L;

    // Not serialised: AbstractLogger.readResolve() swaps a deserialised logger for the live one.
    private final transient MDCAdapter mdcAdapter;

    CapturingLogger(String name, MDCAdapter mdcAdapter) {
        this.name = Objects.requireNonNull(name, "name");
        this.mdcAdapter = Objects.requireNonNull(mdcAdapter, "mdcAdapter");
    }

    @Override
    public boolean isTraceEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        capture(
                level,
                Thread.currentThread().getName(),
                name,
                marker == null ? List.of() : List.of(marker),
                messagePattern,
                arguments,
                List.of(),
                throwable);
    }

    @Override
    public void log(LoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        Throwable throwable = event.getThrowable();
        if (throwable == null) {
            // Same convention as the classic API: a trailing Throwable argument is the cause.
            Throwable candidate = MessageFormatter.getThrowableCandidate(arguments);
            if (candidate != null) {
                throwable = candidate;
                arguments = MessageFormatter.trimmedCopy(arguments);
            }
        }
        String threadName = event.getThreadName();
        capture(
                event.getLevel(),
                threadName == null ? Thread.currentThread().getName() : threadName,
                event.getLoggerName() == null ? name : event.getLoggerName(),
                event.getMarkers() == null ? List.of() : event.getMarkers(),
                event.getMessage(),
                arguments,
                event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs(),
                throwable);
    }

    private void capture(
            Level level,
            String threadName,
            String loggerName,
            List<Marker> markers,
            String messagePattern,
            Object[] arguments,
            List<KeyValuePair> keyValuePairs,
            Throwable throwable) {
        StringBuilder summary = new StringBuilder(128)
                .append(level)
                .append(" [")
                .append(threadName)
                .append("] ")
                .append(loggerName);
        if (!markers.isEmpty()) {
            summary.append(' ').append(markers);
        }
        summary.append(" - ").append(MessageFormatter.basicArrayFormat(messagePattern, arguments));
        if (!keyValuePairs.isEmpty()) {
            summary.append(' ')
                    .append(keyValuePairs.stream()
                            .map(kv -> kv.key + "=" + safely(() -> kv.value))
                            .collect(Collectors.joining(", ", "{", "}")));
        }
        Map<String, String> mdc = mdcAdapter.getCopyOfContextMap();
        if (mdc != null && !mdc.isEmpty()) {
            summary.append(" mdc=").append(mdc);
        }
        String stackTrace = null;
        if (throwable != null) {
            Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Throwable t = throwable; t != null && seen.add(t); t = t.getCause()) {
                Throwable current = t;
                summary.append(" | throwable=")
                        .append(safely(current::toString))
                        .append(" | message=")
                        .append(safely(current::getMessage));
            }
            stackTrace = stackTraceOf(throwable);
        }
        String oneLine = summary.toString();
        String entry = stackTrace == null ? oneLine : oneLine + System.lineSeparator() + stackTrace;
        CapturedLogs.record(level, entry, oneLine);
    }

    private static String stackTraceOf(Throwable throwable) {
        StringWriter text = new StringWriter(1024);
        try (PrintWriter out = new PrintWriter(text)) {
            throwable.printStackTrace(out);
        } catch (RuntimeException e) {
            text.append("[printStackTrace failed: ").append(e.getClass().getName()).append(']');
        }
        return text.toString().stripTrailing();
    }

    /** Evaluates a toString-like call that the code under test may have broken. */
    private static String safely(Supplier<?> value) {
        try {
            return String.valueOf(value.get());
        } catch (RuntimeException e) {
            return "[FAILED: " + e.getClass().getName() + "]";
        }
    }
}
