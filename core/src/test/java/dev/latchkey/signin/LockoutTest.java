package dev.latchkey.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.model.AccountStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The lockout rules as pure functions: no store, no facade. */
class LockoutTest {
  private static final Instant NOW = Instant.parse("2026-08-17T12:00:00Z");
  private static final Lockout FIVE = Lockout.of(LockoutPolicy.defaults());
  private static final Lockout TEMPORARY = Lockout.of(
      LockoutPolicy.temporary(3, Duration.ofMinutes(5), Duration.ofMinutes(15)));

  private static SignInState failures(int n, Instant last) {
    return new SignInState(n, last, null, null, 0, null);
  }

  @Test
  @DisplayName("S12: an attempt is counted before it verifies")
  void reserveCountsTheAttempt() {
    Lockout.Reservation r = FIVE.reserve(AccountStatus.ACTIVE, SignInState.NEW, NOW);
    assertThat(r.reserved()).isTrue();
    assertThat(r.next()).isEqualTo(failures(1, NOW));
  }

  @Test
  @DisplayName("S12: with the threshold's worth of attempts counted, the next is refused unchanged")
  void reserveRefusesAtTheThresholdInFlight() {
    SignInState full = failures(5, NOW);
    Lockout.Reservation r = FIVE.reserve(AccountStatus.ACTIVE, full, NOW);
    assertThat(r.outcome()).isEqualTo(Lockout.Reservation.Outcome.LOCKED);
    assertThat(r.next()).isEqualTo(full);
    assertThat(FIVE.reserve(AccountStatus.ACTIVE, failures(4, NOW), NOW).reserved()).isTrue();
  }

  @Test
  @DisplayName("S11: attempts while locked neither count nor extend the lock")
  void reserveWhileLockedChangesNothing() {
    SignInState locked = new SignInState(5, NOW, NOW, null, 1, null);
    Lockout.Reservation r = FIVE.reserve(AccountStatus.ACTIVE, locked, NOW.plusSeconds(60));
    assertThat(r.outcome()).isEqualTo(Lockout.Reservation.Outcome.LOCKED);
    assertThat(r.next()).isSameAs(locked);
  }

  @Test
  @DisplayName("a disabled account is refused and left alone")
  void reserveOnDisabledAccount() {
    Lockout.Reservation r = FIVE.reserve(AccountStatus.DISABLED, SignInState.NEW, NOW);
    assertThat(r.outcome()).isEqualTo(Lockout.Reservation.Outcome.DISABLED);
    assertThat(r.next()).isSameAs(SignInState.NEW);
    assertThat(FIVE.fail(AccountStatus.SUSPENDED, failures(5, NOW), NOW).outcome())
        .isEqualTo(Lockout.Failure.Outcome.NOT_COUNTED);
  }

  @Test
  @DisplayName("S9: failures at or beyond the window's age are forgotten; younger ones count")
  void failureWindow() {
    Instant dayAgo = NOW.minus(Duration.ofHours(24));
    assertThat(FIVE.reserve(AccountStatus.ACTIVE, failures(4, dayAgo), NOW).next())
        .isEqualTo(failures(1, NOW));
    Instant justInside = dayAgo.plusMillis(1);
    assertThat(FIVE.reserve(AccountStatus.ACTIVE, failures(4, justInside), NOW).next())
        .isEqualTo(failures(5, NOW));
  }

  @Test
  @DisplayName("S10: the failure that reaches the threshold locks, once, until unlocked")
  void failLocksAtTheThreshold() {
    assertThat(FIVE.fail(AccountStatus.ACTIVE, failures(4, NOW), NOW).outcome())
        .isEqualTo(Lockout.Failure.Outcome.COUNTED);
    Lockout.Failure f = FIVE.fail(AccountStatus.ACTIVE, failures(5, NOW), NOW);
    assertThat(f.outcome()).isEqualTo(Lockout.Failure.Outcome.LOCKED_NOW);
    assertThat(f.next()).isEqualTo(new SignInState(5, NOW, NOW, null, 1, null));
    assertThat(FIVE.fail(AccountStatus.ACTIVE, f.next(), NOW).outcome())
        .as("a second failure of the same lock").isEqualTo(Lockout.Failure.Outcome.COUNTED);
  }

  @Test
  @DisplayName("temporary locks: waits double with the streak, up to the cap; a lapsed lock "
      + "starts a fresh count and keeps the streak")
  void temporaryLocks() {
    Lockout.Failure first = TEMPORARY.fail(AccountStatus.ACTIVE, failures(3, NOW), NOW);
    assertThat(first.next().lockedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    Instant later = NOW.plus(Duration.ofMinutes(5));
    assertThat(first.next().isLocked(later.minusMillis(1))).isTrue();
    assertThat(first.next().isLocked(later)).isFalse();

    Lockout.Reservation again = TEMPORARY.reserve(AccountStatus.ACTIVE, first.next(), later);
    assertThat(again.next()).isEqualTo(new SignInState(1, later, null, null, 1, null));

    SignInState streak = new SignInState(3, later, null, null, 1, null);
    assertThat(TEMPORARY.fail(AccountStatus.ACTIVE, streak, later).next().lockedUntil())
        .isEqualTo(later.plus(Duration.ofMinutes(10)));
    SignInState long1 = new SignInState(3, later, null, null, 5, null);
    assertThat(TEMPORARY.fail(AccountStatus.ACTIVE, long1, later).next().lockedUntil())
        .isEqualTo(later.plus(Duration.ofMinutes(15)));
  }

  @Test
  @DisplayName("success clears the count, the lock and the streak and records the time; "
      + "an unlock keeps the last sign-in")
  void successAndUnlock() {
    SignInState messy = new SignInState(3, NOW, NOW, NOW.plusSeconds(60), 2,
        NOW.minusSeconds(3600));
    assertThat(FIVE.succeed(messy, NOW)).isEqualTo(new SignInState(0, null, null, null, 0, NOW));
    assertThat(Lockout.unlock(messy))
        .isEqualTo(new SignInState(0, null, null, null, 0, NOW.minusSeconds(3600)));
  }
}
