package dev.latchkey.spi;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.StudentId;
import dev.latchkey.notify.Notification;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.signin.SignInState;
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
   * Applies a sign-in state decision to the account with this id, in one atomic step: loads
   * the account for update (null when there is none), asks {@code decision}, and writes what it
   * answers — the account's new {@link SignInState} and password hash, when given, and its
   * {@link Effects} — in the same transaction. The store judges nothing itself: the lockout
   * rules live in {@link dev.latchkey.signin.Lockout}. Under any concurrency, across processes,
   * each decision sees the state the one before it wrote. {@code decision} may be called more
   * than once (a transaction that lost a race runs again) and must have no side effects; if it
   * throws, nothing is written and the exception propagates.
   */
  <R> R updateSignIn(AccountId id, SignInDecision<R> decision);

  /**
   * {@link #updateSignIn(AccountId, SignInDecision)} for the account whose login name key
   * equals {@code loginKey} in the district.
   */
  <R> R updateSignIn(DistrictId district, String loginKey, SignInDecision<R> decision);

  /**
   * The account's earlier password hashes, newest first, at most {@code limit}; not the current
   * one. Every replacement of a hash by a password change or reset adds the replaced hash here
   * (a re-hash of the same password does not).
   */
  List<PasswordHash> previousPasswords(AccountId id, int limit);

  /**
   * Replaces the password hash if the credential version is still {@code expectedVersion}:
   * keeps the old hash in the account's history, bumps the version, clears
   * {@code mustChangePassword}, and writes {@code effects}, in one step. Nothing is written
   * unless the answer is {@code CHANGED}.
   */
  PasswordChangeOutcome changePassword(AccountId id, long expectedVersion, PasswordHash newHash,
      Instant now, Effects effects);

  /** Decides what a sign-in state change does to the account it is given. */
  @FunctionalInterface
  interface SignInDecision<R> {
    /**
     * @param account the account as stored, locked for this change; null when there is none
     */
    SignInUpdate<R> decide(@Nullable PortalAccount account);
  }

  /**
   * What a {@link SignInDecision} answered.
   *
   * @param result what the operation returns to its caller
   * @param next the account's new sign-in state, or null to leave it as it is
   * @param newHash a password hash to store in place of the current one (a re-hash at current
   *     parameters), or null
   * @param effects the messages and audit events to write with it
   */
  record SignInUpdate<R>(R result, @Nullable SignInState next, @Nullable PasswordHash newHash,
      Effects effects) {
    public SignInUpdate {
      Objects.requireNonNull(effects, "effects");
    }

    /** Returns {@code result} and writes only {@code effects}. */
    public static <R> SignInUpdate<R> unchanged(R result, Effects effects) {
      return new SignInUpdate<>(result, null, null, effects);
    }
  }
}
