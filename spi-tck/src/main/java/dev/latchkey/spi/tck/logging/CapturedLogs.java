package dev.latchkey.spi.tck.logging;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.slf4j.event.Level;

/**
 * Every log event recorded in this JVM by the capturing SLF4J binding, in arrival order.
 *
 * <p>One entry per event: level, thread, logger name, markers, the message formatted with its
 * arguments, key-value pairs, MDC, and for an attached throwable its {@code toString}, its message,
 * each cause's {@code toString} and message, then the stack trace text on the following lines.
 * Entries are stored unescaped so that S32 (no secret in a log line) and S33 (CR, LF and ANSI
 * escapes are escaped by the code under test) can be checked against what was really written.
 *
 * <p>WARN and ERROR entries are also echoed, without stack trace and with control characters
 * escaped, to {@code System.err} so that build output stays readable.
 *
 * <p>All methods are thread-safe. Capture only works when
 * {@link CapturingServiceProvider} is the SLF4J provider on the classpath (it is, for any module
 * whose tests use core's test-jar and add no other provider).
 */
public final class CapturedLogs {

    private static final Queue<String> LINES = new ConcurrentLinkedQueue<>();

    private CapturedLogs() {
    }

    /**
     * Returns a snapshot of every entry captured so far, oldest first.
     *
     * @return an unmodifiable list that later logging does not change
     */
    public static List<String> lines() {
        return List.copyOf(LINES);
    }

    /**
     * Returns the captured entries that contain {@code needle}, oldest first.
     *
     * @param needle the text to look for, compared exactly (case-sensitive)
     * @return an unmodifiable snapshot; empty if no entry matches
     * @throws NullPointerException if {@code needle} is null
     */
    public static List<String> linesContaining(String needle) {
        Objects.requireNonNull(needle, "needle");
        return LINES.stream().filter(line -> line.contains(needle)).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Forgets every captured entry.
     *
     * <p>The store is shared by the whole JVM: a suite-wide secret scan run after a
     * {@code clear()} does not see what was logged before it. Prefer {@link #linesContaining}
     * with a value unique to the test over clearing.
     */
    public static void clear() {
        LINES.clear();
    }

    static void record(Level level, String entry, String summary) {
        LINES.add(entry);
        if (level == Level.WARN || level == Level.ERROR) {
            PrintStream err = System.err;
            err.println("[captured] " + escapeControlCharacters(summary));
        }
    }

    /** Escapes C0/C1 control characters and U+2028/U+2029 so an echoed line cannot forge lines or colours. */
    static String escapeControlCharacters(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (!control) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
