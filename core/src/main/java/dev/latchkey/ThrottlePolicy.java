package dev.latchkey;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-source limits against credential stuffing and key guessing (S15, S24). They are a first
 * line kept in each process's memory; the rules that must hold across processes (lockout, one
 * live key, per-guardian resend limits) live in the store.
 *
 * <p>A school's whole building may share one address, so the defaults are generous: they stop
 * scripts, not families.
 *
 * @param signInFailures failed sign-ins allowed per source per window
 * @param redeemFailures failed redemptions (bad or unknown keys) and unknown reset links allowed
 *     per source per window
 * @param resends self-service mail requests allowed per source per window: key resends,
 *     username reminders and reset links together
 * @param window the window all three are counted over
 */
public record ThrottlePolicy(int signInFailures, int redeemFailures, int resends, Duration window) {
  public ThrottlePolicy {
    Objects.requireNonNull(window, "window");
    if (signInFailures < 1 || redeemFailures < 1 || resends < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
  }

  /** 100 failed sign-ins, 20 failed redemptions and 20 resends per source per 15 minutes. */
  public static ThrottlePolicy defaults() {
    return new ThrottlePolicy(100, 20, 20, Duration.ofMinutes(15));
  }
}
