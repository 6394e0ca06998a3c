package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.helpdesk.Agent;
import dev.latchkey.helpdesk.CallerAnswers;
import dev.latchkey.helpdesk.GuardianFile;
import dev.latchkey.helpdesk.Helpdesk;
import dev.latchkey.helpdesk.HelpdeskResult;
import dev.latchkey.helpdesk.VerificationPolicy;
import dev.latchkey.helpdesk.VerificationResult;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.recovery.ResetCode;
import dev.latchkey.recovery.ResetResult;
import dev.latchkey.signin.SignInResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The helpdesk (S25–S27): finding guardians, the file an agent reads on a call, caller
 * verification (k of n roster facts, one answer for every failure, throttled per guardian, a
 * short-lived record bound to guardian and agent), the privileged actions that require it, and
 * for every action an audit record under the agent and a notice to the owner.
 *
 * <p>Maria and Jose Lopez get a phone and a postal code on file for these tests; Maria has the
 * login {@code maria.lopez}; Jose, Rosa Garcia (a relative of Sofia) and Sam (no email) have
 * none.
 */
public abstract class HelpdeskContract extends ContractSupport {
  private static final String LOGIN = "maria.lopez";
  private static final String WRONG = "definitely not the password";
  private static final Agent ALICE = Agent.of("alice");
  private static final Agent BOB = Agent.of("bob");
  private static final String REASON = "caller phoned in, ticket 4711";
  private static final String MARIA_PHONE = "(630) 555-0142";
  private static final String MARIA_POSTAL = "60540";
  private static final String JOSE_PHONE = "630.555.0199";
  private static final String JOSE_POSTAL = "60563";
  private static final LocalDate SOFIA_BIRTH = LocalDate.of(2013, 4, 2);
  private static final String SOFIA_NUMBER = "100201";
  private static final EmailAddress MARIA_NEW_EMAIL = EmailAddress.of("maria.new@example.org");
  private static final Duration VERIFICATION_LIFE = Duration.ofMinutes(15);
  private static final GuardianId UNKNOWN = GuardianId.of("g-nobody");
  private static final VerificationResult NOT_VERIFIED = new VerificationResult.NotVerified();
  private static final HelpdeskResult REFUSED =
      new HelpdeskResult.Refused(HelpdeskResult.Code.NOT_VERIFIED);
  private static final HelpdeskResult DONE = new HelpdeskResult.Done(Optional.empty());

  @BeforeEach
  void putPhonesAndPostalCodes() {
    latchkey.roster().putGuardian(new Guardian(MARIA, DISTRICT, "Maria", "Lopez",
        Optional.of(MARIA_EMAIL), Optional.of(MARIA_PHONE), Optional.of(MARIA_POSTAL)));
    latchkey.roster().putGuardian(new Guardian(JOSE, DISTRICT, "Jose", "Lopez",
        Optional.of(JOSE_EMAIL), Optional.of(JOSE_PHONE), Optional.of(JOSE_POSTAL)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul \u0000 in the reason", "lone \ud800 surrogate", "huge"})
  @DisplayName("S27: hostile text in an audited field: the unlock and its audit row both happen, "
      + "in the store, escaped and capped")
  void hostileReasonIsAuditedWithTheUnlock(String reason) {
    String typed = reason.equals("huge") ? "\u0000x".repeat(1 << 19) : reason;
    AccountId maria = lockedMaria();
    String verification = verifyMaria(BOB);

    assertThat(helpdesk().unlock(BOB, MARIA, verification, typed)).isEqualTo(DONE);
    assertThat(store.account(maria).orElseThrow().isLocked(clock.instant())).isFalse();
    List<AuditEvent> trail = store.auditTrail(DISTRICT, "guardian:" + MARIA, 10);
    assertThat(trail).as("the store's own record").isNotEmpty();
    AuditEvent held = trail.get(0);
    assertThat(held.type()).isEqualTo(AuditEventType.HELPDESK_ACTION);
    assertThat(held.details()).containsEntry("action", "UNLOCKED");
    String kept = held.details().get("reason");
    assertThat(kept).doesNotContain("\u0000").doesNotContain("\ud800")
        .hasSizeLessThanOrEqualTo(AuditEvent.MAX_DETAIL);
    assertThat(kept).startsWith(typed.startsWith("\u0000") ? "\\u0000x" : typed.substring(0, 3));
    assertThat(held).isEqualTo(helpdeskEvents().get(helpdeskEvents().size() - 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul \u0000 in the reason", "lone \udc00 surrogate"})
  @DisplayName("S27: hostile text in an audited field: a login name read-out and its audit row "
      + "both happen")
  void hostileReasonIsAuditedWithTheReadOut(String reason) {
    createMariasAccount();
    String verification = verifyMaria(BOB);

    HelpdeskResult read = helpdesk().readLoginName(BOB, MARIA, verification, reason);
    assertThat(read.code()).isEqualTo(HelpdeskResult.Code.DONE);
    AuditEvent held = store.auditTrail(DISTRICT, "guardian:" + MARIA, 10).get(0);
    assertThat(held.details()).containsEntry("action", "LOGIN_NAME_READ");
    assertThat(held.details().get("reason")).startsWith(reason.substring(0, 4))
        .doesNotContain("\u0000").doesNotContain("\udc00");
    assertThat(delivered(MARIA_EMAIL, NotificationType.HELPDESK_ACTION)).hasSize(1);
  }

  // --- helpers -------------------------------------------------------------------------------

  private Helpdesk helpdesk() {
    return latchkey.helpdesk();
  }

  private static CallerAnswers answers(LocalDate birth, String number, String postal,
      String phone) {
    return new CallerAnswers(Optional.ofNullable(birth), Optional.ofNullable(number),
        Optional.ofNullable(postal), Optional.ofNullable(phone));
  }

  /** Maria's four answers, all right. */
  private static CallerAnswers mariasAnswers() {
    return answers(SOFIA_BIRTH, SOFIA_NUMBER, MARIA_POSTAL, MARIA_PHONE);
  }

  private static CallerAnswers josesAnswers() {
    return answers(SOFIA_BIRTH, SOFIA_NUMBER, JOSE_POSTAL, JOSE_PHONE);
  }

  /** Four wrong answers, to be mixed in. */
  private static final LocalDate WRONG_BIRTH = LocalDate.of(2011, 11, 11);
  private static final String WRONG_NUMBER = "999999";
  private static final String WRONG_POSTAL = "99999";
  private static final String WRONG_PHONE = "(312) 555-0000";

  /**
   * Maria's answers with the questions in {@code wrong} answered wrongly and those in
   * {@code missing} left out. Questions: 0 birth date, 1 student number, 2 postal, 3 phone.
   */
  private static CallerAnswers mariaWith(Set<Integer> wrong, Set<Integer> missing) {
    return answers(
        missing.contains(0) ? null : wrong.contains(0) ? WRONG_BIRTH : SOFIA_BIRTH,
        missing.contains(1) ? null : wrong.contains(1) ? WRONG_NUMBER : SOFIA_NUMBER,
        missing.contains(2) ? null : wrong.contains(2) ? WRONG_POSTAL : MARIA_POSTAL,
        missing.contains(3) ? null : wrong.contains(3) ? WRONG_PHONE : MARIA_PHONE);
  }

  private String verify(Agent agent, GuardianId guardian, CallerAnswers answers) {
    return verify(latchkey, agent, guardian, answers);
  }

  private static String verify(Latchkey facade, Agent agent, GuardianId guardian,
      CallerAnswers answers) {
    VerificationResult result = facade.helpdesk().verifyCaller(agent, guardian, answers);
    assertThat(result).as("verification of %s by %s", guardian, agent.name())
        .isInstanceOf(VerificationResult.Verified.class);
    return ((VerificationResult.Verified) result).verificationId();
  }

  private String verifyMaria(Agent agent) {
    return verify(agent, MARIA, mariasAnswers());
  }

  private Latchkey withVerificationPolicy(VerificationPolicy policy) {
    return facade(b -> b.verificationPolicy(policy));
  }

  /** Many attempts allowed, so a test can try every combination on one guardian. */
  private Latchkey generousVerification(int correctRequired) {
    return withVerificationPolicy(
        new VerificationPolicy(correctRequired, VERIFICATION_LIFE, 10_000, Duration.ofHours(1)));
  }

  private List<Notification> delivered() {
    latchkey.outbox().runOnce();
    return mail.sent();
  }

  private List<Notification> delivered(EmailAddress to, NotificationType type) {
    latchkey.outbox().runOnce();
    return mail.sentTo(to, type);
  }

  private AccountId createMariasAccount() {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    mail.clear();
    return id;
  }

  private SignInResult signIn(String login, String password) {
    return latchkey.signIn().signIn(credentials(login, password), REQUEST);
  }

  private void lock(String login) {
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(login, WRONG)).isEqualTo(new SignInResult.Failed());
    }
  }

  private List<AuditEvent> helpdeskEvents() {
    return audit.events(AuditEventType.HELPDESK_ACTION);
  }

  /** The one HELPDESK_ACTION event written since {@code before}, checked for S27's fields. */
  private AuditEvent assertOneHelpdeskEvent(int before, Agent agent, GuardianId guardian,
      Optional<AccountId> account) {
    List<AuditEvent> events = helpdeskEvents();
    assertThat(events).as("HELPDESK_ACTION events").hasSize(before + 1);
    AuditEvent event = events.get(events.size() - 1);
    assertThat(event.actor()).isEqualTo("agent:" + agent.name());
    Set<String> subjects = new HashSet<>(Set.of("guardian:" + guardian));
    account.ifPresent(id -> subjects.add("account:" + id));
    assertThat(event.subject()).isIn(subjects);
    assertThat(event.at()).isEqualTo(clock.instant());
    assertThat(event.district()).isEqualTo(DISTRICT);
    assertThat(event.details()).containsEntry("reason", REASON);
    assertThat(event.details().get("action")).isNotBlank();
    return event;
  }

  /** Everything a refused action must leave as it was. */
  private record Snapshot(Optional<PortalAccount> account, Optional<Guardian> guardian,
      List<ActivationKeyRecord> keys, int pending) {
  }

  private Snapshot snapshot(GuardianId guardian) {
    return new Snapshot(store.activeAccountOfGuardian(guardian)
        .or(() -> store.accountByLoginName(DISTRICT, LOGIN)),
        store.guardian(guardian), store.keysOfGuardian(guardian), store.pendingCount());
  }

  /** The five actions that need a verification. */
  public enum Privileged {
    READ_LOGIN_NAME,
    SEND_PASSWORD_RESET,
    UNLOCK,
    CHANGE_EMAIL,
    RESET_ACTIVATION;

    HelpdeskResult run(Helpdesk helpdesk, Agent agent, GuardianId guardian, String verification) {
      return switch (this) {
        case READ_LOGIN_NAME -> helpdesk.readLoginName(agent, guardian, verification, REASON);
        case SEND_PASSWORD_RESET ->
            helpdesk.sendPasswordReset(agent, guardian, verification, REASON);
        case UNLOCK -> helpdesk.unlock(agent, guardian, verification, REASON);
        case CHANGE_EMAIL -> helpdesk.changeEmail(agent, guardian, verification,
            MARIA_NEW_EMAIL.value(), REASON);
        case RESET_ACTIVATION -> helpdesk.resetActivation(agent, guardian, verification, REASON);
      };
    }
  }

  /** Maria with a locked login: every privileged action would change something. */
  private AccountId lockedMaria() {
    AccountId id = createMariasAccount();
    lock(LOGIN);
    mail.clear();
    return id;
  }

  /** Runs the action and asserts it was refused as NOT_VERIFIED, changing nothing. */
  private void assertRefusedChangingNothing(Privileged action, Agent agent, String verification) {
    latchkey.outbox().runOnce();
    mail.clear();
    Snapshot before = snapshot(MARIA);
    int events = helpdeskEvents().size();

    HelpdeskResult result = action.run(helpdesk(), agent, MARIA, verification);

    assertThat(result).as("%s with verification '%s'", action, verification).isEqualTo(REFUSED);
    assertThat(snapshot(MARIA)).as("%s changed nothing", action).isEqualTo(before);
    assertThat(delivered()).as("%s sent nothing", action).isEmpty();
    assertThat(helpdeskEvents().subList(events, helpdeskEvents().size()))
        .as("%s: no HELPDESK_ACTION recorded as done", action)
        .allSatisfy(e -> assertThat(e.outcome()).isNotEqualTo("DONE"));
  }

  // --- find ----------------------------------------------------------------------------------

  @Test
  @DisplayName("find by a student's number: every guardian linked to the student")
  void findByStudentNumber() {
    assertThat(helpdesk().find(ALICE, DISTRICT, SOFIA_NUMBER)).extracting(Guardian::id)
        .containsExactlyInAnyOrder(MARIA, JOSE, ABUELA);
    assertThat(helpdesk().find(ALICE, DISTRICT, "100202")).extracting(Guardian::id)
        .containsExactlyInAnyOrder(MARIA, JOSE);
  }

  @Test
  @DisplayName("find by email, in any case")
  void findByEmail() {
    assertThat(helpdesk().find(ALICE, DISTRICT, MARIA_EMAIL.value())).extracting(Guardian::id)
        .containsExactly(MARIA);
    assertThat(helpdesk().find(ALICE, DISTRICT, "Jose.Lopez@EXAMPLE.org"))
        .extracting(Guardian::id).containsExactly(JOSE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"(630) 555-0142", "630-555-0142", "630.555.0142", "6305550142"})
  @DisplayName("find by phone, however it is punctuated")
  void findByPhone(String phone) {
    assertThat(helpdesk().find(ALICE, DISTRICT, phone)).extracting(Guardian::id)
        .containsExactly(MARIA);
  }

  @Test
  @DisplayName("find by part of a name, case-insensitively")
  void findByPartOfName() {
    assertThat(helpdesk().find(ALICE, DISTRICT, "lop")).extracting(Guardian::id)
        .containsExactlyInAnyOrder(MARIA, JOSE);
    assertThat(helpdesk().find(ALICE, DISTRICT, "LOPEZ")).extracting(Guardian::id)
        .containsExactlyInAnyOrder(MARIA, JOSE);
    assertThat(helpdesk().find(ALICE, DISTRICT, "Garc")).extracting(Guardian::id)
        .containsExactly(ABUELA);
    assertThat(helpdesk().find(ALICE, DISTRICT, "maria")).extracting(Guardian::id)
        .containsExactly(MARIA);
  }

  @Test
  @DisplayName("find stays in its district and finds nothing for an unknown query")
  void findStaysInTheDistrict() {
    DistrictId other = DistrictId.of("elsewhere-204");
    latchkey.roster().putDistrict(new District(other, "Elsewhere District 204", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("help@elsewhere.example.org"),
        "630.555.0100"));
    latchkey.roster().putGuardian(new Guardian(GuardianId.of("g-other-lopez"), other, "Ana",
        "Lopez", Optional.of(EmailAddress.of("ana.lopez@example.org")),
        Optional.of(MARIA_PHONE), Optional.empty()));

    assertThat(helpdesk().find(ALICE, DISTRICT, "lopez")).extracting(Guardian::id)
        .containsExactlyInAnyOrder(MARIA, JOSE);
    assertThat(helpdesk().find(ALICE, DISTRICT, MARIA_PHONE)).extracting(Guardian::id)
        .containsExactly(MARIA);
    assertThat(helpdesk().find(ALICE, DISTRICT, "ana.lopez@example.org")).isEmpty();
    assertThat(helpdesk().find(ALICE, DISTRICT, "zzyzx")).isEmpty();
  }

  // --- the guardian's file -------------------------------------------------------------------

  @Test
  @DisplayName("the file shows the linked students, with which ones the login shows")
  void fileShowsLinkedStudentsAndVisibility() {
    GuardianFile file = helpdesk().file(ALICE, MARIA).orElseThrow();

    assertThat(file.guardian().id()).isEqualTo(MARIA);
    assertThat(file.students()).extracting(s -> s.student().id())
        .containsExactlyInAnyOrder(SOFIA, MATEO, LUCIA);
    Map<Object, Boolean> visible = file.students().stream().collect(
        Collectors.toMap(s -> s.student().id(), dev.latchkey.roster.StudentAccess::visible));
    assertThat(visible).containsEntry(SOFIA, true).containsEntry(MATEO, true)
        .containsEntry(LUCIA, false);
    assertThat(file.students()).allSatisfy(s ->
        assertThat(s.link().relationship()).isEqualTo(Relationship.PARENT));
    assertThat(file.account()).isEmpty();
    assertThat(file.keys()).isEmpty();
  }

  @Test
  @DisplayName("the file shows the account's status, failures, lock time and last sign-in")
  void fileShowsAccountFacts() {
    createMariasAccount();
    clock.advance(Duration.ofMinutes(5));
    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    Instant signedInAt = clock.instant();
    clock.advance(Duration.ofMinutes(5));
    signIn(LOGIN, WRONG);
    signIn(LOGIN, WRONG);

    GuardianFile.AccountFacts facts = helpdesk().file(ALICE, MARIA).orElseThrow()
        .account().orElseThrow();

    assertThat(facts.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(facts.locked()).isFalse();
    assertThat(facts.lockedAt()).isEmpty();
    assertThat(facts.failedAttempts()).isEqualTo(2);
    assertThat(facts.lastSignInAt()).contains(signedInAt);
    assertThat(facts.createdAt()).isEqualTo(START);
  }

  @Test
  @DisplayName("the file of a locked account says locked, and since when")
  void fileShowsTheLock() {
    createMariasAccount();
    clock.advance(Duration.ofMinutes(7));
    lock(LOGIN);

    GuardianFile.AccountFacts facts = helpdesk().file(ALICE, MARIA).orElseThrow()
        .account().orElseThrow();

    assertThat(facts.locked()).isTrue();
    assertThat(facts.lockedAt()).contains(clock.instant());
    assertThat(facts.failedAttempts()).isEqualTo(5);
  }

  @Test
  @DisplayName("the key history answers 'it says my key was already used': when, by which login")
  void fileShowsTheKeyHistory() {
    createMariasAccount();

    List<GuardianFile.KeyHistory> keys = helpdesk().file(ALICE, MARIA).orElseThrow().keys();

    assertThat(keys).singleElement().satisfies(key -> {
      assertThat(key.issuedAt()).isEqualTo(START);
      assertThat(key.sentTo()).isEqualTo(MARIA_EMAIL.value());
      assertThat(key.state()).isEqualTo(KeyState.REDEEMED);
      assertThat(key.redeemedAt()).contains(START);
      assertThat(key.redeemedLoginName()).contains(LOGIN);
      assertThat(key.revokedAt()).isEmpty();
      assertThat(key.expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
    });
  }

  @Test
  @DisplayName("the key history lists reissues oldest first: revoked when, and the live one")
  void fileShowsReissuedKeysOldestFirst() {
    issueKey(JOSE, JOSE_EMAIL);
    clock.advance(Duration.ofMinutes(10));
    Instant reissuedAt = clock.instant();
    issueKey(JOSE, JOSE_EMAIL);

    List<GuardianFile.KeyHistory> keys = helpdesk().file(ALICE, JOSE).orElseThrow().keys();

    assertThat(keys).hasSize(2);
    assertThat(keys.get(0).issuedAt()).isEqualTo(START);
    assertThat(keys.get(0).state()).isEqualTo(KeyState.REVOKED);
    assertThat(keys.get(0).revokedAt()).contains(reissuedAt);
    assertThat(keys.get(0).redeemedLoginName()).isEmpty();
    assertThat(keys.get(1).issuedAt()).isEqualTo(reissuedAt);
    assertThat(keys.get(1).state()).isEqualTo(KeyState.LIVE);
    assertThat(keys.get(1).sentTo()).isEqualTo(JOSE_EMAIL.value());
  }

  @Test
  @DisplayName("S25: the file holds no password hash and no key")
  void fileHoldsNoSecret() {
    String key = issueKey(JOSE, JOSE_EMAIL);
    AccountId maria = createMariasAccount();
    String hash = store.account(maria).orElseThrow().passwordHash().encoded();

    String shown = helpdesk().file(ALICE, MARIA).orElseThrow().toString()
        + helpdesk().file(ALICE, JOSE).orElseThrow().toString();

    assertThat(shown).doesNotContain(hash).doesNotContain(key)
        .doesNotContain(key.replace("-", ""));
  }

  @Test
  @DisplayName("the file of a guardian whose login was disabled shows it, with status DISABLED")
  void fileShowsADisabledAccount() {
    createMariasAccount();
    assertThat(latchkey.activation().resetActivation(MARIA, REQUEST).code())
        .isEqualTo(dev.latchkey.activation.IssueResult.IssueCode.ISSUED);

    GuardianFile file = helpdesk().file(ALICE, MARIA).orElseThrow();

    assertThat(file.account()).as("the disabled login's facts").hasValueSatisfying(facts ->
        assertThat(facts.status()).isEqualTo(AccountStatus.DISABLED));
    assertThat(file.keys()).extracting(GuardianFile.KeyHistory::state)
        .containsExactly(KeyState.REDEEMED, KeyState.LIVE);
  }

  @Test
  @DisplayName("the file of an unknown guardian is empty")
  void fileOfUnknownGuardian() {
    assertThat(helpdesk().file(ALICE, UNKNOWN)).isEmpty();
  }

  // --- verifying a caller (S26) ----------------------------------------------------------------

  @Test
  @DisplayName("four right answers verify; the record lasts 15 minutes")
  void allRightVerifies() {
    VerificationResult result = helpdesk().verifyCaller(ALICE, MARIA, mariasAnswers());

    assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    VerificationResult.Verified verified = (VerificationResult.Verified) result;
    assertThat(verified.verificationId()).isNotBlank();
    assertThat(verified.expiresAt()).isEqualTo(START.plus(VERIFICATION_LIFE));
  }

  @Test
  @DisplayName("three of four right verify, whichever one is wrong or left out")
  void threeRightVerify() {
    Latchkey facade = generousVerification(3);
    for (int q = 0; q < 4; q++) {
      verify(facade, ALICE, MARIA, mariaWith(Set.of(q), Set.of()));
      verify(facade, ALICE, MARIA, mariaWith(Set.of(), Set.of(q)));
    }
  }

  @Test
  @DisplayName("answers are compared ignoring case, spaces and punctuation")
  void answersAreComparedLeniently() {
    Latchkey facade = generousVerification(3);

    verify(facade, ALICE, MARIA, answers(null, " 100201 ", " 60540 ", "630-555-0142"));
    verify(facade, ALICE, MARIA, answers(null, SOFIA_NUMBER, MARIA_POSTAL, "6305550142"));
    verify(facade, ALICE, MARIA, answers(null, SOFIA_NUMBER, MARIA_POSTAL, "630 555 0142"));
    verify(facade, ALICE, MARIA, answers(null, SOFIA_NUMBER, MARIA_POSTAL, "630.555.0142"));
  }

  @Test
  @DisplayName("postal codes compare ignoring case and spaces (Canadian style)")
  void postalCodesIgnoreCaseAndSpaces() {
    latchkey.roster().putGuardian(new Guardian(MARIA, DISTRICT, "Maria", "Lopez",
        Optional.of(MARIA_EMAIL), Optional.of(MARIA_PHONE), Optional.of("K1A 0B1")));

    verify(generousVerification(3), ALICE, MARIA,
        answers(null, SOFIA_NUMBER, "k1a0b1", MARIA_PHONE));
  }

  @Test
  @DisplayName("any linked student's facts count; a student not linked to the guardian does not")
  void onlyLinkedStudentsCount() {
    Latchkey facade = generousVerification(1);

    verify(facade, ALICE, MARIA, answers(null, "100202", null, null));
    verify(facade, ALICE, MARIA, answers(null, "100203", null, null));
    verify(facade, ALICE, ABUELA, answers(null, SOFIA_NUMBER, null, null));
    assertThat(facade.helpdesk().verifyCaller(ALICE, ABUELA, answers(null, "100202", null, null)))
        .isEqualTo(NOT_VERIFIED);
  }

  @Test
  @DisplayName("a fact missing from the roster is never matched by a blank or punctuation-only answer")
  void missingFactsNeverMatch() {
    Latchkey facade = generousVerification(1);

    // Rosa Garcia has no phone and no postal code on file.
    assertThat(facade.helpdesk().verifyCaller(ALICE, ABUELA, answers(null, null, " ", "()-")))
        .isEqualTo(NOT_VERIFIED);
    assertThat(facade.helpdesk().verifyCaller(ALICE, ABUELA, answers(null, null, "", "")))
        .isEqualTo(NOT_VERIFIED);
  }

  @Test
  @DisplayName("no answers at all is NotVerified")
  void noAnswersIsNotVerified() {
    assertThat(helpdesk().verifyCaller(ALICE, MARIA, answers(null, null, null, null)))
        .isEqualTo(NOT_VERIFIED);
  }

  @Test
  @DisplayName("S26: two right of four is NotVerified, the same value for all six combinations")
  void twoRightIsNotVerifiedIdentically() {
    Latchkey facade = generousVerification(3);
    List<VerificationResult> results = new ArrayList<>();
    for (int a = 0; a < 4; a++) {
      for (int b = a + 1; b < 4; b++) {
        results.add(facade.helpdesk().verifyCaller(ALICE, MARIA, mariaWith(Set.of(a, b),
            Set.of())));
        results.add(facade.helpdesk().verifyCaller(ALICE, MARIA, mariaWith(Set.of(),
            Set.of(a, b))));
        results.add(facade.helpdesk().verifyCaller(ALICE, MARIA, mariaWith(Set.of(a),
            Set.of(b))));
      }
    }
    results.add(facade.helpdesk().verifyCaller(ALICE, MARIA, answers(WRONG_BIRTH, WRONG_NUMBER,
        WRONG_POSTAL, WRONG_PHONE)));
    results.add(facade.helpdesk().verifyCaller(ALICE, UNKNOWN, mariasAnswers()));

    assertThat(results).containsOnly(NOT_VERIFIED);
    assertThat(results.stream().map(Object::toString).distinct()).hasSize(1);
  }

  @Test
  @DisplayName("S26: with all four required, every one-wrong combination and an unknown guardian "
      + "give equal NotVerified values and equal audit records")
  void oneWrongNeverSaysWhich() {
    Latchkey facade = generousVerification(4);
    List<VerificationResult> results = new ArrayList<>();
    List<CallerAnswers> combinations = new ArrayList<>();
    for (int q = 0; q < 4; q++) {
      combinations.add(mariaWith(Set.of(q), Set.of()));
      combinations.add(mariaWith(Set.of(), Set.of(q)));
    }
    int auditBefore = audit.events(AuditEventType.CALLER_NOT_VERIFIED).size();
    for (CallerAnswers combination : combinations) {
      results.add(facade.helpdesk().verifyCaller(ALICE, MARIA, combination));
    }
    VerificationResult unknown = facade.helpdesk().verifyCaller(ALICE, UNKNOWN, mariasAnswers());

    assertThat(results).containsOnly(NOT_VERIFIED);
    assertThat(unknown).isEqualTo(NOT_VERIFIED);
    for (VerificationResult result : results) {
      assertThat(result).isEqualTo(results.get(0)).isEqualTo(unknown);
      assertThat(result.hashCode()).isEqualTo(unknown.hashCode());
      assertThat(result.toString()).isEqualTo(unknown.toString());
    }
    // The agent's audit trail does not say which answer failed either. (It may say how many
    // questions were answered, which the agent knows anyway: so the one-wrong combinations,
    // four answers each, are compared among themselves, and the one-missing ones likewise.)
    List<AuditEvent> failures = audit.events(AuditEventType.CALLER_NOT_VERIFIED).stream()
        .skip(auditBefore).filter(e -> e.subject().contains(MARIA.toString())).toList();
    assertThat(failures).hasSize(combinations.size());
    for (int parity = 0; parity < 2; parity++) {
      int kind = parity;
      List<List<Object>> records = new ArrayList<>();
      for (int i = kind; i < failures.size(); i += 2) {
        records.add(List.of(failures.get(i).outcome(), failures.get(i).details()));
      }
      assertThat(records).as(kind == 0 ? "one wrong of four" : "one of four left out")
          .hasSize(4);
      assertThat(records.stream().distinct()).as(kind == 0 ? "one wrong" : "one left out")
          .hasSize(1);
    }
    verify(facade, ALICE, MARIA, mariasAnswers());
  }

  @Test
  @DisplayName("S26: verification is throttled per guardian: the sixth attempt in an hour is Throttled")
  void verificationIsThrottledPerGuardian() {
    for (int i = 0; i < 5; i++) {
      Agent agent = i % 2 == 0 ? ALICE : BOB;
      assertThat(helpdesk().verifyCaller(agent, MARIA, mariaWith(Set.of(0, 1), Set.of())))
          .as("attempt %d", i + 1).isEqualTo(NOT_VERIFIED);
    }

    assertThat(helpdesk().verifyCaller(ALICE, MARIA, mariasAnswers()))
        .isEqualTo(new VerificationResult.Throttled());
    assertThat(helpdesk().verifyCaller(BOB, MARIA, mariasAnswers()))
        .isEqualTo(new VerificationResult.Throttled());
    // Another guardian is not affected; a second facade (process) sees the same limit.
    verify(ALICE, JOSE, josesAnswers());
    assertThat(facade(b -> b.store(anotherProcessStore())).helpdesk()
        .verifyCaller(ALICE, MARIA, mariasAnswers())).isEqualTo(new VerificationResult.Throttled());

    clock.advance(Duration.ofHours(1).plusSeconds(1));
    verify(ALICE, MARIA, mariasAnswers());
  }

  @Test
  @DisplayName("S26: the throttle follows VerificationPolicy.attemptsPerGuardian")
  void throttleFollowsThePolicy() {
    Latchkey facade = withVerificationPolicy(
        new VerificationPolicy(3, VERIFICATION_LIFE, 2, Duration.ofHours(1)));

    facade.helpdesk().verifyCaller(ALICE, MARIA, mariaWith(Set.of(0, 1), Set.of()));
    facade.helpdesk().verifyCaller(ALICE, MARIA, mariaWith(Set.of(0, 1), Set.of()));

    assertThat(facade.helpdesk().verifyCaller(ALICE, MARIA, mariasAnswers()))
        .isEqualTo(new VerificationResult.Throttled());
  }

  @Test
  @DisplayName("S26: an unknown guardian answers exactly as a known one with wrong answers, throttle included")
  void unknownGuardianLooksLikeAWrongAnswer() {
    List<VerificationResult> known = new ArrayList<>();
    List<VerificationResult> unknown = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      known.add(helpdesk().verifyCaller(ALICE, MARIA, mariaWith(Set.of(0, 1), Set.of())));
      unknown.add(helpdesk().verifyCaller(ALICE, UNKNOWN, mariaWith(Set.of(0, 1), Set.of())));
    }

    assertThat(unknown).isEqualTo(known);
  }

  @Test
  @DisplayName("a verification is audited under the agent")
  void verificationIsAudited() {
    verifyMaria(ALICE);
    helpdesk().verifyCaller(BOB, MARIA, answers(null, null, null, null));

    assertThat(audit.events(AuditEventType.CALLER_VERIFIED)).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("agent:alice"));
    assertThat(audit.events(AuditEventType.CALLER_NOT_VERIFIED)).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("agent:bob"));
  }

  // --- privileged actions refuse without a fresh verification ----------------------------------

  @ParameterizedTest
  @EnumSource(Privileged.class)
  @DisplayName("S26: without any verification the action is refused, changing nothing")
  void refusedWithoutVerification(Privileged action) {
    lockedMaria();

    assertRefusedChangingNothing(action, ALICE, "v-" + "0".repeat(32));
    assertRefusedChangingNothing(action, ALICE, "v-" + "f".repeat(32));
    assertRefusedChangingNothing(action, ALICE, "");
    assertRefusedChangingNothing(action, ALICE, "not a verification");
  }

  @ParameterizedTest
  @EnumSource(Privileged.class)
  @DisplayName("S26: after a failed verification the action is refused, changing nothing")
  void refusedAfterFailedVerification(Privileged action) {
    lockedMaria();
    VerificationResult result = helpdesk().verifyCaller(ALICE, MARIA,
        mariaWith(Set.of(0, 1), Set.of()));
    assertThat(result).isEqualTo(NOT_VERIFIED);

    assertRefusedChangingNothing(action, ALICE, "v-" + "0".repeat(32));
  }

  @ParameterizedTest
  @EnumSource(Privileged.class)
  @DisplayName("S26: with an expired verification (15 minutes on) the action is refused, changing nothing")
  void refusedWithExpiredVerification(Privileged action) {
    lockedMaria();
    String verification = verifyMaria(ALICE);
    clock.advance(VERIFICATION_LIFE);

    assertRefusedChangingNothing(action, ALICE, verification);
    clock.advance(Duration.ofHours(1));
    assertRefusedChangingNothing(action, ALICE, verification);
  }

  @ParameterizedTest
  @EnumSource(Privileged.class)
  @DisplayName("S26: with another guardian's verification the action is refused, changing nothing")
  void refusedWithOtherGuardiansVerification(Privileged action) {
    lockedMaria();
    String joses = verify(ALICE, JOSE, josesAnswers());

    assertRefusedChangingNothing(action, ALICE, joses);
  }

  @ParameterizedTest
  @EnumSource(Privileged.class)
  @DisplayName("S26: with another agent's verification the action is refused, changing nothing")
  void refusedWithOtherAgentsVerification(Privileged action) {
    lockedMaria();
    String alices = verifyMaria(ALICE);

    assertRefusedChangingNothing(action, BOB, alices);
  }

  @Test
  @DisplayName("S26: a verification still works one second before it expires")
  void verificationWorksOneSecondBeforeExpiry() {
    AccountId maria = lockedMaria();
    String verification = verifyMaria(ALICE);
    clock.advance(VERIFICATION_LIFE.minusSeconds(1));

    assertThat(helpdesk().unlock(ALICE, MARIA, verification, REASON)).isEqualTo(DONE);

    assertThat(store.account(maria).orElseThrow().isLocked(clock.instant())).isFalse();
  }

  @Test
  @DisplayName("S38: a verification made through one facade authorises through another")
  void verificationIsSharedAcrossFacades() {
    lockedMaria();
    String verification = verifyMaria(ALICE);
    Latchkey second = facade(b -> b.store(anotherProcessStore()));

    assertThat(second.helpdesk().readLoginName(ALICE, MARIA, verification, REASON))
        .isEqualTo(new HelpdeskResult.Done(Optional.of(LOGIN)));
  }

  // --- each action: done, audited, owner notified (S27) --------------------------------------

  @Test
  @DisplayName("S27 unlock: lifts the lock, audited under the agent, owner told ACTION=UNLOCKED")
  void unlockLiftsTheLock() {
    AccountId maria = lockedMaria();
    String verification = verifyMaria(ALICE);
    int events = helpdeskEvents().size();

    HelpdeskResult result = helpdesk().unlock(ALICE, MARIA, verification, REASON);

    assertThat(result).isEqualTo(DONE);
    PortalAccount after = store.account(maria).orElseThrow();
    assertThat(after.isLocked(clock.instant())).isFalse();
    assertThat(after.failedAttempts()).isZero();
    assertThat(signIn(LOGIN, PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    assertOneHelpdeskEvent(events, ALICE, MARIA, Optional.of(maria));
    assertThat(delivered(MARIA_EMAIL, NotificationType.HELPDESK_ACTION)).singleElement()
        .satisfies(notice -> {
          assertThat(notice.field(Notification.ACTION)).contains("UNLOCKED");
          assertThat(notice.recipient().value()).isEqualTo(MARIA_EMAIL.value());
          assertThat(notice.secret()).isEmpty();
        });
  }

  @Test
  @DisplayName("S27 unlock of a login that is not locked but has failures: the count is cleared and the owner told")
  void unlockOfAnUnlockedAccountStillTellsTheOwner() {
    AccountId maria = createMariasAccount();
    for (int i = 0; i < 3; i++) {
      signIn(LOGIN, WRONG);
    }
    String verification = verifyMaria(ALICE);
    mail.clear();
    int events = helpdeskEvents().size();

    HelpdeskResult result = helpdesk().unlock(ALICE, MARIA, verification, REASON);

    assertThat(result).isEqualTo(DONE);
    assertThat(store.account(maria).orElseThrow().failedAttempts()).isZero();
    assertOneHelpdeskEvent(events, ALICE, MARIA, Optional.of(maria));
    assertThat(delivered(MARIA_EMAIL, NotificationType.HELPDESK_ACTION))
        .as("the owner is notified of every done helpdesk action (S27)").singleElement()
        .satisfies(notice -> assertThat(notice.field(Notification.ACTION)).contains("UNLOCKED"));
  }

  @Test
  @DisplayName("S27 readLoginName: answers the login name, audited, owner told ACTION=LOGIN_NAME_READ")
  void readLoginNameAnswersTheName() {
    AccountId maria = createMariasAccount();
    PortalAccount before = store.account(maria).orElseThrow();
    String verification = verifyMaria(ALICE);
    int events = helpdeskEvents().size();

    HelpdeskResult result = helpdesk().readLoginName(ALICE, MARIA, verification, REASON);

    assertThat(result).isEqualTo(new HelpdeskResult.Done(Optional.of(LOGIN)));
    assertThat(store.account(maria)).contains(before);
    assertOneHelpdeskEvent(events, ALICE, MARIA, Optional.of(maria));
    assertThat(delivered(MARIA_EMAIL, NotificationType.HELPDESK_ACTION)).singleElement()
        .satisfies(notice -> {
          assertThat(notice.field(Notification.ACTION)).contains("LOGIN_NAME_READ");
          assertThat(notice.secret()).isEmpty();
        });
  }

  @Test
  @DisplayName("S27 sendPasswordReset: a reset link to the address of record only, never to the agent")
  void sendPasswordResetMailsTheAddressOfRecord() {
    AccountId maria = lockedMaria();
    String verification = verifyMaria(ALICE);
    int events = helpdeskEvents().size();

    HelpdeskResult result = helpdesk().sendPasswordReset(ALICE, MARIA, verification, REASON);

    assertThat(result).isEqualTo(DONE);
    assertOneHelpdeskEvent(events, ALICE, MARIA, Optional.of(maria));
    List<Notification> resets = delivered(MARIA_EMAIL, NotificationType.PASSWORD_RESET);
    assertThat(resets).hasSize(1);
    assertThat(delivered()).extracting(Notification::recipient).containsOnly(MARIA_EMAIL);
    String token = resets.get(0).secret().map(SecretText::reveal).orElseThrow();
    assertThat(result.toString()).doesNotContain(token);
    assertThat(audit.events().toString()).doesNotContain(token);
    assertThat(latchkey.recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
    // The link works, and (by default) lifts the lock.
    assertThat(latchkey.recovery().resetPassword(token, OTHER_PASSWORD, OTHER_PASSWORD, REQUEST))
        .isInstanceOf(ResetResult.Reset.class);
    assertThat(signIn(LOGIN, OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("S27 changeEmail: the address of record changes; old and new addresses are both told")
  void changeEmailTellsBothAddresses() {
    AccountId maria = createMariasAccount();
    String verification = verifyMaria(ALICE);
    int events = helpdeskEvents().size();

    HelpdeskResult result = helpdesk().changeEmail(ALICE, MARIA, verification,
        MARIA_NEW_EMAIL.value(), REASON);

    assertThat(result).isEqualTo(DONE);
    assertThat(store.guardian(MARIA).orElseThrow().email()).contains(MARIA_NEW_EMAIL);
    assertOneHelpdeskEvent(events, ALICE, MARIA, Optional.of(maria));
    for (EmailAddress to : List.of(MARIA_EMAIL, MARIA_NEW_EMAIL)) {
      assertThat(delivered(to, NotificationType.HELPDESK_ACTION)).as("notice to %s", to)
          .singleElement().satisfies(notice -> {
            assertThat(notice.field(Notification.ACTION)).contains("EMAIL_CHANGED");
            assertThat(notice.secret()).isEmpty();
          });
    }
    // Reset links now go to the new address only.
    mail.clear();
    latchkey.recovery().forgotPassword(DISTRICT, LOGIN, REQUEST);
    latchkey.recovery().forgotPassword(DISTRICT, MARIA_EMAIL.value(), REQUEST);
    assertThat(delivered()).extracting(Notification::recipient).containsOnly(MARIA_NEW_EMAIL);
  }

  @Test
  @DisplayName("changeEmail keeps the guardian's preferred language")
  void changeEmailKeepsThePreferredLanguage() {
    latchkey.roster().putGuardian(store.guardian(JOSE).orElseThrow()
        .withPreferredLanguage(Locale.forLanguageTag("es")));
    String verification = verify(ALICE, JOSE, josesAnswers());

    HelpdeskResult result = helpdesk().changeEmail(ALICE, JOSE, verification,
        "jose.new@example.org", REASON);

    assertThat(result).isEqualTo(DONE);
    assertThat(store.guardian(JOSE).orElseThrow().preferredLanguage())
        .contains(Locale.forLanguageTag("es"));
  }

  @Test
  @DisplayName("changeEmail revokes a live key, which was sent to the old address")
  void changeEmailRevokesALiveKey() {
    String oldKey = issueKey(JOSE, JOSE_EMAIL);
    String verification = verify(ALICE, JOSE, josesAnswers());
    EmailAddress joseNew = EmailAddress.of("jose.new@example.org");
    int events = helpdeskEvents().size();

    HelpdeskResult result = helpdesk().changeEmail(ALICE, JOSE, verification, joseNew.value(),
        REASON);

    assertThat(result).isEqualTo(DONE);
    assertThat(store.keysOfGuardian(JOSE)).extracting(ActivationKeyRecord::state)
        .doesNotContain(KeyState.LIVE);
    RedeemResult redeemed = latchkey.activation().redeem(
        new Redemption(oldKey, "jose.lopez", PASSWORD, PASSWORD), REQUEST);
    assertThat(redeemed.code()).isEqualTo(RedeemCode.KEY_REVOKED);
    assertOneHelpdeskEvent(events, ALICE, JOSE, Optional.empty());
    assertThat(delivered(JOSE_EMAIL, NotificationType.HELPDESK_ACTION)).hasSize(1);
    assertThat(delivered(joseNew, NotificationType.HELPDESK_ACTION)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"maria.new@example.org,evil@x.org", "maria.new@example.org;evil@x.org",
      "maria.new@example.org\nBcc:evil@x.org", "Maria <maria.new@example.org>", "", "not-an-email"})
  @DisplayName("changeEmail to anything but exactly one address is INVALID_EMAIL, changing nothing")
  void changeEmailRejectsListsAndGarbage(String replacement) {
    createMariasAccount();
    String verification = verifyMaria(ALICE);
    Snapshot before = snapshot(MARIA);

    HelpdeskResult result = helpdesk().changeEmail(ALICE, MARIA, verification, replacement,
        REASON);

    assertThat(result).isEqualTo(new HelpdeskResult.Refused(HelpdeskResult.Code.INVALID_EMAIL));
    assertThat(snapshot(MARIA)).isEqualTo(before);
    assertThat(delivered()).isEmpty();
  }

  @Test
  @DisplayName("S27 resetActivation: disables the misused login and mails a fresh key to the address of record")
  void resetActivationDisablesAndReissues() {
    AccountId maria = createMariasAccount();
    String verification = verifyMaria(ALICE);
    int events = helpdeskEvents().size();

    HelpdeskResult result = helpdesk().resetActivation(ALICE, MARIA, verification, REASON);

    assertThat(result).isEqualTo(DONE);
    assertThat(store.account(maria).orElseThrow().status()).isEqualTo(AccountStatus.DISABLED);
    assertThat(signIn(LOGIN, PASSWORD)).isEqualTo(new SignInResult.Failed());
    assertOneHelpdeskEvent(events, ALICE, MARIA, Optional.of(maria));
    assertThat(delivered()).extracting(Notification::recipient).containsOnly(MARIA_EMAIL);
    String key = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();
    assertThat(latchkey.activation().redeem(
        new Redemption(key, "maria.lopez2", OTHER_PASSWORD, OTHER_PASSWORD), REQUEST).code())
        .isEqualTo(RedeemCode.REDEEMED);
  }

  @Test
  @DisplayName("S27 issueKey: needs no verification, mails a key to the address on file, audited")
  void issueKeyNeedsNoVerification() {
    int events = helpdeskEvents().size();

    HelpdeskResult result = helpdesk().issueKey(ALICE, JOSE, REASON);

    assertThat(result).isEqualTo(DONE);
    assertOneHelpdeskEvent(events, ALICE, JOSE, Optional.empty());
    assertThat(delivered()).extracting(Notification::recipient).containsOnly(JOSE_EMAIL);
    assertThat(delivered(JOSE_EMAIL, NotificationType.ACTIVATION_KEY)).hasSize(1);
    String key = mail.lastKeyFor(JOSE_EMAIL).orElseThrow();
    assertThat(result.toString()).doesNotContain(key);
    assertThat(latchkey.activation().redeem(
        new Redemption(key, "jose.lopez", PASSWORD, PASSWORD), REQUEST).code())
        .isEqualTo(RedeemCode.REDEEMED);
  }

  @Test
  @DisplayName("issueKey reissues: the previous key is revoked")
  void issueKeyReissues() {
    String first = issueKey(JOSE, JOSE_EMAIL);

    assertThat(helpdesk().issueKey(ALICE, JOSE, REASON)).isEqualTo(DONE);

    assertThat(latchkey.activation().redeem(
        new Redemption(first, "jose.lopez", PASSWORD, PASSWORD), REQUEST).code())
        .isEqualTo(RedeemCode.KEY_REVOKED);
  }

  @Test
  @DisplayName("issueKey refuses ACCOUNT_EXISTS, NO_EMAIL and UNKNOWN_GUARDIAN, sending nothing")
  void issueKeyRefusals() {
    createMariasAccount();

    assertThat(helpdesk().issueKey(ALICE, MARIA, REASON))
        .isEqualTo(new HelpdeskResult.Refused(HelpdeskResult.Code.ACCOUNT_EXISTS));
    assertThat(helpdesk().issueKey(ALICE, NO_EMAIL, REASON))
        .isEqualTo(new HelpdeskResult.Refused(HelpdeskResult.Code.NO_EMAIL));
    assertThat(helpdesk().issueKey(ALICE, UNKNOWN, REASON))
        .isEqualTo(new HelpdeskResult.Refused(HelpdeskResult.Code.UNKNOWN_GUARDIAN));

    assertThat(delivered()).isEmpty();
    assertThat(helpdeskEvents()).allSatisfy(e -> assertThat(e.outcome()).isNotEqualTo("DONE"));
  }

  /** Every action the helpdesk has that changes or reveals something. */
  public enum AnyAction {
    READ_LOGIN_NAME,
    SEND_PASSWORD_RESET,
    UNLOCK,
    CHANGE_EMAIL,
    RESET_ACTIVATION,
    ISSUE_KEY
  }

  @ParameterizedTest
  @EnumSource(AnyAction.class)
  @DisplayName("S27: every helpdesk action writes one audit record (agent, subject, reason, time) and notifies the owner")
  void everyActionIsAuditedAndNotifies(AnyAction action) {
    AccountId maria = lockedMaria();
    clock.advance(Duration.ofMinutes(3));
    GuardianId subject = action == AnyAction.ISSUE_KEY ? JOSE : MARIA;
    String verification = verify(BOB, subject, subject == JOSE ? josesAnswers() : mariasAnswers());
    mail.clear();
    int events = helpdeskEvents().size();

    HelpdeskResult result = switch (action) {
      case ISSUE_KEY -> helpdesk().issueKey(BOB, JOSE, REASON);
      default -> Privileged.valueOf(action.name()).run(helpdesk(), BOB, MARIA, verification);
    };

    assertThat(result.code()).isEqualTo(HelpdeskResult.Code.DONE);
    AuditEvent event = assertOneHelpdeskEvent(events, BOB, subject,
        subject == MARIA ? Optional.of(maria) : Optional.empty());
    assertThat(event.toString()).doesNotContain(PASSWORD);
    List<Notification> sent = delivered();
    assertThat(sent).as("notices to the owner").isNotEmpty();
    switch (action) {
      case READ_LOGIN_NAME -> assertNotice(sent, MARIA_EMAIL, "LOGIN_NAME_READ");
      case UNLOCK -> assertNotice(sent, MARIA_EMAIL, "UNLOCKED");
      case CHANGE_EMAIL -> {
        assertNotice(sent, MARIA_EMAIL, "EMAIL_CHANGED");
        assertNotice(sent, MARIA_NEW_EMAIL, "EMAIL_CHANGED");
      }
      case SEND_PASSWORD_RESET -> assertThat(sent).anySatisfy(n -> {
        assertThat(n.type()).isEqualTo(NotificationType.PASSWORD_RESET);
        assertThat(n.recipient()).isEqualTo(MARIA_EMAIL);
      });
      case RESET_ACTIVATION -> assertThat(sent).anySatisfy(n -> {
        assertThat(n.type()).isEqualTo(NotificationType.ACTIVATION_KEY);
        assertThat(n.recipient()).isEqualTo(MARIA_EMAIL);
      });
      case ISSUE_KEY -> assertThat(sent).anySatisfy(n -> {
        assertThat(n.type()).isEqualTo(NotificationType.ACTIVATION_KEY);
        assertThat(n.recipient()).isEqualTo(JOSE_EMAIL);
      });
      default -> throw new AssertionError(action);
    }
    Set<EmailAddress> owners = action == AnyAction.CHANGE_EMAIL
        ? Set.of(MARIA_EMAIL, MARIA_NEW_EMAIL) : Set.of(subject == JOSE ? JOSE_EMAIL : MARIA_EMAIL);
    assertThat(sent).extracting(Notification::recipient).allSatisfy(to ->
        assertThat(to).isIn(owners));
  }

  private static void assertNotice(List<Notification> sent, EmailAddress to, String action) {
    assertThat(sent).as("HELPDESK_ACTION %s to %s", action, to).anySatisfy(n -> {
      assertThat(n.type()).isEqualTo(NotificationType.HELPDESK_ACTION);
      assertThat(n.recipient()).isEqualTo(to);
      assertThat(n.field(Notification.ACTION)).contains(action);
    });
  }

  @Test
  @DisplayName("S27: the audit records of different actions name different actions")
  void auditNamesTheAction() {
    lockedMaria();
    String verification = verifyMaria(ALICE);
    helpdesk().readLoginName(ALICE, MARIA, verification, REASON);
    helpdesk().unlock(ALICE, MARIA, verification, REASON);
    helpdesk().sendPasswordReset(ALICE, MARIA, verification, REASON);
    helpdesk().issueKey(ALICE, JOSE, REASON);

    assertThat(helpdeskEvents()).extracting(e -> e.details().get("action"))
        .doesNotHaveDuplicates().hasSize(4);
  }

  @Test
  @DisplayName("a verification authorises several actions on the same call")
  void oneVerificationServesTheCall() {
    lockedMaria();
    String verification = verifyMaria(ALICE);

    assertThat(helpdesk().readLoginName(ALICE, MARIA, verification, REASON).code())
        .isEqualTo(HelpdeskResult.Code.DONE);
    assertThat(helpdesk().unlock(ALICE, MARIA, verification, REASON).code())
        .isEqualTo(HelpdeskResult.Code.DONE);
  }

  @Test
  @DisplayName("privileged actions for a verified guardian without a login answer NO_ACCOUNT")
  void privilegedActionsWithoutALogin() {
    String verification = verify(ALICE, JOSE, josesAnswers());

    assertThat(helpdesk().readLoginName(ALICE, JOSE, verification, REASON))
        .isEqualTo(new HelpdeskResult.Refused(HelpdeskResult.Code.NO_ACCOUNT));
    assertThat(helpdesk().unlock(ALICE, JOSE, verification, REASON))
        .isEqualTo(new HelpdeskResult.Refused(HelpdeskResult.Code.NO_ACCOUNT));
    assertThat(helpdesk().sendPasswordReset(ALICE, JOSE, verification, REASON))
        .isEqualTo(new HelpdeskResult.Refused(HelpdeskResult.Code.NO_ACCOUNT));
    assertThat(delivered()).isEmpty();
  }
}
