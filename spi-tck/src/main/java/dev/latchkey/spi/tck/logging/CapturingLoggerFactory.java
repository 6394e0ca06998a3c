package dev.latchkey.spi.tck.logging;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.MDCAdapter;

/** Hands out one {@link CapturingLogger} per name; thread-safe. */
final class CapturingLoggerFactory implements ILoggerFactory {

    private final ConcurrentMap<String, CapturingLogger> loggers = new ConcurrentHashMap<>();
    private final MDCAdapter mdcAdapter;

    CapturingLoggerFactory(MDCAdapter mdcAdapter) {
        this.mdcAdapter = Objects.requireNonNull(mdcAdapter, "mdcAdapter");
    }

    @Override
    public Logger getLogger(String name) {
        Objects.requireNonNull(name, "name");
        return loggers.computeIfAbsent(name, n -> new CapturingLogger(n, mdcAdapter));
    }
}
