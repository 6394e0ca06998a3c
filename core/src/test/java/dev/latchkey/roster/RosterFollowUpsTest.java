package dev.latchkey.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The roster's follow-ups, decided from state alone: no store, no clock. */
class RosterFollowUpsTest {
  private static final DistrictId DISTRICT = DistrictId.of("naperville-203");
  private static final Guardian ENABLED = Guardian.of(GuardianId.of("g-maria"), DISTRICT,
      "Maria", "Lopez", EmailAddress.of("maria.lopez@example.org"));
  private static final Guardian DISABLED = ENABLED.withSignInEnabled(false);
  private static final AccountId FIRST = AccountId.of("a-1");
  private static final AccountId SECOND = AccountId.of("a-2");

  /**
   * A guardian's state: a live key or not, and up to four accounts in random statuses, at most
   * one of them active (the stores' constraint).
   */
  private static Gen<GuardianState> guardianStates() {
    Gen<AccountStatus> status = integers().between(0, AccountStatus.values().length - 1)
        .map(i -> AccountStatus.values()[i]);
    Gen<List<AccountStatus>> statuses = lists().of(status).ofSizeBetween(0, 4);
    return booleans().all().zip(statuses, (live, list) -> {
      List<AccountState> accounts = new ArrayList<>();
      boolean active = false;
      for (int i = 0; i < list.size(); i++) {
        AccountStatus s = active && list.get(i) == AccountStatus.ACTIVE
            ? AccountStatus.SUSPENDED : list.get(i);
        active |= s == AccountStatus.ACTIVE;
        accounts.add(new AccountState(AccountId.of("a-" + i), s));
      }
      return new GuardianState(live, accounts);
    });
  }

  /** The state after a store applied {@code followUps} to {@code state}. */
  private static GuardianState applied(GuardianState state, GuardianFollowUps followUps) {
    List<AccountState> accounts = state.accounts().stream().map(a -> {
      if (followUps.suspend().contains(a.id()) && a.status() == AccountStatus.ACTIVE) {
        return new AccountState(a.id(), AccountStatus.SUSPENDED);
      }
      if (followUps.restore().contains(a.id()) && a.status() == AccountStatus.SUSPENDED) {
        return new AccountState(a.id(), AccountStatus.ACTIVE);
      }
      return a;
    }).toList();
    return new GuardianState(state.liveKey() && !followUps.revokeLiveKey(), accounts);
  }

  private static long count(GuardianState state, AccountStatus status) {
    return state.accounts().stream().filter(a -> a.status() == status).count();
  }

  @Test
  @DisplayName("a disabled guardian with an active login and a live key loses both, whatever "
      + "the flag was before")
  void aDisabledGuardianWithAnActiveLoginIsSuspended() {
    GuardianFollowUps followUps = RosterFollowUps.forGuardian(DISABLED, new GuardianState(true,
        List.of(new AccountState(FIRST, AccountStatus.ACTIVE))));
    assertThat(followUps).isEqualTo(new GuardianFollowUps(true, List.of(FIRST), List.of()));
  }

  @Test
  @DisplayName("an enabled guardian whose login the roster suspended gets it back")
  void anEnabledGuardianWithASuspendedLoginIsRestored() {
    GuardianFollowUps followUps = RosterFollowUps.forGuardian(ENABLED, new GuardianState(false,
        List.of(new AccountState(FIRST, AccountStatus.DISABLED),
            new AccountState(SECOND, AccountStatus.SUSPENDED))));
    assertThat(followUps).isEqualTo(new GuardianFollowUps(false, List.of(), List.of(SECOND)));
  }

  @Test
  @DisplayName("an enabled guardian who made a new login meanwhile keeps the old one suspended")
  void anEnabledGuardianWithAnActiveLoginRestoresNothing() {
    assertThat(RosterFollowUps.forGuardian(ENABLED, new GuardianState(true,
        List.of(new AccountState(FIRST, AccountStatus.SUSPENDED),
            new AccountState(SECOND, AccountStatus.ACTIVE)))))
        .isEqualTo(GuardianFollowUps.NONE);
  }

  @Test
  @DisplayName("an enabled guardian's live key is never revoked by the roster")
  void anEnabledGuardiansKeyStays() {
    assertThat(RosterFollowUps.forGuardian(ENABLED, new GuardianState(true, List.of())))
        .isEqualTo(GuardianFollowUps.NONE);
  }

  @Test
  @DisplayName("disabled: the live key is revoked and exactly the active accounts suspended")
  void disabledRevokesAndSuspendsExactlyTheActive() {
    qt().forAll(guardianStates()).checkAssert(state -> {
      GuardianFollowUps followUps = RosterFollowUps.forGuardian(DISABLED, state);
      assertThat(followUps.revokeLiveKey()).isEqualTo(state.liveKey());
      assertThat(followUps.suspend()).containsExactlyElementsOf(state.accounts().stream()
          .filter(a -> a.status() == AccountStatus.ACTIVE).map(AccountState::id).toList());
      assertThat(followUps.restore()).isEmpty();
    });
  }

  @Test
  @DisplayName("enabled: nothing is revoked or suspended; the oldest suspended account comes "
      + "back only when none is active; a disabled one never")
  void enabledRestoresTheOldestSuspendedWhenNoneIsActive() {
    qt().forAll(guardianStates()).checkAssert(state -> {
      GuardianFollowUps followUps = RosterFollowUps.forGuardian(ENABLED, state);
      assertThat(followUps.revokeLiveKey()).isFalse();
      assertThat(followUps.suspend()).isEmpty();
      Optional<AccountId> oldestSuspended = state.accounts().stream()
          .filter(a -> a.status() == AccountStatus.SUSPENDED).map(AccountState::id).findFirst();
      if (count(state, AccountStatus.ACTIVE) == 0 && oldestSuspended.isPresent()) {
        assertThat(followUps.restore()).containsExactly(oldestSuspended.get());
      } else {
        assertThat(followUps.restore()).isEmpty();
      }
    });
  }

  @Test
  @DisplayName("after the follow-ups are applied the state agrees with the record, and a second "
      + "sync does nothing")
  void followUpsConvergeInOneSync() {
    qt().forAll(booleans().all(), guardianStates()).checkAssert((enabled, state) -> {
      Guardian written = enabled ? ENABLED : DISABLED;
      GuardianState after = applied(state, RosterFollowUps.forGuardian(written, state));
      assertThat(RosterFollowUps.forGuardian(written, after)).isEqualTo(GuardianFollowUps.NONE);
      if (enabled) {
        assertThat(count(after, AccountStatus.ACTIVE))
            .isEqualTo(Math.min(1, count(state, AccountStatus.ACTIVE)
                + count(state, AccountStatus.SUSPENDED)));
      } else {
        assertThat(after.liveKey()).isFalse();
        assertThat(count(after, AccountStatus.ACTIVE)).isZero();
      }
      assertThat(count(after, AccountStatus.DISABLED))
          .isEqualTo(count(state, AccountStatus.DISABLED));
    });
  }

  @Test
  @DisplayName("disable then re-enable gives back the login the roster took (when it was the "
      + "only active one)")
  void disableThenEnableRoundTrips() {
    qt().forAll(guardianStates()).checkAssert(state -> {
      GuardianState disabled = applied(state, RosterFollowUps.forGuardian(DISABLED, state));
      GuardianState back = applied(disabled, RosterFollowUps.forGuardian(ENABLED, disabled));
      if (count(state, AccountStatus.ACTIVE) == 1 && count(state, AccountStatus.SUSPENDED) == 0) {
        assertThat(back.accounts()).isEqualTo(state.accounts());
      }
      assertThat(count(back, AccountStatus.ACTIVE)).isLessThanOrEqualTo(1);
    });
  }

  // ---- students ----

  private static Student student(EnrollmentStatus status, boolean signIn) {
    return new Student(StudentId.of("s-sofia"), DISTRICT, "204101", "Sofia", "Lopez",
        Optional.empty(), Grade.G7, "Jefferson", status, Optional.empty(), signIn);
  }

  private static Optional<AccountStatus> applied(Optional<AccountStatus> account,
      StudentFollowUp followUp) {
    switch (followUp) {
      case CREATE_ACCOUNT:
        return Optional.of(AccountStatus.ACTIVE);
      case SUSPEND_ACCOUNT:
        return Optional.of(AccountStatus.SUSPENDED);
      case RESTORE_ACCOUNT:
        return Optional.of(AccountStatus.ACTIVE);
      default:
        return account;
    }
  }

  @Test
  @DisplayName("a student wanted (enrolled, eligible grade, sign-in on) has an active login; "
      + "any other has none active; a disabled login is never touched (every combination)")
  void studentFollowUpsOverEveryCombination() {
    List<Optional<AccountStatus>> accounts = new ArrayList<>();
    accounts.add(Optional.empty());
    for (AccountStatus s : AccountStatus.values()) {
      accounts.add(Optional.of(s));
    }
    int combinations = 0;
    for (EnrollmentStatus enrolment : EnrollmentStatus.values()) {
      for (boolean eligible : List.of(true, false)) {
        for (boolean signIn : List.of(true, false)) {
          for (Optional<AccountStatus> account : accounts) {
            combinations++;
            Student written = student(enrolment, signIn);
            boolean wanted = enrolment == EnrollmentStatus.ENROLLED && eligible && signIn;
            StudentFollowUp followUp = RosterFollowUps.forStudent(written, eligible, account);
            StudentFollowUp expected;
            if (account.isEmpty()) {
              expected = wanted ? StudentFollowUp.CREATE_ACCOUNT : StudentFollowUp.NONE;
            } else if (account.get() == AccountStatus.DISABLED) {
              expected = StudentFollowUp.NONE;
            } else if (wanted) {
              expected = account.get() == AccountStatus.SUSPENDED
                  ? StudentFollowUp.RESTORE_ACCOUNT : StudentFollowUp.NONE;
            } else {
              expected = account.get() == AccountStatus.ACTIVE
                  ? StudentFollowUp.SUSPEND_ACCOUNT : StudentFollowUp.NONE;
            }
            assertThat(followUp).as("%s eligible=%s signIn=%s account=%s", enrolment, eligible,
                signIn, account).isEqualTo(expected);
            Optional<AccountStatus> after = applied(account, followUp);
            assertThat(RosterFollowUps.forStudent(written, eligible, after))
                .as("a second sync does nothing").isEqualTo(StudentFollowUp.NONE);
          }
        }
      }
    }
    assertThat(combinations).isEqualTo(2 * 2 * 2 * 4);
  }
}
