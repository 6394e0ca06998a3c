package dev.latchkey.activation;

import java.time.Duration;
import java.util.Objects;

/**
 * How long keys live and how often a guardian may ask for one by self-service.
 *
 * @param keyLife how long a key works after it is issued (S21)
 * @param resendsPerGuardian self-service keys a guardian may receive per {@code resendWindow}
 * @param resendWindow the window for {@code resendsPerGuardian}
 */
public record ActivationPolicy(Duration keyLife, int resendsPerGuardian, Duration resendWindow) {
  public ActivationPolicy {
    Objects.requireNonNull(keyLife, "keyLife");
    Objects.requireNonNull(resendWindow, "resendWindow");
    if (keyLife.isNegative() || keyLife.isZero() || resendWindow.isNegative()
        || resendWindow.isZero()) {
      throw new IllegalArgumentException("durations must be positive");
    }
    if (resendsPerGuardian < 1) {
      throw new IllegalArgumentException("resendsPerGuardian must be positive");
    }
  }

  /** Keys live 7 days; three self-service keys per guardian per hour. */
  public static ActivationPolicy defaults() {
    return new ActivationPolicy(Duration.ofDays(7), 3, Duration.ofHours(1));
  }

  public ActivationPolicy withKeyLife(Duration life) {
    return new ActivationPolicy(life, resendsPerGuardian, resendWindow);
  }
}
