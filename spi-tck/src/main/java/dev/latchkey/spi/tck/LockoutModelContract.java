package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.latchkey.Latchkey;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.signin.Lockout;
import dev.latchkey.signin.LockoutPolicy;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.signin.SignInState;
import dev.latchkey.spi.AccountStore.SignInUpdate;
import dev.latchkey.spi.Effects;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The lockout state machine against a plain reference model: random sequences of right and
 * wrong passwords, unlocks, attempts left in flight (a host process that died between reserving
 * and settling) and clock moves, under five policies. After every step the sign-in's answer and
 * the account's stored state must be the model's. The model is written from S9–S11 alone, apart
 * from the core's {@link Lockout}, so a rule changed in either disagrees with the other.
 */
public abstract class LockoutModelContract extends ContractSupport {
  /** Sequences per run: at least a thousand in every build, on every backend. */
  private static final int SEQUENCES = 1_000;
  private static final String LOGIN = "maria.lopez";
  private static final String WRONG = "definitely not the password";
  private static final Duration[] TICKS = {Duration.ofMinutes(1), Duration.ofMinutes(4),
      Duration.ofMinutes(6), Duration.ofMinutes(31), Duration.ofMinutes(61),
      Duration.ofHours(25)};
  private static final LockoutPolicy[] POLICIES = {
      LockoutPolicy.defaults(),
      LockoutPolicy.untilUnlocked(2),
      LockoutPolicy.untilUnlocked(3).withFailureWindow(Duration.ofMinutes(30)),
      LockoutPolicy.temporary(2, Duration.ofMinutes(5), Duration.ofMinutes(40)),
      LockoutPolicy.temporary(3, Duration.ofMinutes(5), Duration.ofHours(1))
          .withFailureWindow(Duration.ofMinutes(30))};

  @Test
  @DisplayName("S9-S12: every backend locks, unlocks, forgets and refuses exactly as the model")
  void lockoutMatchesTheModelAfterEveryStep() {
    AccountId account = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey[] facades = new Latchkey[POLICIES.length];
    for (int i = 0; i < POLICIES.length; i++) {
      LockoutPolicy policy = POLICIES[i];
      facades[i] = facade(b -> b.lockoutPolicy(policy));
    }
    qt().withExamples(SEQUENCES).withShrinkCycles(50)
        .forAll(integers().between(0, POLICIES.length - 1),
            lists().of(integers().between(0, 999)).ofSizeBetween(1, 14))
        .checkAssert((p, steps) -> run(account, facades[p], POLICIES[p], steps));
  }

  private void run(AccountId id, Latchkey facade, LockoutPolicy policy, List<Integer> steps) {
    store.updateSignIn(id, found -> new SignInUpdate<>(null, SignInState.NEW, null,
        Effects.none()));
    Model model = new Model(policy);
    StringBuilder trail = new StringBuilder(policy.toString());
    for (int step : steps) {
      Instant now = clock.instant();
      switch (step % 5) {
        case 0 -> {
          trail.append(" wrong");
          boolean signedIn = signIn(facade, WRONG);
          assertThat(signedIn).as(trail.toString()).isFalse();
          model.attempt(now, false);
        }
        case 1 -> {
          trail.append(" right");
          boolean signedIn = signIn(facade, PASSWORD);
          assertThat(signedIn).as(trail.toString()).isEqualTo(model.attempt(now, true));
        }
        case 2 -> {
          trail.append(" unlock");
          assertThat(facade.accounts().unlock(id, REQUEST)).as(trail.toString())
              .isEqualTo(model.unlock());
        }
        case 3 -> {
          Duration tick = TICKS[(step / 5) % TICKS.length];
          trail.append(" +").append(tick);
          clock.advance(tick);
        }
        default -> {
          trail.append(" in-flight");
          Lockout lockout = Lockout.of(policy);
          store.updateSignIn(id, found -> {
            Lockout.Reservation r = lockout.reserve(found.status(), found.signInState(), now);
            return new SignInUpdate<>(null, r.next(), null, Effects.none());
          });
          model.reserveOnly(now);
        }
      }
      PortalAccount stored = store.account(id).orElseThrow();
      String at = trail.toString();
      assertThat(stored.failedAttempts()).as("failures after " + at).isEqualTo(model.failures);
      assertThat(stored.lockedAt() != null).as("lock after " + at).isEqualTo(model.locked);
      assertThat(stored.lockedUntil()).as("lock end after " + at).isEqualTo(model.lockedUntil);
      assertThat(stored.lockouts()).as("streak after " + at).isEqualTo(model.lockouts);
      assertThat(stored.isLocked(clock.instant())).as("locked now after " + at)
          .isEqualTo(model.lockHolds(clock.instant()));
    }
  }

  private static boolean signIn(Latchkey facade, String password) {
    return facade.signIn().signIn(credentials(LOGIN, password), REQUEST)
        instanceof SignInResult.SignedIn;
  }

  /** S9–S11 as a reader of SECURITY.md would write them, one field at a time. */
  private static final class Model {
    private final LockoutPolicy policy;
    int failures;
    Instant lastFailure;
    boolean locked;
    Instant lockedUntil;
    int lockouts;

    Model(LockoutPolicy policy) {
      this.policy = policy;
    }

    boolean lockHolds(Instant now) {
      return locked && (lockedUntil == null || now.isBefore(lockedUntil));
    }

    /** An attempt with a right or wrong password; true when it signs in. */
    boolean attempt(Instant now, boolean right) {
      if (!admit(now)) {
        return false;
      }
      failures++;
      lastFailure = now;
      if (right) {
        failures = 0;
        lastFailure = null;
        lockouts = 0;
        return true;
      }
      if (failures >= policy.threshold()) {
        locked = true;
        lockedUntil = policy.isTemporary() ? now.plus(lockWait()) : null;
        lockouts++;
      }
      return false;
    }

    /** An attempt counted and never settled. */
    void reserveOnly(Instant now) {
      if (admit(now)) {
        failures++;
        lastFailure = now;
      }
    }

    private boolean admit(Instant now) {
      if (lockHolds(now)) {
        return false; // S11: neither counted nor extended
      }
      if (locked) { // a temporary lock ran out: a fresh count, the streak kept
        locked = false;
        lockedUntil = null;
        failures = 0;
        lastFailure = null;
      }
      if (lastFailure != null && !now.isBefore(lastFailure.plus(policy.failureWindow()))) {
        failures = 0; // S9: forgotten after the window
        lastFailure = null;
      }
      return failures < policy.threshold(); // at most the threshold in flight (S12)
    }

    private Duration lockWait() {
      Duration first = policy.lockDuration(0);
      Duration max = policy.lockDuration(100);
      Duration wait = first.multipliedBy(1L << Math.min(lockouts, 20));
      return wait.compareTo(max) > 0 ? max : wait;
    }

    boolean unlock() {
      boolean was = locked;
      locked = false;
      lockedUntil = null;
      failures = 0;
      lastFailure = null;
      lockouts = 0;
      return was;
    }
  }
}
