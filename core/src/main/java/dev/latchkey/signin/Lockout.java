package dev.latchkey.signin;

import dev.latchkey.model.AccountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The lockout rules (S9–S12), as pure functions from an account's status, its
 * {@link SignInState} and the time to the next state and what happened. This is the only place
 * they are written: a store loads the state, asks one of these, and writes the answer with its
 * effects in one transaction, so every backend locks exactly alike.
 *
 * <p>The sign-in protocol is two steps around one password verification: {@link #reserve}
 * counts the attempt as a failure before anything is verified, so at most
 * {@link LockoutPolicy#threshold()} attempts can ever be verifying at once (S12); then
 * {@link #succeed} clears the count, or {@link #fail} locks the account if this failure reached
 * the threshold. Immutable and thread-safe.
 */
public final class Lockout {
  private final LockoutPolicy policy;

  private Lockout(LockoutPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The rules of {@code policy}. */
  public static Lockout of(LockoutPolicy policy) {
    return new Lockout(policy);
  }

  public LockoutPolicy policy() {
    return policy;
  }

  /**
   * Reserves an attempt before its password is verified. Refused, with the state unchanged,
   * when the account is not active or a lock holds at {@code now}; attempts refused here are not
   * counted and extend nothing (S11). Otherwise a lapsed temporary lock ends (a fresh count, the
   * streak kept for the next wait), failures older than the window are forgotten (S9), and the
   * attempt is refused as {@link Reservation.Outcome#LOCKED} if as many attempts as the
   * threshold are already counted, or else counted now.
   */
  public Reservation reserve(AccountStatus status, SignInState state, Instant now) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(now, "now");
    if (status != AccountStatus.ACTIVE) {
      return new Reservation(Reservation.Outcome.DISABLED, state);
    }
    if (state.isLocked(now)) {
      return new Reservation(Reservation.Outcome.LOCKED, state);
    }
    SignInState s = state;
    if (s.lockedAt() != null) {
      s = s.withLock(null, null, s.lockouts()).withFailures(0, null);
    }
    if (s.lastFailureAt() != null
        && !s.lastFailureAt().isAfter(now.minus(policy.failureWindow()))) {
      s = s.withFailures(0, null);
    }
    if (s.failedAttempts() >= policy.threshold()) {
      return new Reservation(Reservation.Outcome.LOCKED, s);
    }
    return new Reservation(Reservation.Outcome.RESERVED, s.withFailures(s.failedAttempts() + 1,
        now));
  }

  /**
   * A reserved attempt failed. Its failure was counted when it was reserved; if the count has
   * reached the threshold and no lock is set yet, the account locks now: until unlocked, or for
   * {@link LockoutPolicy#lockDuration(int)} of the locks in a row so far. Exactly one failure
   * per lock answers {@link Failure.Outcome#LOCKED_NOW}.
   */
  public Failure fail(AccountStatus status, SignInState state, Instant now) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(now, "now");
    if (status != AccountStatus.ACTIVE) {
      return new Failure(Failure.Outcome.NOT_COUNTED, state);
    }
    if (state.failedAttempts() < policy.threshold() || state.lockedAt() != null) {
      return new Failure(Failure.Outcome.COUNTED, state);
    }
    Duration wait = policy.lockDuration(state.lockouts());
    return new Failure(Failure.Outcome.LOCKED_NOW,
        state.withLock(now, wait == null ? null : now.plus(wait), state.lockouts() + 1));
  }

  /**
   * A reserved attempt succeeded: the count, any lock and the streak of temporary locks are
   * cleared, and the sign-in time recorded.
   */
  public SignInState succeed(SignInState state, Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(now, "now");
    return new SignInState(0, null, null, null, 0, now);
  }

  /**
   * A verified password that is not a sign-in (a password change's current password, a
   * completed reset): the count, any lock and the streak are cleared; the last sign-in stays.
   */
  public static SignInState unlock(SignInState state) {
    Objects.requireNonNull(state, "state");
    return new SignInState(0, null, null, null, 0, state.lastSignInAt());
  }

  /**
   * What {@link #reserve} decided.
   *
   * @param outcome whether the attempt may verify its password
   * @param next the state to store (unchanged when refused)
   */
  public record Reservation(Outcome outcome, SignInState next) {
    public Reservation {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(next, "next");
    }

    public boolean reserved() {
      return outcome == Outcome.RESERVED;
    }

    /** Whether an attempt may verify; the refusals are for the audit log only (S13). */
    public enum Outcome {
      RESERVED,
      /** The account is not active. */
      DISABLED,
      /** Locked, or as many attempts in flight as the threshold allows. */
      LOCKED
    }
  }

  /**
   * What {@link #fail} decided.
   *
   * @param outcome what the failure did
   * @param next the state to store
   */
  public record Failure(Outcome outcome, SignInState next) {
    public Failure {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(next, "next");
    }

    /** What a failure did. */
    public enum Outcome {
      /** The failure stands (it was counted at reservation); no lock yet. */
      COUNTED,
      /** This failure reached the threshold: the account is locked now. */
      LOCKED_NOW,
      /** The account is not active; nothing changed. */
      NOT_COUNTED
    }
  }
}
