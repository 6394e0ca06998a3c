package dev.latchkey.testkit;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.audit.AuditSink;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An audit sink that keeps every event, for tests. Thread-safe. */
public final class CapturingAuditSink implements AuditSink {
  // Not copy-on-write: a host's test suite records an event per sign-in, thousands of them.
  private final Queue<AuditEvent> events = new ConcurrentLinkedQueue<>();

  @Override
  public void record(AuditEvent event) {
    events.add(event);
  }

  /** Every event so far, oldest first. */
  public List<AuditEvent> events() {
    return List.copyOf(events);
  }

  /** Every event of this type so far, oldest first. */
  public List<AuditEvent> events(AuditEventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }
}
