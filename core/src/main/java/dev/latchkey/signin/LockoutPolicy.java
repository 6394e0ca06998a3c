package dev.latchkey.signin;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When repeated failures lock an account, and for how long (S9–S11).
 *
 * <p>The default is the district's rule from its FAQ: five consecutive failures disable the
 * account until the helpdesk unlocks it (or, once recovery exists, the owner completes a reset).
 * The alternative is a temporary lock whose length doubles with each lock in a row. Failures
 * older than the window are forgotten. The threshold is at most 100 (NIST SP 800-63B).
 */
public final class LockoutPolicy {
  private static final int MAX_THRESHOLD = 100;

  private final int threshold;
  private final Duration failureWindow;
  private final @Nullable Duration firstLock;
  private final @Nullable Duration maxLock;

  private LockoutPolicy(int threshold, Duration failureWindow, @Nullable Duration firstLock,
      @Nullable Duration maxLock) {
    if (threshold < 1 || threshold > MAX_THRESHOLD) {
      throw new IllegalArgumentException("threshold must be 1-100");
    }
    Objects.requireNonNull(failureWindow, "failureWindow");
    if (failureWindow.isNegative() || failureWindow.isZero()) {
      throw new IllegalArgumentException("failureWindow must be positive");
    }
    this.threshold = threshold;
    this.failureWindow = failureWindow;
    this.firstLock = firstLock;
    this.maxLock = maxLock;
  }

  /** Five failures within 24 hours lock the account until it is unlocked. */
  public static LockoutPolicy defaults() {
    return untilUnlocked(5);
  }

  /** {@code threshold} failures within 24 hours lock the account until it is unlocked. */
  public static LockoutPolicy untilUnlocked(int threshold) {
    return new LockoutPolicy(threshold, Duration.ofHours(24), null, null);
  }

  /**
   * {@code threshold} failures lock the account for {@code firstLock}; each further lock in a
   * row doubles the wait, up to {@code maxLock}. A successful sign-in ends the streak.
   */
  public static LockoutPolicy temporary(int threshold, Duration firstLock, Duration maxLock) {
    Objects.requireNonNull(firstLock, "firstLock");
    Objects.requireNonNull(maxLock, "maxLock");
    if (firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0) {
      throw new IllegalArgumentException("need 0 < firstLock <= maxLock");
    }
    return new LockoutPolicy(threshold, Duration.ofHours(24), firstLock, maxLock);
  }

  /** The same policy with failures forgotten after {@code window} instead of 24 hours. */
  public LockoutPolicy withFailureWindow(Duration window) {
    return new LockoutPolicy(threshold, window, firstLock, maxLock);
  }

  /** Consecutive failures that lock the account. */
  public int threshold() {
    return threshold;
  }

  /** Failures older than this are forgotten. */
  public Duration failureWindow() {
    return failureWindow;
  }

  /** True for the temporary-lock policy. */
  public boolean isTemporary() {
    return firstLock != null;
  }

  /**
   * How long a lock lasts given how many locks in a row came before it; null means until
   * unlocked.
   */
  public @Nullable Duration lockDuration(int previousLockouts) {
    if (firstLock == null || maxLock == null) {
      return null;
    }
    Duration wait = firstLock;
    for (int i = 0; i < previousLockouts && wait.compareTo(maxLock) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxLock) > 0 ? maxLock : wait;
  }

  @Override
  public String toString() {
    return isTemporary()
        ? "LockoutPolicy[temporary, threshold=" + threshold + ", first=" + firstLock
            + ", max=" + maxLock + ", window=" + failureWindow + "]"
        : "LockoutPolicy[until unlocked, threshold=" + threshold + ", window=" + failureWindow
            + "]";
  }
}
