package dev.latchkey.spi.tck.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 service provider that routes every logger to {@link CapturedLogs}.
 *
 * <p>Found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} in core's test resources; tests
 * never construct it. All levels are enabled, so every statement's formatted message is
 * captured whatever its level.
 */
public final class CapturingServiceProvider implements SLF4JServiceProvider {

    /** The SLF4J API generation this provider is written against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new BasicMDCAdapter();
    private final ILoggerFactory loggerFactory = new CapturingLoggerFactory(mdcAdapter);

    /** Called by {@link java.util.ServiceLoader}. */
    public CapturingServiceProvider() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        // Everything is built eagerly in the field initialisers; nothing to do.
    }
}
