package dev.latchkey.audit;

import dev.latchkey.internal.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives every security event. Implementations must be thread-safe and should not throw; an
 * exception from {@link #record} is logged and swallowed so auditing never changes an outcome.
 */
@FunctionalInterface
public interface AuditSink {
  void record(AuditEvent event);

  /** Writes each event as one INFO line to the {@code dev.latchkey.audit} logger, escaped (S33). */
  static AuditSink logging() {
    Logger log = LoggerFactory.getLogger("dev.latchkey.audit");
    return event -> {
      if (log.isInfoEnabled()) {
        log.info("{} district={} actor={} subject={} source={} outcome={} details={}",
            event.type(), LogSafe.escape(event.district().value()),
            LogSafe.escape(event.actor()), LogSafe.escape(event.subject()),
            LogSafe.escape(event.source()), event.outcome(),
            LogSafe.escape(event.details().toString()));
      }
    };
  }
}
