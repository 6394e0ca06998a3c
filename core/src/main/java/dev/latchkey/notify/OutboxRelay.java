package dev.latchkey.notify;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.audit.AuditSink;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.spi.OutboxStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands queued notifications to the host's {@link Notifier}: at least once, with retries and
 * back-off, parking a message after {@link RetryPolicy#maxAttempts()} (S29). Many relays, in
 * one process or several, may run at once: the store leases each claimed message to one of them
 * (S30). The facade runs it after each change that queues a message; a host may also call
 * {@link #runOnce()} on a schedule to retry what failed.
 *
 * <p>Thread-safe. Log lines name a message by id and type only, never its content.
 */
public final class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  private final OutboxStore store;
  private final Notifier notifier;
  private final Clock clock;
  private final RetryPolicy policy;
  private final AuditSink audit;

  private OutboxRelay(OutboxStore store, Notifier notifier, Clock clock, RetryPolicy policy,
      AuditSink audit) {
    this.store = Objects.requireNonNull(store, "store");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** A relay over {@code store}; a message it parks is reported to {@code audit}. */
  public static OutboxRelay create(OutboxStore store, Notifier notifier, Clock clock,
      RetryPolicy policy, AuditSink audit) {
    return new OutboxRelay(store, notifier, clock, policy, audit);
  }

  /**
   * Claims one batch of due messages and tries each once. Returns how many were delivered.
   * Never throws for a notifier's failure; a store failure propagates.
   */
  public int runOnce() {
    Instant now = clock.instant();
    List<OutboxMessage> batch = store.claimDue(now, policy.batchSize(), policy.lease());
    int delivered = 0;
    for (OutboxMessage message : batch) {
      Notification notification = message.notification();
      try {
        notifier.send(notification);
      } catch (RuntimeException e) {
        int attempts = message.attempts() + 1;
        boolean permanent = e instanceof NotificationException ne && ne.isPermanent();
        boolean park = permanent || attempts >= policy.maxAttempts();
        // The exception's message may quote the mail it failed to send: log its type only.
        LOG.warn("delivery of {} {} failed (attempt {}, {}): {}", notification.type(),
            notification.id(), attempts, park ? "parked" : "will retry",
            e.getClass().getName());
        store.failed(notification.id(), clock.instant().plus(policy.backoff(attempts)), park);
        if (park) {
          reportParked(notification, attempts);
        }
        continue;
      }
      store.delivered(notification.id());
      delivered++;
    }
    return delivered;
  }

  private void reportParked(Notification notification, int attempts) {
    try {
      audit.record(new AuditEvent(clock.instant(), notification.district(),
          AuditEventType.NOTIFICATION_PARKED, "system", "notification:" + notification.id(),
          "system", "PARKED", Map.of("type", notification.type().name(),
              "attempts", Integer.toString(attempts))));
    } catch (RuntimeException e) {
      LOG.error("audit sink failed for a parked message ({})", e.getClass().getName());
    }
  }

  /** Up to {@code max} parked messages, oldest first, for an operator to inspect. */
  public List<OutboxMessage> parked(int max) {
    return store.parked(max);
  }

  /** Releases a parked message for delivery now. True if it was parked. */
  public boolean release(NotificationId id) {
    return store.release(id, clock.instant());
  }
}
