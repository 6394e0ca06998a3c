package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ThrottlePolicy;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.Redemption;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Role;
import dev.latchkey.model.Student;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.schedule.SupportSchedule;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.LockoutPolicy;
import dev.latchkey.signin.SignInResult;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with lockout (S9–S15): success, the lock at the fifth consecutive failure, one notice
 * to the owner, attempts while locked that neither count nor extend, unlock, the failure window,
 * equal work and one answer for every failing state, the temporary policy, re-hashing on
 * success, the per-source throttle and login-name normalisation.
 */
public abstract class SignInContract extends ContractSupport {
  private static final String LOGIN = "maria.lopez";
  private static final String WRONG = "definitely not the password";
  private static final SignInResult FAILED = new SignInResult.Failed();
  private static final RequestContext OTHER_SOURCE = RequestContext.of("203.0.113.99", "Other/2.0");

  private SignInResult signIn(String loginName, String password) {
    return signIn(latchkey, loginName, password);
  }

  private static SignInResult signIn(Latchkey facade, String loginName, String password) {
    return facade.signIn().signIn(credentials(loginName, password), REQUEST);
  }

  private void fail(int times) {
    fail(latchkey, times);
  }

  private static void fail(Latchkey facade, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(signIn(facade, LOGIN, WRONG)).isEqualTo(FAILED);
    }
  }

  private PortalAccount stored(AccountId id) {
    return store.account(id).orElseThrow();
  }

  private boolean lockedNow(AccountId id) {
    return stored(id).isLocked(clock.instant());
  }

  private List<Notification> lockMail() {
    return mail.sentTo(MARIA_EMAIL, NotificationType.ACCOUNT_LOCKED);
  }

  private Latchkey temporaryLockFacade() {
    return facade(b -> b.lockoutPolicy(
        LockoutPolicy.temporary(5, Duration.ofMinutes(5), Duration.ofHours(1))));
  }

  // --- success -------------------------------------------------------------------------------

  @Test
  @DisplayName("the right password signs in and returns the account and its role")
  void rightPasswordSignsIn() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);

    SignInResult result = signIn(LOGIN, PASSWORD);

    assertThat(result.code()).isEqualTo(SignInResult.Code.SIGNED_IN);
    SignInResult.SignedIn signedIn = (SignInResult.SignedIn) result;
    assertThat(signedIn.account().id()).isEqualTo(id);
    assertThat(signedIn.account().role()).isEqualTo(Role.GUARDIAN);
    assertThat(signedIn.account().guardian()).contains(MARIA);
    assertThat(signedIn.account().loginName().value()).isEqualTo(LOGIN);
  }

  @Test
  @DisplayName("a guardian signing in need not change the password")
  void signInDoesNotRequirePasswordChange() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);

    SignInResult result = signIn(LOGIN, PASSWORD);

    assertThat(((SignInResult.SignedIn) result).passwordChangeRequired()).isFalse();
  }

  @Test
  @DisplayName("signing in returns the students the guardian may see")
  void signInReturnsVisibleStudents() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);

    SignInResult result = signIn(LOGIN, PASSWORD);

    assertThat(((SignInResult.SignedIn) result).students())
        .extracting(Student::id).containsExactly(MATEO, SOFIA);
  }

  @Test
  @DisplayName("signing in records the time and is audited as SIGNED_IN")
  void signInIsRecordedAndAudited() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    clock.advance(Duration.ofMinutes(3));

    signIn(LOGIN, PASSWORD);

    assertThat(stored(id).lastSignInAt()).isEqualTo(clock.instant());
    assertThat(audit.events(AuditEventType.SIGNED_IN)).singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo("account:" + id));
  }

  @Test
  @DisplayName("a wrong password fails")
  void wrongPasswordFails() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);

    assertThat(signIn(LOGIN, WRONG)).isEqualTo(FAILED);
  }

  @Test
  @DisplayName("an unknown login name fails")
  void unknownNameFails() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);

    assertThat(signIn("nobody.here", PASSWORD)).isEqualTo(FAILED);
  }

  @Test
  @DisplayName("a login name from another district fails")
  void otherDistrictFails() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);

    SignInResult result = latchkey.signIn().signIn(
        new Credentials(DistrictId.of("aurora-204"), LOGIN, PASSWORD), REQUEST);

    assertThat(result).isEqualTo(FAILED);
  }

  // --- lockout -------------------------------------------------------------------------------

  @Test
  @DisplayName("four failures do not lock: the right password still works")
  void fourFailuresDoNotLock() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(4);

    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("the fifth consecutive failure locks the account and answers the same Failed")
  void fifthFailureLocks() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(4);
    assertThat(lockedNow(id)).isFalse();

    SignInResult fifth = signIn(LOGIN, WRONG);

    assertThat(fifth).isEqualTo(FAILED);
    assertThat(lockedNow(id)).isTrue();
  }

  @Test
  @DisplayName("once locked, even the right password fails")
  void lockedAccountRefusesRightPassword() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);

    assertThat(signIn(LOGIN, PASSWORD)).isEqualTo(FAILED);
  }

  @Test
  @DisplayName("the default lock does not lift with time")
  void defaultLockHoldsUntilUnlocked() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);
    clock.advance(Duration.ofDays(30));

    assertThat(signIn(LOGIN, PASSWORD)).isEqualTo(FAILED);
  }

  @Test
  @DisplayName("the lock mails exactly one ACCOUNT_LOCKED notice to the owner, with the helpdesk")
  void lockMailsOneNotice() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);

    fail(5);

    assertThat(lockMail()).singleElement().satisfies(notice -> {
      assertThat(notice.field(Notification.LOGIN_NAME)).contains(LOGIN);
      assertThat(notice.field(Notification.HELPDESK_PHONE)).contains("630.420.6825");
      assertThat(notice.field(Notification.HELPDESK_EMAIL)).contains("parentsupport@example.org");
      assertThat(notice.secret()).isEmpty();
    });
    assertThat(mail.sent()).filteredOn(n -> n.type() == NotificationType.ACCOUNT_LOCKED)
        .hasSize(1);
  }

  @Test
  @DisplayName("a lock on a Friday evening before a holiday Monday names Tuesday 07:30 as the opening")
  void lockNoticeNamesTheHelpdeskOpening() {
    ZoneId chicago = ZoneId.of("America/Chicago");
    Latchkey holidays = facade(b -> b.supportSchedule(DISTRICT, SupportSchedule.defaults(chicago)
        .toBuilder().holiday(LocalDate.of(2026, 9, 7)).build()));
    String key = issueKey(MARIA, MARIA_EMAIL);
    holidays.activation().redeem(new Redemption(key, LOGIN, PASSWORD, PASSWORD), REQUEST);
    clock.set(ZonedDateTime.of(2026, 9, 4, 18, 30, 0, 0, chicago).toInstant());

    for (int i = 0; i < 5; i++) {
      holidays.signIn().signIn(credentials(LOGIN, "not my password " + i), REQUEST);
    }

    assertThat(lockMail()).singleElement().satisfies(notice -> {
      assertThat(notice.field(Notification.HELPDESK_OPENS)).contains(
          ZonedDateTime.of(2026, 9, 8, 7, 30, 0, 0, chicago).toInstant().toString());
      assertThat(notice.field(Notification.RESPONSE_DUE_BY)).isPresent();
      assertThat(notice.field(Notification.HELPDESK_HOURS)).hasValueSatisfying(
          hours -> assertThat(hours).contains("7:30"));
    });
  }

  @Test
  @DisplayName("the lock is audited once as ACCOUNT_LOCKED")
  void lockIsAuditedOnce() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);
    fail(3);

    assertThat(audit.events(AuditEventType.ACCOUNT_LOCKED)).singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo("account:" + id));
  }

  @Test
  @DisplayName("attempts while locked send no more mail")
  void attemptsWhileLockedSendNoMail() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);

    fail(10);
    signIn(LOGIN, PASSWORD);

    assertThat(lockMail()).hasSize(1);
  }

  @Test
  @DisplayName("attempts while locked are not counted and change no lock state (S11)")
  void attemptsWhileLockedAreNotCounted() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);
    PortalAccount locked = stored(id);
    clock.advance(Duration.ofMinutes(1));

    fail(10);
    signIn(LOGIN, PASSWORD);

    PortalAccount after = stored(id);
    assertThat(after.failedAttempts()).isEqualTo(locked.failedAttempts());
    assertThat(after.lastFailureAt()).isEqualTo(locked.lastFailureAt());
    assertThat(after.lockedAt()).isEqualTo(locked.lockedAt());
    assertThat(after.lockedUntil()).isEqualTo(locked.lockedUntil());
    assertThat(after.lockouts()).isEqualTo(locked.lockouts());
  }

  @Test
  @DisplayName("unlock lifts the lock and the right password works again")
  void unlockLiftsTheLock() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);

    boolean unlocked = latchkey.accounts().unlock(id, REQUEST);

    assertThat(unlocked).isTrue();
    assertThat(lockedNow(id)).isFalse();
    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("unlock clears the count: four failures after it do not lock")
  void unlockClearsTheCount() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);
    latchkey.accounts().unlock(id, REQUEST);

    fail(4);

    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("unlock is audited as ACCOUNT_UNLOCKED")
  void unlockIsAudited() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);

    latchkey.accounts().unlock(id, REQUEST);

    assertThat(audit.events(AuditEventType.ACCOUNT_UNLOCKED)).singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo("account:" + id));
  }

  @Test
  @DisplayName("a success resets the count: 4 failures, success, 4 failures do not lock")
  void successResetsTheCount() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(4);
    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);

    fail(4);

    assertThat(lockedNow(id)).isFalse();
    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(lockMail()).isEmpty();
  }

  @Test
  @DisplayName("failures older than the 24-hour window are forgotten (S9)")
  void oldFailuresAreForgotten() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(4);
    clock.advance(Duration.ofHours(24).plusSeconds(1));

    fail(1);

    assertThat(lockedNow(id)).isFalse();
    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("failures within the 24-hour window add up to a lock")
  void failuresWithinTheWindowAddUp() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(4);
    clock.advance(Duration.ofHours(23));

    fail(1);

    assertThat(lockedNow(id)).isTrue();
    assertThat(signIn(LOGIN, PASSWORD)).isEqualTo(FAILED);
  }

  @Test
  @DisplayName("the failure count belongs to the account, not the source (S9)")
  void failuresCountPerAccountAcrossSources() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    for (int i = 0; i < 5; i++) {
      RequestContext source = RequestContext.of("192.0.2." + (i + 1), "Test/1.0");
      assertThat(latchkey.signIn().signIn(credentials(LOGIN, WRONG), source)).isEqualTo(FAILED);
    }

    assertThat(signIn(LOGIN, PASSWORD)).isEqualTo(FAILED);
    assertThat(lockMail()).hasSize(1);
  }

  @Test
  @DisplayName("failures through two facades over one store add up to one lock (S38)")
  void failuresAcrossFacadesAddUp() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey second = facade(b -> b);
    fail(latchkey, 2);
    fail(second, 3);

    assertThat(lockedNow(id)).isTrue();
    assertThat(signIn(second, LOGIN, PASSWORD)).isEqualTo(FAILED);
    assertThat(signIn(latchkey, LOGIN, PASSWORD)).isEqualTo(FAILED);
  }

  @Test
  @DisplayName("a failure for one account does not count against another")
  void failuresDoNotSpillToOtherAccounts() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    fail(5);

    assertThat(signIn("jose.lopez", PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  // --- S14: equal work -----------------------------------------------------------------------

  @Test
  @DisplayName("an unknown login name costs exactly one hash verification (S14)")
  void unknownNameDoesOneVerification() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    hasher.reset();

    signIn("nobody.here", PASSWORD);

    assertThat(hasher.verifies()).isEqualTo(1);
    assertThat(hasher.hashes()).isZero();
  }

  @Test
  @DisplayName("a wrong password costs exactly one hash verification (S14)")
  void wrongPasswordDoesOneVerification() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    hasher.reset();

    signIn(LOGIN, WRONG);

    assertThat(hasher.verifies()).isEqualTo(1);
    assertThat(hasher.hashes()).isZero();
  }

  @Test
  @DisplayName("an attempt on a locked account costs exactly one hash verification (S14)")
  void lockedAccountDoesOneVerification() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    fail(5);
    hasher.reset();

    signIn(LOGIN, PASSWORD);

    assertThat(hasher.verifies()).isEqualTo(1);
    assertThat(hasher.hashes()).isZero();
  }

  @Test
  @DisplayName("an attempt on a disabled account costs exactly one hash verification (S14)")
  void disabledAccountDoesOneVerification() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    latchkey.activation().resetActivation(MARIA, REQUEST);
    hasher.reset();

    signIn(LOGIN, PASSWORD);

    assertThat(hasher.verifies()).isEqualTo(1);
    assertThat(hasher.hashes()).isZero();
  }

  @Test
  @DisplayName("the right password costs exactly one hash verification (S14)")
  void rightPasswordDoesOneVerification() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    hasher.reset();

    signIn(LOGIN, PASSWORD);

    assertThat(hasher.verifies()).isEqualTo(1);
  }

  @Test
  @DisplayName("every attempt, in any state, adds exactly one verification (S14)")
  void everyAttemptAddsOneVerification() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    hasher.reset();
    List<Integer> growth = new ArrayList<>();
    Runnable[] attempts = {
        () -> signIn("nobody.here", PASSWORD),
        () -> signIn(LOGIN, WRONG),
        () -> signIn(LOGIN, PASSWORD),
        () -> fail(4),
        () -> signIn(LOGIN, PASSWORD), // locked
        () -> latchkey.accounts().unlock(id, REQUEST),
        () -> latchkey.activation().resetActivation(MARIA, REQUEST),
        () -> signIn(LOGIN, PASSWORD), // disabled
    };
    for (Runnable attempt : attempts) {
      int before = hasher.verifies();
      attempt.run();
      growth.add(hasher.verifies() - before);
    }

    // four failures cost four; unlock and an activation reset verify nothing
    assertThat(growth).containsExactly(1, 1, 1, 4, 1, 0, 0, 1);
  }

  // --- S13: one answer -----------------------------------------------------------------------

  @Test
  @DisplayName("every failing state answers an equals()-identical result (S13)")
  void everyFailingStateAnswersTheSame() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    List<SignInResult> results = new ArrayList<>();
    results.add(signIn("nobody.here", PASSWORD));
    results.add(signIn(LOGIN, WRONG));
    fail(4);
    results.add(signIn(LOGIN, PASSWORD)); // locked
    latchkey.activation().resetActivation(JOSE, REQUEST);
    results.add(signIn("jose.lopez", PASSWORD)); // disabled

    assertThat(results).hasSize(4).allSatisfy(result -> {
      assertThat(result).isEqualTo(FAILED);
      assertThat(result.hashCode()).isEqualTo(FAILED.hashCode());
      assertThat(result.toString()).isEqualTo(FAILED.toString());
      assertThat(result.code()).isEqualTo(SignInResult.Code.INVALID_CREDENTIALS);
    });
  }

  // --- temporary lock policy -----------------------------------------------------------------

  @Test
  @DisplayName("the temporary policy locks for five minutes, then the right password works")
  void temporaryLockLiftsAfterFiveMinutes() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey temporary = temporaryLockFacade();
    fail(temporary, 5);

    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(signIn(temporary, LOGIN, PASSWORD)).isEqualTo(FAILED);

    clock.advance(Duration.ofSeconds(2));
    assertThat(signIn(temporary, LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("the temporary policy records when the lock ends")
  void temporaryLockRecordsItsEnd() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey temporary = temporaryLockFacade();

    fail(temporary, 5);

    assertThat(stored(id).lockedUntil()).isEqualTo(START.plus(Duration.ofMinutes(5)));
  }

  @Test
  @DisplayName("attempts during a temporary lock do not extend it (S11)")
  void attemptsDuringTemporaryLockDoNotExtendIt() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey temporary = temporaryLockFacade();
    fail(temporary, 5);
    for (int minute = 1; minute <= 4; minute++) {
      clock.advance(Duration.ofMinutes(1));
      fail(temporary, 3);
    }

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));

    assertThat(signIn(temporary, LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("a second temporary lock in a row lasts ten minutes")
  void secondTemporaryLockLastsTenMinutes() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey temporary = temporaryLockFacade();
    fail(temporary, 5);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    fail(temporary, 5);
    Instant secondLock = clock.instant();

    clock.advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(signIn(temporary, LOGIN, PASSWORD)).isEqualTo(FAILED);

    clock.set(secondLock.plus(Duration.ofMinutes(10)).plusSeconds(1));
    assertThat(signIn(temporary, LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("a success ends the streak: the next temporary lock lasts five minutes again")
  void successEndsTheTemporaryLockStreak() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey temporary = temporaryLockFacade();
    fail(temporary, 5);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(signIn(temporary, LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    fail(temporary, 5);

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThat(signIn(temporary, LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  // --- S5: re-hash on success ----------------------------------------------------------------

  /** Creates Maria's account through a facade hashing with other (older) Argon2 parameters. */
  private AccountId createAccountWithOlderParameters() {
    Argon2idHasher older = Argon2idHasher.create(new Argon2Parameters(128, 1, 1),
        new SecureRandom());
    Latchkey olderFacade = facade(b -> b.passwordHasher(older));
    String key = issueKey(MARIA, MARIA_EMAIL);
    var result = olderFacade.activation().redeem(
        new Redemption(key, LOGIN, PASSWORD, PASSWORD), REQUEST);
    assertThat(result.code()).isEqualTo(RedeemCode.REDEEMED);
    AccountId id = store.accountByLoginName(DISTRICT, LOGIN).orElseThrow().id();
    assertThat(hasher.needsRehash(stored(id).passwordHash())).isTrue();
    return id;
  }

  @Test
  @DisplayName("a hash made with older parameters is re-hashed at current ones on success (S5)")
  void successRehashesOlderHash() {
    AccountId id = createAccountWithOlderParameters();
    PasswordHash before = stored(id).passwordHash();

    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);

    PasswordHash after = stored(id).passwordHash();
    assertThat(after).isNotEqualTo(before);
    assertThat(hasher.needsRehash(after)).isFalse();
    assertThat(hasher.verify(PASSWORD, after)).isTrue();
  }

  @Test
  @DisplayName("the re-hashed password still signs in")
  void rehashedPasswordStillSignsIn() {
    createAccountWithOlderParameters();
    signIn(LOGIN, PASSWORD);

    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("a wrong password against an older hash writes no hash (S5)")
  void wrongPasswordWritesNoHash() {
    AccountId id = createAccountWithOlderParameters();
    PasswordHash before = stored(id).passwordHash();
    hasher.reset();

    assertThat(signIn(LOGIN, WRONG)).isEqualTo(FAILED);

    assertThat(stored(id).passwordHash()).isEqualTo(before);
    assertThat(hasher.hashes()).isZero();
  }

  @Test
  @DisplayName("a hash at current parameters is not rewritten on success")
  void currentHashIsNotRewritten() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    PasswordHash before = stored(id).passwordHash();
    hasher.reset();

    signIn(LOGIN, PASSWORD);

    assertThat(stored(id).passwordHash()).isEqualTo(before);
    assertThat(hasher.hashes()).isZero();
  }

  @Test
  @DisplayName("re-hashing does not change the credential version")
  void rehashKeepsCredentialVersion() {
    AccountId id = createAccountWithOlderParameters();
    long before = stored(id).credentialVersion();

    signIn(LOGIN, PASSWORD);

    assertThat(stored(id).credentialVersion()).isEqualTo(before);
  }

  // --- S15: per-source throttle --------------------------------------------------------------

  private Latchkey throttledFacade() {
    return facade(b -> b.throttlePolicy(new ThrottlePolicy(3, 100, 100, Duration.ofMinutes(15))));
  }

  @Test
  @DisplayName("after three failures from one source, its fourth attempt is Throttled (S15)")
  void fourthAttemptFromOneSourceIsThrottled() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey throttled = throttledFacade();
    for (String name : new String[] {"alice.x", "bob.y", "carol.z"}) {
      assertThat(signIn(throttled, name, WRONG)).isEqualTo(FAILED);
    }

    SignInResult fourth = signIn(throttled, LOGIN, PASSWORD);

    assertThat(fourth).isEqualTo(new SignInResult.Throttled());
    assertThat(fourth.code()).isEqualTo(SignInResult.Code.THROTTLED);
  }

  @Test
  @DisplayName("a throttled source leaves other sources their normal answers (S15)")
  void otherSourceIsNotThrottled() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey throttled = throttledFacade();
    for (String name : new String[] {"alice.x", "bob.y", "carol.z"}) {
      signIn(throttled, name, WRONG);
    }

    assertThat(throttled.signIn().signIn(credentials(LOGIN, WRONG), OTHER_SOURCE))
        .isEqualTo(FAILED);
    assertThat(throttled.signIn().signIn(credentials(LOGIN, PASSWORD), OTHER_SOURCE))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("a throttled attempt does not count against the account")
  void throttledAttemptDoesNotCount() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey throttled = throttledFacade();
    for (String name : new String[] {"alice.x", "bob.y", "carol.z"}) {
      signIn(throttled, name, WRONG);
    }
    int before = stored(id).failedAttempts();

    for (int i = 0; i < 10; i++) {
      assertThat(signIn(throttled, LOGIN, WRONG)).isEqualTo(new SignInResult.Throttled());
    }

    assertThat(stored(id).failedAttempts()).isEqualTo(before);
    assertThat(lockedNow(id)).isFalse();
  }

  @Test
  @DisplayName("the throttle lifts when its window has passed")
  void throttleLiftsAfterWindow() {
    createAccount(MARIA, MARIA_EMAIL, LOGIN);
    Latchkey throttled = throttledFacade();
    for (String name : new String[] {"alice.x", "bob.y", "carol.z"}) {
      signIn(throttled, name, WRONG);
    }

    clock.advance(Duration.ofMinutes(15).plusSeconds(1));

    assertThat(signIn(throttled, LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  // --- login-name normalisation --------------------------------------------------------------

  @Test
  @DisplayName("the login name is case-insensitive at sign-in")
  void loginNameIsCaseInsensitive() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);

    SignInResult result = signIn("MARIA.Lopez", PASSWORD);

    assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(((SignInResult.SignedIn) result).account().id()).isEqualTo(id);
  }

  @Test
  @DisplayName("the login name is NFKC-normalised at sign-in: full-width letters match")
  void loginNameIsNfkcNormalisedFullWidth() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);

    SignInResult result = signIn("\uFF4D\uFF41\uFF52\uFF49\uFF41\uFF0E\uFF4C\uFF4F\uFF50\uFF45\uFF5A",
        PASSWORD);

    assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(((SignInResult.SignedIn) result).account().id()).isEqualTo(id);
  }

  @Test
  @DisplayName("the login name is NFKC-normalised at sign-in: decomposed accents match")
  void loginNameIsNfkcNormalisedDecomposed() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, "jos\u00e9.l\u00f3pez");

    SignInResult result = signIn("JOSE\u0301.LO\u0301PEZ", PASSWORD);

    assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(((SignInResult.SignedIn) result).account().id()).isEqualTo(id);
  }

  @Test
  @DisplayName("a differently accented login name does not match")
  void differentAccentDoesNotMatch() {
    createAccount(MARIA, MARIA_EMAIL, "jos\u00e9.l\u00f3pez");

    assertThat(signIn("jose.lopez", PASSWORD)).isEqualTo(FAILED);
  }
}
