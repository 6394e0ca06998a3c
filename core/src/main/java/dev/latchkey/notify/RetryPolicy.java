package dev.latchkey.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox retries a failing delivery (S29): waits that double from {@code firstBackoff}
 * up to {@code maxBackoff}, then the message is parked after {@code maxAttempts}.
 *
 * @param maxAttempts deliveries tried before the message is parked
 * @param firstBackoff the wait after the first failure
 * @param maxBackoff the longest wait
 * @param lease how long a relay holds a claimed message before another may take it
 * @param batchSize messages claimed per run
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff,
    Duration lease, int batchSize) {
  public RetryPolicy {
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(lease, "lease");
    if (maxAttempts < 1 || batchSize < 1) {
      throw new IllegalArgumentException("maxAttempts and batchSize must be positive");
    }
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0
        || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("need 0 <= firstBackoff <= maxBackoff and lease > 0");
    }
  }

  /** 8 attempts, waits from 30 seconds doubling to 1 hour, 2-minute leases, 50 a batch. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(8, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2),
        50);
  }

  /** The wait after the {@code attempts}-th failure. */
  public Duration backoff(int attempts) {
    Duration wait = firstBackoff;
    for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
