package dev.latchkey.helpdesk;

import java.time.Duration;
import java.util.Objects;

/**
 * How callers are verified (S26).
 *
 * @param correctRequired correct answers needed
 * @param life how long a verification authorises actions
 * @param attemptsPerGuardian verification attempts per guardian per {@code window}
 * @param window the window for {@code attemptsPerGuardian}
 */
public record VerificationPolicy(int correctRequired, Duration life, int attemptsPerGuardian,
    Duration window) {
  public VerificationPolicy {
    Objects.requireNonNull(life, "life");
    Objects.requireNonNull(window, "window");
    if (correctRequired < 1 || correctRequired > 4 || attemptsPerGuardian < 1
        || life.isNegative() || life.isZero() || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("need 1-4 correct answers and positive limits");
    }
  }

  /** Three of the four questions right; valid 15 minutes; 5 attempts per guardian an hour. */
  public static VerificationPolicy defaults() {
    return new VerificationPolicy(3, Duration.ofMinutes(15), 5, Duration.ofHours(1));
  }
}
