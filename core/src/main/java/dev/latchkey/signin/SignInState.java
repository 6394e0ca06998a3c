package dev.latchkey.signin;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account's sign-in security state: what the lockout rules ({@link Lockout}) read and write,
 * and all a store holds for them. A value: the store loads it, the core decides the next one,
 * the store writes it back in the same transaction.
 *
 * @param failedAttempts consecutive failures, reserved attempts included until they succeed
 * @param lastFailureAt when the last failure was counted
 * @param lockedAt when the account was locked, if it is
 * @param lockedUntil when a temporary lock ends; null with {@code lockedAt} set means "until
 *     unlocked"
 * @param lockouts how many temporary locks in a row, for growing waits
 * @param lastSignInAt the last successful sign-in
 */
public record SignInState(
    int failedAttempts, @Nullable Instant lastFailureAt, @Nullable Instant lockedAt,
    @Nullable Instant lockedUntil, int lockouts, @Nullable Instant lastSignInAt) {

  /** A new account's state: no failures, no lock, never signed in. */
  public static final SignInState NEW = new SignInState(0, null, null, null, 0, null);

  public SignInState {
    if (failedAttempts < 0 || lockouts < 0) {
      throw new IllegalArgumentException("counters must not be negative");
    }
    if (lockedUntil != null && lockedAt == null) {
      throw new IllegalArgumentException("a lock's end needs a lock");
    }
  }

  /** True when a lock holds at {@code now}. */
  public boolean isLocked(Instant now) {
    return lockedAt != null && (lockedUntil == null || lockedUntil.isAfter(now));
  }

  SignInState withFailures(int count, @Nullable Instant last) {
    return new SignInState(count, last, lockedAt, lockedUntil, lockouts, lastSignInAt);
  }

  SignInState withLock(@Nullable Instant at, @Nullable Instant until, int streak) {
    return new SignInState(failedAttempts, lastFailureAt, at, until, streak, lastSignInAt);
  }
}
