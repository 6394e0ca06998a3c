package dev.latchkey.spi;

import dev.latchkey.notify.Notification;
import java.time.Instant;
import java.util.Objects;

/**
 * A notification waiting in the outbox.
 *
 * @param notification the message
 * @param attempts deliveries tried so far
 * @param nextAttemptAt when it is next due
 * @param parked true when retries are exhausted; only a release brings it back
 */
public record OutboxMessage(
    Notification notification, int attempts, Instant nextAttemptAt, boolean parked) {
  public OutboxMessage {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }
}
