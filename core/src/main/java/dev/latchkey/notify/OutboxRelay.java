package dev.latchkey.notify;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.audit.AuditSink;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.spi.OutboxStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands queued notifications to the host's {@link Notifier}: at least once, with retries and
 * back-off, parking a message after {@link RetryPolicy#maxAttempts()} (S29). Many relays, in
 * one process or several, may run at once: the store leases each claimed message to one of them
 * (S30).
 *
 * <p>The facade never runs it on a request thread unless the host asked for that: given an
 * executor ({@code Latchkey.Builder.relayExecutor}), a change that queues mail wakes a
 * {@link #drain()} there; built with {@code deliverSynchronously()}, each call
 * {@link #deliver delivers} the messages it queued itself, and only those; given neither, nothing
 * is delivered until the host calls {@link #runOnce()} or {@link #drain()}. In every mode the
 * host calls {@link #runOnce()} on a schedule of its own (every minute, say), which is what
 * retries a failed delivery after its back-off.
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
   * Claims one batch of due messages, anyone's, and tries each once. Returns how many were
   * delivered. Never throws for a notifier's failure; a store failure propagates. This is what
   * a host's schedule calls: it delivers what no wake-up has, and retries what failed.
   */
  public int runOnce() {
    return attempt(claimBatch()).delivered();
  }

  /**
   * Runs batches until one comes back smaller than {@link RetryPolicy#batchSize()} (the queue
   * is drained), or a whole batch fails (the mail server is down: what failed waits for its
   * back-off). Returns how many were delivered. What the facade's wake-up runs on the host's
   * executor; failures as {@link #runOnce()}.
   */
  public int drain() {
    int delivered = 0;
    while (true) {
      Batch batch = attempt(claimBatch());
      delivered += batch.delivered();
      if (batch.claimed() < policy.batchSize() || batch.delivered() == 0) {
        return delivered;
      }
    }
  }

  /**
   * Delivers exactly the messages {@code ids}, those of them that are queued, due and not
   * leased to another relay, trying each once; never anyone else's. What a facade built with
   * synchronous delivery runs after each call, with the ids that call queued. Returns how many
   * were delivered; failures as {@link #runOnce()}.
   */
  public int deliver(Collection<NotificationId> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return 0;
    }
    return attempt(store.claim(ids, clock.instant(), policy.lease())).delivered();
  }

  private List<OutboxMessage> claimBatch() {
    return store.claimDue(clock.instant(), policy.batchSize(), policy.lease());
  }

  private Batch attempt(List<OutboxMessage> batch) {
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
    return new Batch(batch.size(), delivered);
  }

  private record Batch(int claimed, int delivered) {}

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
