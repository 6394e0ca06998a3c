package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Relationship;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.spi.LatchkeyStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races (S12, S18, S20, S38): many threads parked behind a start gate, released at once, each
 * scenario repeated with fresh roster state per repetition, asserting exactly-once outcomes.
 * Half the threads of the cross-process scenarios go through a second facade over the same
 * store, the stand-in for a second host process.
 *
 * <p>The facade checks cheaply before it calls the store's atomic step (is the key still live?),
 * so under natural scheduling the first thread to commit turns most others away before they
 * reach the store. Even-numbered repetitions therefore also meet inside the store: racing
 * facades run over a {@link StoreMeeting} proxy that holds each racer at the atomic call
 * ({@code redeemKey}, {@code issueKey}, a sign-in's reservation) until all have arrived, then lets
 * them into the backend together (and, for sign-in, records no outcome until every attempt is
 * reserved). Odd-numbered repetitions race without it.
 *
 * <p>Repetitions use the cheap test-only hashing preset of {@link ContractSupport}, so the class
 * stays fast.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class ConcurrencyContract extends ContractSupport {
  /** Each race runs this many times. */
  protected static final int REPETITIONS = 100;
  private static final int THREADS = 16;
  private static final int SIGN_IN_THREADS = 64;
  private static final long WAIT_SECONDS = 60;

  private ExecutorService pool;
  private StoreMeeting meeting;

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(SIGN_IN_THREADS);
    meeting = new StoreMeeting();
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("race threads ended").isTrue();
  }

  // --- S18: one key, many redemptions -----------------------------------------------------

  @Test
  @DisplayName("S18: 16 threads redeem one key with 16 login names: one account, 15 KEY_ALREADY_USED")
  void redeemOneKeyFromSixteenThreadsThenExactlyOneAccount() throws Exception {
    Latchkey racer = racingFacade();
    for (int rep = 0; rep < REPETITIONS; rep++) {
      redeemOneKeyRace("s18-" + rep, rep % 2 == 0, racer, racer);
    }
  }

  @Test
  @DisplayName("S18/S38: the same race with half the threads in a second facade (two processes)")
  void redeemOneKeyFromTwoFacadesThenExactlyOneAccount() throws Exception {
    Latchkey first = racingFacade();
    Latchkey second = otherProcessRacingFacade(b -> b);
    for (int rep = 0; rep < REPETITIONS; rep++) {
      redeemOneKeyRace("s18x-" + rep, rep % 2 == 0, first, second);
    }
  }

  private void redeemOneKeyRace(String tag, boolean meet, Latchkey first, Latchkey second)
      throws Exception {
    Guardian guardian = newGuardian(tag);
    EmailAddress email = guardian.email().orElseThrow();
    String key = issueKey(guardian.id(), email);
    String[] logins = new String[THREADS];
    for (int t = 0; t < THREADS; t++) {
      logins[t] = tag + "-login-" + t;
    }

    List<RedeemResult> results = race(meet, THREADS, Set.of("redeemKey"), Set.of(), t -> () ->
        (t % 2 == 0 ? first : second).activation().redeem(
            new Redemption(key, logins[t], PASSWORD, PASSWORD), REQUEST));

    List<RedeemResult> redeemed = results.stream()
        .filter(r -> r.code() == RedeemCode.REDEEMED).toList();
    assertThat(redeemed).as("%s: redemptions that created an account", tag).hasSize(1);
    assertThat(results).as("%s: every other answer", tag)
        .filteredOn(r -> r.code() != RedeemCode.REDEEMED)
        .extracting(RedeemResult::code)
        .hasSize(THREADS - 1)
        .containsOnly(RedeemCode.KEY_ALREADY_USED);

    PortalAccount winner = store.activeAccountOfGuardian(guardian.id()).orElseThrow(
        () -> new AssertionError(tag + ": the guardian has no account"));
    assertThat(winner.id()).isEqualTo(((RedeemResult.Redeemed) redeemed.get(0)).account().id());
    for (String login : logins) {
      Optional<PortalAccount> byName =
          store.accountByLoginName(DISTRICT, LoginName.of(login).key());
      if (LoginName.of(login).equals(winner.loginName())) {
        assertThat(byName).map(PortalAccount::id).contains(winner.id());
      } else {
        assertThat(byName).as("%s: no orphan account named %s", tag, login).isEmpty();
      }
    }
    assertThat(store.keysOfGuardian(guardian.id())).extracting(ActivationKeyRecord::state)
        .containsExactly(KeyState.REDEEMED);
    latchkey.outbox().runOnce();
    assertThat(mail.sentTo(email, NotificationType.ACCOUNT_CREATED))
        .as("%s: ACCOUNT_CREATED messages", tag).hasSize(1);
  }

  // --- One login name, many keys ------------------------------------------------------------

  @Test
  @DisplayName("16 guardians race for one login name: one REDEEMED, 15 USERNAME_TAKEN, keys kept")
  void redeemSixteenKeysWithOneLoginNameThenExactlyOneWins() throws Exception {
    Latchkey first = racingFacade();
    Latchkey second = otherProcessRacingFacade(b -> b);
    for (int rep = 0; rep < REPETITIONS; rep++) {
      String tag = "name-" + rep;
      List<Guardian> guardians = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Guardian guardian = newGuardian(tag + "-" + t);
        guardians.add(guardian);
        keys.add(issueKey(guardian.id(), guardian.email().orElseThrow()));
      }
      String login = "same" + rep + "name";

      List<RedeemResult> results = race(rep % 2 == 0, THREADS, Set.of("redeemKey"), Set.of(),
          t -> () ->
          (t % 2 == 0 ? first : second).activation().redeem(
              new Redemption(keys.get(t), login, PASSWORD, PASSWORD), REQUEST));

      assertThat(results).as("%s: redemptions that created an account", tag)
          .filteredOn(r -> r.code() == RedeemCode.REDEEMED).hasSize(1);
      assertThat(results).as("%s: every other answer", tag)
          .filteredOn(r -> r.code() != RedeemCode.REDEEMED)
          .extracting(RedeemResult::code)
          .hasSize(THREADS - 1)
          .containsOnly(RedeemCode.USERNAME_TAKEN);

      int winnerIndex = indexOfRedeemed(results);
      PortalAccount owner = store.accountByLoginName(DISTRICT, LoginName.of(login).key())
          .orElseThrow(() -> new AssertionError(tag + ": nobody got the name"));
      assertThat(owner.guardian()).isEqualTo(guardians.get(winnerIndex).id());
      for (int t = 0; t < THREADS; t++) {
        GuardianId id = guardians.get(t).id();
        List<KeyState> states = store.keysOfGuardian(id).stream()
            .map(ActivationKeyRecord::state).toList();
        if (t == winnerIndex) {
          assertThat(store.activeAccountOfGuardian(id)).isPresent();
          assertThat(states).containsExactly(KeyState.REDEEMED);
        } else {
          // S19: a failed redemption leaves the key unused and creates nothing.
          assertThat(store.activeAccountOfGuardian(id)).as("%s: loser %s", tag, id).isEmpty();
          assertThat(states).as("%s: loser %s keeps its key", tag, id)
              .containsExactly(KeyState.LIVE);
        }
      }
    }
  }

  private static int indexOfRedeemed(List<RedeemResult> results) {
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).code() == RedeemCode.REDEEMED) {
        return i;
      }
    }
    throw new AssertionError("no redemption succeeded");
  }

  // --- S20: reissue racing redemption -----------------------------------------------------

  @Test
  @DisplayName("S20: a reissue racing a redemption: at most one is effective, never account and live key")
  void reissueRacingRedemptionThenAtMostOneEffective() throws Exception {
    Latchkey first = racingFacade();
    Latchkey second = otherProcessRacingFacade(b -> b);
    for (int rep = 0; rep < REPETITIONS; rep++) {
      String tag = "s20-" + rep;
      Guardian guardian = newGuardian(tag);
      EmailAddress email = guardian.email().orElseThrow();
      String oldKey = issueKey(guardian.id(), email);
      Latchkey redeemer = rep % 4 < 2 ? first : second;
      Latchkey issuer = rep % 4 < 2 ? second : first;

      List<Object> results = race(rep % 2 == 0, 2, Set.of("redeemKey", "issueKey"), Set.of(),
          t -> t == 0
          ? () -> redeemer.activation().redeem(
              new Redemption(oldKey, tag + "-login", PASSWORD, PASSWORD), REQUEST)
          : () -> issuer.activation().issue(guardian.id(), REQUEST));
      RedeemResult redeem = (RedeemResult) results.get(0);
      IssueResult issue = (IssueResult) results.get(1);

      Optional<PortalAccount> account = store.activeAccountOfGuardian(guardian.id());
      List<ActivationKeyRecord> keys = store.keysOfGuardian(guardian.id());
      long live = keys.stream().filter(k -> k.state() == KeyState.LIVE).count();
      assertThat(account.isPresent() && live > 0)
          .as("%s: an account and a live key at once (redeem %s, issue %s)", tag,
              redeem.code(), issue.code())
          .isFalse();

      if (redeem.code() == RedeemCode.REDEEMED) {
        assertThat(issue.code()).as("%s: the reissue after the redemption", tag)
            .isEqualTo(IssueResult.IssueCode.ACCOUNT_EXISTS);
        assertThat(account).as("%s: the account", tag).isPresent();
        assertThat(keys).extracting(ActivationKeyRecord::state)
            .containsExactly(KeyState.REDEEMED);
        assertThat(mail.sentTo(email, NotificationType.ACTIVATION_KEY)).hasSize(1);
      } else {
        assertThat(redeem.code()).as("%s: the redemption after the reissue", tag)
            .isEqualTo(RedeemCode.KEY_REVOKED);
        assertThat(issue.code()).as("%s: the reissue", tag)
            .isEqualTo(IssueResult.IssueCode.ISSUED);
        assertThat(account).as("%s: no account", tag).isEmpty();
        assertThat(keys).extracting(ActivationKeyRecord::state)
            .containsExactlyInAnyOrder(KeyState.REVOKED, KeyState.LIVE);
        String newKey = mail.lastKeyFor(email).orElseThrow();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(latchkey.activation().redeem(
                new Redemption(newKey, tag + "-later", PASSWORD, PASSWORD), REQUEST).code())
            .as("%s: the new key is live", tag)
            .isEqualTo(RedeemCode.REDEEMED);
      }
    }
  }

  // --- Roster: a disable racing a redemption ------------------------------------------------

  @Test
  @DisplayName("The SIS disabling a guardian racing the guardian's redemption: never an active "
      + "login or a live key for a disabled guardian, and re-enabling gives the login back")
  void disableRacingRedemptionThenNoActiveLoginForTheDisabledGuardian() throws Exception {
    Latchkey first = racingFacade();
    Latchkey second = otherProcessRacingFacade(b -> b);
    for (int rep = 0; rep < REPETITIONS; rep++) {
      String tag = "sis-" + rep;
      Guardian guardian = newGuardian(tag);
      String key = issueKey(guardian.id(), guardian.email().orElseThrow());
      Latchkey redeemer = rep % 4 < 2 ? first : second;
      Latchkey roster = rep % 4 < 2 ? second : first;

      List<Object> results = race(rep % 2 == 0, 2, Set.of("redeemKey", "syncGuardians"),
          Set.of(), t -> t == 0
              ? () -> redeemer.activation().redeem(
                  new Redemption(key, tag + "-login", PASSWORD, PASSWORD), REQUEST)
              : () -> roster.roster().putGuardian(guardian.withSignInEnabled(false)));
      RedeemResult redeem = (RedeemResult) results.get(0);
      assertThat(results.get(1)).isEqualTo(RosterResult.APPLIED);

      assertThat(store.activeAccountOfGuardian(guardian.id()))
          .as("%s: an active login for a disabled guardian (redeem %s)", tag, redeem.code())
          .isEmpty();
      assertThat(store.keysOfGuardian(guardian.id())).extracting(ActivationKeyRecord::state)
          .as("%s: a live key for a disabled guardian", tag).doesNotContain(KeyState.LIVE);
      List<PortalAccount> accounts = store.accountsOfGuardian(guardian.id());
      if (redeem.code() == RedeemCode.REDEEMED) {
        assertThat(accounts).as(tag).singleElement().extracting(PortalAccount::status)
            .isEqualTo(dev.latchkey.model.AccountStatus.SUSPENDED);
      } else {
        assertThat(redeem.code()).as(tag).isEqualTo(RedeemCode.KEY_REVOKED);
        assertThat(accounts).as(tag).isEmpty();
      }

      latchkey.roster().putGuardian(guardian);
      assertThat(store.activeAccountOfGuardian(guardian.id()).isPresent())
          .as("%s: re-enabled, the login is back exactly when one was made", tag)
          .isEqualTo(redeem.code() == RedeemCode.REDEEMED);
    }
  }

  // --- S12 / S14: lockout under a burst of wrong passwords across two facades ---------------

  @Test
  @DisplayName("S12: 64 racing wrong passwords over two facades: locked, at most 5 checked against the real hash")
  void wrongPasswordBurstAcrossTwoFacadesThenAtMostThresholdRealVerifications() throws Exception {
    RecordingHasher recording = new RecordingHasher(hasher);
    Latchkey first = racingFacade(b -> b.passwordHasher(recording));
    Latchkey second = otherProcessRacingFacade(b -> b.passwordHasher(recording));
    int threshold = 5; // LockoutPolicy.defaults(), as ContractSupport wires it
    SignInResult failed = new SignInResult.Failed();

    for (int rep = 0; rep < REPETITIONS; rep++) {
      String tag = "s12-" + rep;
      Guardian guardian = newGuardian(tag);
      EmailAddress email = guardian.email().orElseThrow();
      String login = tag + "-login";
      AccountId id = createAccount(guardian.id(), email, login);
      recording.watch(store.account(id).orElseThrow().passwordHash());

      List<SignInResult> results = race(rep % 2 == 0, SIGN_IN_THREADS,
          // A reservation is updateSignIn by login name (three arguments); a failure or a
          // success settles it by account id (two).
          Set.of("updateSignIn/3"), Set.of("updateSignIn/2"), t -> () ->
          (t % 2 == 0 ? first : second).signIn().signIn(
              credentials(login, "wrong guess number " + t + " of " + tag), REQUEST));

      assertThat(results).as("%s: answers (S13)", tag).containsOnly(failed);
      PortalAccount after = store.account(id).orElseThrow();
      assertThat(after.isLocked(clock.instant())).as("%s: locked", tag).isTrue();
      assertThat(after.failedAttempts()).as("%s: failures counted (S11)", tag)
          .isLessThanOrEqualTo(threshold);
      assertThat(recording.verifiesOfWatched())
          .as("%s: verifications against the real hash (S12)", tag)
          .isBetween(1, threshold);
      assertThat(recording.verifies()).as("%s: verifications in all (S14)", tag)
          .isEqualTo(SIGN_IN_THREADS);
      latchkey.outbox().runOnce();
      assertThat(mail.sentTo(email, NotificationType.ACCOUNT_LOCKED))
          .as("%s: lock notices (S13: told once, out of band)", tag).hasSize(1);
      assertThat(audit.events(AuditEventType.ACCOUNT_LOCKED))
          .as("%s: lock events", tag)
          .filteredOn(e -> e.subject().equals("account:" + id)).hasSize(1);
      // Locked means locked: the right password fails too, through either facade.
      assertThat(second.signIn().signIn(credentials(login, PASSWORD), REQUEST)).isEqualTo(failed);
    }
  }

  // --- S38: two facades share one counter ---------------------------------------------------

  @Test
  @DisplayName("S38: two facades alternating wrong passwords lock the account at the 5th failure")
  void alternatingFacadesThenLockAtFifthFailureCountedAcrossBoth() {
    Latchkey second = facade(b -> b.store(anotherProcessStore()));
    AccountId id = createAccount(MARIA, MARIA_EMAIL, "mlopez");
    SignInResult failed = new SignInResult.Failed();

    for (int attempt = 1; attempt <= 5; attempt++) {
      Latchkey process = attempt % 2 == 1 ? latchkey : second;
      assertThat(process.signIn().signIn(credentials("mlopez", OTHER_PASSWORD), REQUEST))
          .isEqualTo(failed);
      PortalAccount now = store.account(id).orElseThrow();
      assertThat(now.failedAttempts()).as("failures after attempt %d", attempt).isEqualTo(attempt);
      assertThat(now.isLocked(clock.instant())).as("locked after attempt %d", attempt)
          .isEqualTo(attempt == 5);
    }
    assertThat(latchkey.signIn().signIn(credentials("mlopez", PASSWORD), REQUEST))
        .isEqualTo(failed);
    assertThat(second.signIn().signIn(credentials("mlopez", PASSWORD), REQUEST))
        .isEqualTo(failed);
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.ACCOUNT_LOCKED)).hasSize(1);
  }

  @Test
  @DisplayName("S38: a success in one facade clears the failures counted through the other")
  void successInOneFacadeThenClearsFailuresOfTheOther() {
    Latchkey second = facade(b -> b.store(anotherProcessStore()));
    AccountId id = createAccount(MARIA, MARIA_EMAIL, "mlopez");
    for (int attempt = 0; attempt < 4; attempt++) {
      latchkey.signIn().signIn(credentials("mlopez", OTHER_PASSWORD), REQUEST);
    }
    assertThat(store.account(id).orElseThrow().failedAttempts()).isEqualTo(4);

    assertThat(second.signIn().signIn(credentials("mlopez", PASSWORD), REQUEST).code())
        .isEqualTo(SignInResult.Code.SIGNED_IN);

    assertThat(store.account(id).orElseThrow().failedAttempts()).isZero();
    latchkey.signIn().signIn(credentials("mlopez", OTHER_PASSWORD), REQUEST);
    assertThat(store.account(id).orElseThrow().isLocked(clock.instant())).isFalse();
  }

  // --- Helpers ----------------------------------------------------------------------------

  /**
   * Runs {@code threads} tasks at once: each is submitted, waits until all are ready and parked
   * behind one gate, and all are released together. With {@code meet}, the racers' calls of the
   * {@code atomicCalls} store methods also wait for each other inside the store, and their
   * calls of the {@code followUps} wait until all atomic calls have returned (see
   * {@link StoreMeeting}). Returns the results in task order; a task's exception fails the test.
   */
  protected final <T> List<T> race(boolean meet, int threads, Set<String> atomicCalls,
      Set<String> followUps, IntFunction<Callable<? extends T>> task) throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<? extends T>> futures = new ArrayList<>(threads);
    if (meet) {
      meeting.arm(threads, atomicCalls, followUps);
    }
    try {
      for (int t = 0; t < threads; t++) {
        Callable<? extends T> body = task.apply(t);
        futures.add(pool.submit(() -> {
          ready.countDown();
          gate.await();
          return body.call();
        }));
      }
      assertThat(ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("threads at the gate").isTrue();
      gate.countDown();
      List<T> results = new ArrayList<>(threads);
      for (Future<? extends T> future : futures) {
        results.add(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      int alone = meeting.disarm();
      if (meet) {
        assertThat(alone).as("racers that reached the store without meeting the others").isZero();
      }
    }
  }

  /** A facade over the store through the {@link StoreMeeting}: another racing process. */
  protected final Latchkey racingFacade() {
    return racingFacade(b -> b);
  }

  /** {@link #racingFacade()}, customised. */
  protected final Latchkey racingFacade(UnaryOperator<Latchkey.Builder> customise) {
    return facade(b -> customise.apply(b.store(meeting.store(store))));
  }

  /**
   * A racing facade over {@link #anotherProcessStore()}: a second host process, with its own
   * connections where the backend has them, meeting the first inside the store.
   */
  protected final Latchkey otherProcessRacingFacade(
      UnaryOperator<Latchkey.Builder> customise) {
    return facade(b -> customise.apply(b.store(meeting.store(anotherProcessStore()))));
  }

  /** A new guardian of the district with an address of record, linked to Sofia. */
  protected final Guardian newGuardian(String tag) {
    Guardian guardian = Guardian.of(GuardianId.of("g-" + tag), DISTRICT, "Pat", "Quinn",
        EmailAddress.of(tag + "@example.org"));
    assertThat(latchkey.roster().putGuardian(guardian)).isEqualTo(RosterResult.APPLIED);
    assertThat(latchkey.roster().link(
            new GuardianLink(guardian.id(), SOFIA, Relationship.PARENT, true)))
        .isEqualTo(RosterResult.APPLIED);
    return guardian;
  }

  /**
   * The store behind a proxy that, while armed, holds every call of the {@code meetAt} methods
   * until as many of them as there are racers have arrived, then lets them all into the backend
   * at once; calls of the {@code thenAt} methods wait until every met call has returned. For
   * sign-in this puts all reservations before any failure is recorded: the window of the
   * Keycloak lockout race (CVE-2024-4629), opened every time rather than by luck. Nothing is
   * held inside the backend while waiting (no transaction, no row lock), so a correct backend
   * is only made to prove its atomic steps under real contention.
   */
  private static final class StoreMeeting {
    private static final long PATIENCE_SECONDS = 10;
    private volatile Set<String> meetAt = Set.of();
    private volatile Set<String> thenAt = Set.of();
    private volatile CountDownLatch arrived = new CountDownLatch(0);
    private volatile CountDownLatch passed = new CountDownLatch(0);
    private final AtomicInteger alone = new AtomicInteger();

    /** A proxy over {@code delegate} that meets with every other proxy of this meeting. */
    LatchkeyStore store(LatchkeyStore delegate) {
      return (LatchkeyStore) Proxy.newProxyInstance(
          LatchkeyStore.class.getClassLoader(), new Class<?>[] {LatchkeyStore.class},
          (self, method, args) -> {
            boolean meets = meetAt.contains(method.getName())
                || meetAt.contains(method.getName() + "/" + method.getParameterCount());
            CountDownLatch after = passed;
            if (meets) {
              CountDownLatch meet = arrived;
              meet.countDown();
              waitFor(meet);
            } else if (thenAt.contains(method.getName())
                || thenAt.contains(method.getName() + "/" + method.getParameterCount())) {
              waitFor(after);
            }
            try {
              return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              if (meets) {
                after.countDown();
              }
            }
          });
    }

    private void waitFor(CountDownLatch latch) throws InterruptedException {
      if (!latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
        alone.incrementAndGet();
      }
    }

    void arm(int parties, Set<String> meetAtMethods, Set<String> thenAtMethods) {
      alone.set(0);
      arrived = new CountDownLatch(parties);
      passed = new CountDownLatch(parties);
      thenAt = Set.copyOf(thenAtMethods);
      meetAt = Set.copyOf(meetAtMethods);
    }

    /** Stops holding calls; returns how many waits gave up since {@link #arm}. */
    int disarm() {
      meetAt = Set.of();
      thenAt = Set.of();
      arrived = new CountDownLatch(0);
      passed = new CountDownLatch(0);
      return alone.getAndSet(0);
    }
  }
}
