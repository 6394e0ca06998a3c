package dev.latchkey.recovery;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and lifetimes for self-service recovery.
 *
 * @param tokenLife how long a reset link works (S21)
 * @param mailsPerAccount reset mails an account may receive per {@code window} (S24)
 * @param mailsPerAddress username reminders an address may receive per {@code window}
 * @param window the window both limits are counted over
 * @param resetLiftsLock whether a completed reset lifts a lock (S10; OWASP: lockout must not
 *     become a denial of service)
 */
public record RecoveryPolicy(Duration tokenLife, int mailsPerAccount, int mailsPerAddress,
    Duration window, boolean resetLiftsLock) {
  public RecoveryPolicy {
    Objects.requireNonNull(tokenLife, "tokenLife");
    Objects.requireNonNull(window, "window");
    if (tokenLife.isNegative() || tokenLife.isZero() || window.isNegative() || window.isZero()
        || mailsPerAccount < 1 || mailsPerAddress < 1) {
      throw new IllegalArgumentException("durations and limits must be positive");
    }
  }

  /** Links live 60 minutes; 3 mails per account and per address an hour; a reset unlocks. */
  public static RecoveryPolicy defaults() {
    return new RecoveryPolicy(Duration.ofMinutes(60), 3, 3, Duration.ofHours(1), true);
  }
}
