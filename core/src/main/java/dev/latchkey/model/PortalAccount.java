package dev.latchkey.model;

import dev.latchkey.password.PasswordHash;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A portal account as a backend stores it: who it belongs to, its login name, its password hash
 * and its sign-in security state. Backends hand these snapshots to the core; the facade never
 * returns one to a host (the hash stays inside), it returns {@link AccountView} instead.
 *
 * @param id the account's id
 * @param district the district it belongs to
 * @param role guardian or student
 * @param loginName the login name
 * @param guardian the guardian it belongs to, for a guardian account
 * @param student the student it belongs to, for a student account
 * @param status active or disabled
 * @param mustChangePassword whether the next successful sign-in must change the password
 * @param credentialVersion bumped by every password change; hosts end other sessions on a bump
 * @param passwordHash the stored hash (its {@code toString} is masked)
 * @param failedAttempts consecutive failures (reserved attempts count until they succeed)
 * @param lastFailureAt when the last failure was counted
 * @param lockedAt when the account was locked, if it is
 * @param lockedUntil when a temporary lock ends; null with {@code lockedAt} set means "until unlocked"
 * @param lockouts how many temporary locks in a row, for growing waits
 * @param lastSignInAt the last successful sign-in
 * @param createdAt when the account was created
 */
public record PortalAccount(
    AccountId id, DistrictId district, Role role, LoginName loginName,
    @Nullable GuardianId guardian, @Nullable StudentId student, AccountStatus status,
    boolean mustChangePassword, long credentialVersion, PasswordHash passwordHash,
    int failedAttempts, @Nullable Instant lastFailureAt, @Nullable Instant lockedAt,
    @Nullable Instant lockedUntil, int lockouts, @Nullable Instant lastSignInAt,
    Instant createdAt) {

  public PortalAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(loginName, "loginName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((role == Role.GUARDIAN) != (guardian != null) || (role == Role.STUDENT) != (student != null)) {
      throw new IllegalArgumentException("a " + role + " account must name exactly its owner");
    }
    if (failedAttempts < 0 || lockouts < 0 || credentialVersion < 0) {
      throw new IllegalArgumentException("counters must not be negative");
    }
  }

  /** A new, active guardian account with a clean security state. */
  public static PortalAccount newGuardianAccount(AccountId id, DistrictId district,
      LoginName loginName, GuardianId guardian, PasswordHash hash, Instant now) {
    return new PortalAccount(id, district, Role.GUARDIAN, loginName, guardian, null,
        AccountStatus.ACTIVE, false, 1, hash, 0, null, null, null, 0, null, now);
  }

  /**
   * A new student account with a generated initial password that must be changed at the first
   * sign-in.
   */
  public static PortalAccount newStudentAccount(AccountId id, DistrictId district,
      LoginName loginName, StudentId student, PasswordHash hash, Instant now) {
    return new PortalAccount(id, district, Role.STUDENT, loginName, null, student,
        AccountStatus.ACTIVE, true, 1, hash, 0, null, null, null, 0, null, now);
  }

  /** True when a lock holds at {@code now}. */
  public boolean isLocked(Instant now) {
    return lockedAt != null && (lockedUntil == null || lockedUntil.isAfter(now));
  }

  public PortalAccount withStatus(AccountStatus newStatus) {
    return new PortalAccount(id, district, role, loginName, guardian, student, newStatus,
        mustChangePassword, credentialVersion, passwordHash, failedAttempts, lastFailureAt,
        lockedAt, lockedUntil, lockouts, lastSignInAt, createdAt);
  }

  public PortalAccount withPassword(PasswordHash newHash, long newCredentialVersion,
      boolean newMustChange) {
    return new PortalAccount(id, district, role, loginName, guardian, student, status,
        newMustChange, newCredentialVersion, newHash, failedAttempts, lastFailureAt, lockedAt,
        lockedUntil, lockouts, lastSignInAt, createdAt);
  }



  /** The sign-in security state the lockout rules decide over. */
  public dev.latchkey.signin.SignInState signInState() {
    return new dev.latchkey.signin.SignInState(failedAttempts, lastFailureAt, lockedAt,
        lockedUntil, lockouts, lastSignInAt);
  }

  public PortalAccount withSignInState(dev.latchkey.signin.SignInState s) {
    return new PortalAccount(id, district, role, loginName, guardian, student, status,
        mustChangePassword, credentialVersion, passwordHash, s.failedAttempts(),
        s.lastFailureAt(), s.lockedAt(), s.lockedUntil(), s.lockouts(), s.lastSignInAt(),
        createdAt);
  }

}
