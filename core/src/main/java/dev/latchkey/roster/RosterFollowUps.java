package dev.latchkey.roster;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.Student;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the roster's consequences are decided: from a record as the SIS sends it and the state
 * of what follows from it, the follow-ups that bring that state in line with the record.
 *
 * <p>The decision looks at state, never at whether a flag changed: a disabled guardian who still
 * has a live key or an active login loses them on the next sync, whatever the record said
 * before, and an enabled guardian whose login the roster suspended gets it back. So a sync
 * repairs any state that disagrees with the roster, and running it twice is running it once.
 *
 * <p>Stores call these functions (through the deciders the core hands them) under the lock of
 * the record they write, and apply what they return in the same transaction; no store repeats
 * the rules. Pure functions: no I/O, no clock, thread-safe.
 */
public final class RosterFollowUps {
  private RosterFollowUps() {}

  /**
   * The follow-ups of a guardian's record. Sign-in disabled: the live key is revoked and every
   * active account suspended. Sign-in enabled: when the guardian has no active account, the
   * oldest account the roster suspended comes back (one per guardian); a disabled account (the
   * district's or an activation reset's) is never touched.
   */
  public static GuardianFollowUps forGuardian(Guardian written, GuardianState state) {
    Objects.requireNonNull(written, "written");
    Objects.requireNonNull(state, "state");
    if (!written.signInEnabled()) {
      List<AccountId> active = state.accounts().stream()
          .filter(a -> a.status() == AccountStatus.ACTIVE).map(AccountState::id).toList();
      return new GuardianFollowUps(state.liveKey(), active, List.of());
    }
    if (state.accounts().stream().anyMatch(a -> a.status() == AccountStatus.ACTIVE)) {
      return GuardianFollowUps.NONE;
    }
    return state.accounts().stream().filter(a -> a.status() == AccountStatus.SUSPENDED)
        .findFirst()
        .map(a -> new GuardianFollowUps(false, List.of(), List.of(a.id())))
        .orElse(GuardianFollowUps.NONE);
  }

  /**
   * The follow-up of a student's record: an enrolled student in an eligible grade whose sign-in
   * is enabled has an active account (created, or restored when the roster suspended it); any
   * other student's active account is suspended; a disabled account is never touched.
   *
   * @param gradeEligible whether the student's grade gets accounts
   *     ({@link StudentAccountPolicy#eligible})
   * @param account the student's account as the store holds it, if there is one
   */
  public static StudentFollowUp forStudent(Student written, boolean gradeEligible,
      Optional<AccountStatus> account) {
    Objects.requireNonNull(written, "written");
    Objects.requireNonNull(account, "account");
    boolean wanted = written.status() == EnrollmentStatus.ENROLLED && written.signInEnabled()
        && gradeEligible;
    if (account.isEmpty()) {
      return wanted ? StudentFollowUp.CREATE_ACCOUNT : StudentFollowUp.NONE;
    }
    if (wanted && account.get() == AccountStatus.SUSPENDED) {
      return StudentFollowUp.RESTORE_ACCOUNT;
    }
    if (!wanted && account.get() == AccountStatus.ACTIVE) {
      return StudentFollowUp.SUSPEND_ACCOUNT;
    }
    return StudentFollowUp.NONE;
  }
}
