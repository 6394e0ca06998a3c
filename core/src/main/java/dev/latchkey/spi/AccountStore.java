package dev.latchkey.spi;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.StudentId;
import dev.latchkey.notify.Notification;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.signin.LockoutPolicy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Portal accounts and their sign-in state. Lockout state lives here and only here (S38): every
 * write below is one atomic operation, correct under any concurrency across processes.
 */
public interface AccountStore {
  Optional<PortalAccount> account(AccountId id);

  /** The account whose login name key equals {@code loginKey} in the district. */
  Optional<PortalAccount> accountByLoginName(DistrictId district, String loginKey);

  /**
   * Inserts an account brought over from another system, atomically: refused with
   * {@code ACCOUNT_EXISTS} when its guardian has an active account, {@code LOGIN_NAME_TAKEN}
   * under the rule of {@link #loginNameTaken}; otherwise created.
   */
  dev.latchkey.roster.RosterResult importAccount(PortalAccount account);

  /**
   * Creates a student's account and puts its STUDENT_CREDENTIALS message in the outbox, in one
   * atomic step: refused with {@code ACCOUNT_EXISTS} when the student already has an account
   * (in any state), {@code LOGIN_NAME_TAKEN} under the rule of {@link #loginNameTaken}.
   */
  dev.latchkey.roster.RosterResult createStudentAccount(PortalAccount account,
      Notification credentials);

  /** The student's account, in any state (there is at most one). */
  Optional<PortalAccount> accountOfStudent(StudentId student);

  /** The accounts of these students that exist, by student. */
  Map<StudentId, PortalAccount> accountsOfStudents(Collection<StudentId> students);

  /**
   * Suspends an {@code ACTIVE} account ({@code suspended} true) or brings a {@code SUSPENDED}
   * one back to {@code ACTIVE} (false); any other state is left alone, and a guardian's account
   * stays suspended when the guardian has another active account by now. True when it changed.
   */
  boolean setSuspended(AccountId id, boolean suspended);

  /** Every account of the guardian, active or disabled, oldest first. */
  List<PortalAccount> accountsOfGuardian(GuardianId guardian);

  /** The guardian's active account, if any (there is at most one). */
  Optional<PortalAccount> activeAccountOfGuardian(GuardianId guardian);

  /**
   * True when {@code loginKey} is unavailable in the district: it is any account's login name
   * key, or the email key of a guardian other than {@code self} (one namespace, S36).
   */
  boolean loginNameTaken(DistrictId district, String loginKey, @Nullable GuardianId self);

  /**
   * Reserves a sign-in attempt before any password is verified (S12), atomically:
   * refuse if the account is unknown, disabled, or locked at {@code now}; end an expired
   * temporary lock (clearing the count); forget failures older than the policy's window (S9);
   * refuse as LOCKED if {@code failedAttempts} already reaches the threshold (that many
   * attempts are in flight); otherwise add one to {@code failedAttempts}, set
   * {@code lastFailureAt = now}, and return the account. Attempts refused here are not counted
   * and extend nothing (S11). So at most {@code threshold} attempts ever verify against the
   * account's hash before the lock holds.
   */
  Reservation reserveAttempt(DistrictId district, String loginKey, Instant now,
      LockoutPolicy policy);

  /** {@link #reserveAttempt(DistrictId, String, Instant, LockoutPolicy)} by account id. */
  Reservation reserveAttempt(AccountId id, Instant now, LockoutPolicy policy);

  /**
   * A reserved attempt succeeded: clear the count and any temporary-lock history, record the
   * sign-in time, and, when {@code rehash} is given and the stored hash still equals its
   * {@code expected} one, replace it (S5). Does nothing for an unknown account.
   */
  void recordSuccess(AccountId id, Instant now, @Nullable Rehash rehash);

  /**
   * A reserved attempt failed. The failure was already counted; if the count has reached the
   * threshold and the account is active and not locked, lock it now — until unlocked, or for
   * {@link LockoutPolicy#lockDuration(int)} of the lockouts so far — and put {@code lockNotice}
   * in the outbox. Exactly one caller sees {@code LOCKED_NOW} per lock.
   */
  FailureOutcome recordFailure(AccountId id, Instant now, LockoutPolicy policy,
      @Nullable Notification lockNotice);

  /**
   * Lifts a lock and clears the count, and puts {@code notice} (if any) in the outbox in the
   * same step, for a known account. True when the account was locked.
   */
  boolean unlock(AccountId id, @Nullable Notification notice);

  /**
   * The account's earlier password hashes, newest first, at most {@code limit}; not the current
   * one. Every replacement of a hash by a password change or reset adds the replaced hash here
   * (a re-hash of the same password does not).
   */
  List<PasswordHash> previousPasswords(AccountId id, int limit);

  /**
   * Replaces the password hash if the credential version is still {@code expectedVersion}:
   * keeps the old hash in the account's history, bumps the version, clears
   * {@code mustChangePassword}, and puts {@code notice} in the outbox, in one step.
   */
  PasswordChangeOutcome changePassword(AccountId id, long expectedVersion, PasswordHash newHash,
      Instant now, @Nullable Notification notice);

  /**
   * A hash to store in place of an older one, if the older one is still stored.
   *
   * @param expected the hash that was verified
   * @param replacement the hash at current parameters
   */
  record Rehash(PasswordHash expected, PasswordHash replacement) {
    public Rehash {
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(replacement, "replacement");
    }
  }
}
