package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ThrottlePolicy;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordRejection;
import dev.latchkey.recovery.Recovery;
import dev.latchkey.recovery.RecoveryAnswer;
import dev.latchkey.recovery.RecoveryPolicy;
import dev.latchkey.recovery.ResetCode;
import dev.latchkey.recovery.ResetResult;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.spi.LatchkeyStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Self-service recovery (S10, S13, S21–S24): "Forgot Username?" and "Forgot Password?" answer
 * the same whether or not anything matched and mail only the address of record; a reset token
 * lives 60 minutes to the second, is never used up by looking at it, is used up exactly once
 * (even by racing resets) and is superseded by a newer one; a completed reset applies the
 * password policy, bumps the credential version, tells the owner and lifts a lock; a reset
 * <em>request</em> changes nothing about the account, however many arrive.
 *
 * <p>Maria Lopez has the login {@code maria.lopez}; Jose has a roster record and no login.
 */
public abstract class RecoveryContract extends ContractSupport {
  private static final String LOGIN = "maria.lopez";
  private static final String WRONG = "definitely not the password";
  private static final String THIRD_PASSWORD = "silver canyon echoes every dawn";
  private static final String FOURTH_PASSWORD = "quiet meadow hums beneath clouds";
  private static final Duration TOKEN_LIFE = Duration.ofMinutes(60);
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static final String EVIL = "evil@x.org";
  private static final RecoveryAnswer ACCEPTED = RecoveryAnswer.ACCEPTED;

  /**
   * Identifiers that smuggle a second recipient, or a header, into the request (GitLab
   * CVE-2023-7028): lists, arrays, separators, line breaks, display-name forms.
   */
  private static final String[] LISTS_AND_SEPARATORS = {
    "maria.lopez@example.org,evil@x.org",
    "maria.lopez@example.org, evil@x.org",
    "maria.lopez@example.org;evil@x.org",
    "maria.lopez@example.org evil@x.org",
    "maria.lopez@example.org\tevil@x.org",
    "maria.lopez@example.org|evil@x.org",
    "maria.lopez@example.org\nBcc:evil@x.org",
    "maria.lopez@example.org\r\nBcc: evil@x.org",
    "maria.lopez@example.org%0aBcc:evil@x.org",
    "[\"maria.lopez@example.org\",\"evil@x.org\"]",
    "{\"email\":[\"maria.lopez@example.org\",\"evil@x.org\"]}",
    "Maria Lopez <maria.lopez@example.org>",
    "<evil@x.org>maria.lopez@example.org",
    "\"maria.lopez@example.org\"@x.org",
    "evil@x.org?cc=maria.lopez@example.org",
    "maria.lopez,evil@x.org",
    "maria.lopez\nevil@x.org",
  };

  /**
   * Look-alikes of Maria's address and login: full-width forms (NFKC folds them onto hers),
   * Cyrillic letters (a different address), invisible characters, case. Whatever the answer,
   * mail may go nowhere but to an address of record, spelled as the record spells it.
   */
  private static final String[] LOOK_ALIKES = {
    "\uFF4D\uFF41\uFF52\uFF49\uFF41.\uFF4C\uFF4F\uFF50\uFF45\uFF5A@example.org",
    "maria.lopez@\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.\uFF4F\uFF52\uFF47",
    "\uFF4D\uFF41\uFF52\uFF49\uFF41.\uFF4C\uFF4F\uFF50\uFF45\uFF5A",
    "m\u0430ria.lopez@example.org",
    "maria.lopez@ex\u0430mple.org",
    "m\u0430ria.lopez",
    "maria.lopez@example.org\u200b",
    "maria\u200b.lopez@example.org",
    "maria.lopez\u200b",
    "\u202emaria.lopez@example.org",
    "MARIA.LOPEZ@EXAMPLE.ORG",
    "  maria.lopez@example.org  ",
    "Maria.Lopez",
    "maria.lopez@example.org.",
    "maria.lopez@example.org\u0000",
  };

  private AccountId maria;

  @BeforeEach
  void createMariasAccount() {
    maria = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    mail.clear();
  }

  // --- helpers -------------------------------------------------------------------------------

  private Recovery recovery() {
    return latchkey.recovery();
  }

  /** Delivers whatever the outbox holds, then returns every message delivered so far. */
  private List<Notification> delivered() {
    latchkey.outbox().runOnce();
    return mail.sent();
  }

  private List<Notification> delivered(EmailAddress to, NotificationType type) {
    latchkey.outbox().runOnce();
    return mail.sentTo(to, type);
  }

  private List<Notification> resetMail(EmailAddress to) {
    return delivered(to, NotificationType.PASSWORD_RESET);
  }

  private String tokenIn(Notification message) {
    assertThat(message.type()).isEqualTo(NotificationType.PASSWORD_RESET);
    return message.secret().map(SecretText::reveal)
        .orElseThrow(() -> new AssertionError("a PASSWORD_RESET message without a token"));
  }

  /** The token in the newest PASSWORD_RESET message to {@code to}. */
  private String lastTokenFor(EmailAddress to) {
    List<Notification> messages = resetMail(to);
    assertThat(messages).as("PASSWORD_RESET messages to %s", to).isNotEmpty();
    return tokenIn(messages.get(messages.size() - 1));
  }

  /** Asks for a reset of Maria's login and returns the token from the email. */
  private String requestReset() {
    return requestReset(latchkey);
  }

  private String requestReset(Latchkey facade) {
    int before = resetMail(MARIA_EMAIL).size();
    assertThat(facade.recovery().forgotPassword(DISTRICT, LOGIN, REQUEST)).isEqualTo(ACCEPTED);
    List<Notification> after = resetMail(MARIA_EMAIL);
    assertThat(after).as("a new PASSWORD_RESET message").hasSize(before + 1);
    return tokenIn(after.get(after.size() - 1));
  }

  private ResetResult reset(String token, String password) {
    return reset(latchkey, token, password);
  }

  private static ResetResult reset(Latchkey facade, String token, String password) {
    return facade.recovery().resetPassword(token, password, password, REQUEST);
  }

  private PortalAccount stored() {
    return store.account(maria).orElseThrow();
  }

  private SignInResult signIn(String password) {
    return latchkey.signIn().signIn(credentials(LOGIN, password), REQUEST);
  }

  private void failSignIn(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(signIn(WRONG)).isEqualTo(new SignInResult.Failed());
    }
  }

  private void lockMaria() {
    failSignIn(5);
    assertThat(stored().isLocked(clock.instant())).as("locked after five failures").isTrue();
  }

  private static ResetResult.Rejected rejected(ResetResult result, ResetCode code) {
    assertThat(result.code()).isEqualTo(code);
    assertThat(result).isInstanceOf(ResetResult.Rejected.class);
    return (ResetResult.Rejected) result;
  }

  /** A password nobody used, for tests that reset more than once (history). */
  private static String freshPassword(int n) {
    String[] words = {"amber", "falcon", "glides", "past", "dunes", "toward", "coral", "reefs"};
    return words[n % words.length] + " falcon glides past dunes " + n + " times";
  }

  /** Every delivered message went to an address of record, spelled exactly as on record. */
  private void assertDeliveredOnlyTo(Set<EmailAddress> records) {
    Set<String> spelled = records.stream().map(EmailAddress::value).collect(Collectors.toSet());
    assertThat(delivered()).allSatisfy(message -> {
      assertThat(message.recipient().value()).as("recipient of %s", message.type())
          .isIn(spelled);
      assertThat(message.recipient().value()).doesNotContainIgnoringCase("evil");
    });
  }

  private Latchkey withRecoveryPolicy(RecoveryPolicy policy) {
    return facade(b -> b.recoveryPolicy(policy));
  }

  private static RecoveryPolicy generousPolicy(boolean resetLiftsLock) {
    return new RecoveryPolicy(TOKEN_LIFE, 100_000, 100_000, WINDOW, resetLiftsLock);
  }

  private static Latchkey.Builder hugeThrottles(Latchkey.Builder builder) {
    return builder.throttlePolicy(
        new ThrottlePolicy(1_000_000, 1_000_000, 1_000_000, Duration.ofMinutes(15)));
  }

  // --- forgot username -----------------------------------------------------------------------

  @Test
  @DisplayName("forgot username: a known address gets one USERNAME_REMINDER listing its login")
  void forgotUsernameMailsTheLoginNameToTheAddress() {
    RecoveryAnswer answer = recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST);

    assertThat(answer).isEqualTo(ACCEPTED);
    assertThat(delivered()).singleElement().satisfies(message -> {
      assertThat(message.type()).isEqualTo(NotificationType.USERNAME_REMINDER);
      assertThat(message.recipient().value()).isEqualTo(MARIA_EMAIL.value());
      assertThat(message.district()).isEqualTo(DISTRICT);
      assertThat(message.field(Notification.LOGIN_NAMES)).hasValueSatisfying(
          names -> assertThat(names.split(",\\s*")).containsExactly(LOGIN));
      assertThat(message.secret()).isEmpty();
    });
  }

  @Test
  @DisplayName("forgot username: known, unknown and login-less addresses get one identical answer")
  void forgotUsernameAnswersTheSameForKnownAndUnknownAddresses() {
    RecoveryAnswer known = recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST);
    RecoveryAnswer unknown = recovery().forgotUsername(DISTRICT, "nobody@example.org", REQUEST);
    RecoveryAnswer noLogin = recovery().forgotUsername(DISTRICT, JOSE_EMAIL.value(), REQUEST);

    assertThat(List.of(known, unknown, noLogin)).containsOnly(ACCEPTED);
    assertThat(delivered(MARIA_EMAIL, NotificationType.USERNAME_REMINDER)).hasSize(1);
    // Jose has no login: whether he is told so is not specified, but nobody else is mailed,
    // and nothing of Maria's reaches him.
    assertDeliveredOnlyTo(Set.of(MARIA_EMAIL, JOSE_EMAIL));
    assertThat(delivered(JOSE_EMAIL, NotificationType.USERNAME_REMINDER))
        .allSatisfy(message -> assertThat(message.field(Notification.LOGIN_NAMES).orElse(""))
            .doesNotContain(LOGIN));
  }

  @Test
  @DisplayName("forgot username and password in a district that does not exist: ACCEPTED, nothing sent")
  void unknownDistrictAnswersTheSame() {
    DistrictId nowhere = DistrictId.of("nowhere-999");

    assertThat(recovery().forgotUsername(nowhere, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);
    assertThat(recovery().forgotPassword(nowhere, LOGIN, REQUEST)).isEqualTo(ACCEPTED);
    assertThat(recovery().forgotPassword(nowhere, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);

    assertThat(delivered()).isEmpty();
  }

  @Test
  @DisplayName("forgot username: the answer at the per-address limit is the same ACCEPTED")
  void forgotUsernameAnswersTheSameAtTheLimit() {
    List<RecoveryAnswer> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST));
      answers.add(recovery().forgotUsername(DISTRICT, "nobody@example.org", REQUEST));
    }

    assertThat(answers).containsOnly(ACCEPTED);
  }

  @Test
  @DisplayName("forgot username: two guardians sharing an address get their two logins in one mail")
  void forgotUsernameListsEveryLoginOfTheAddress() {
    latchkey.roster().putGuardian(Guardian.of(JOSE, DISTRICT, "Jose", "Lopez", MARIA_EMAIL));
    createAccount(JOSE, MARIA_EMAIL, "jose.lopez");
    mail.clear();

    assertThat(recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);

    assertThat(delivered()).singleElement().satisfies(message -> {
      assertThat(message.type()).isEqualTo(NotificationType.USERNAME_REMINDER);
      assertThat(message.recipient()).isEqualTo(MARIA_EMAIL);
      assertThat(message.field(Notification.LOGIN_NAMES)).hasValueSatisfying(
          names -> assertThat(names.split(",\\s*"))
              .containsExactlyInAnyOrder(LOGIN, "jose.lopez"));
    });
  }

  @Test
  @DisplayName("forgot username: only the district's guardians, and only active logins, are listed")
  void forgotUsernameListsOnlyActiveLoginsOfTheDistrict() {
    DistrictId other = DistrictId.of("elsewhere-204");
    latchkey.roster().putDistrict(new District(other, "Elsewhere District 204", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("help@elsewhere.example.org"),
        "630.555.0100"));
    GuardianId twin = GuardianId.of("g-maria-elsewhere");
    latchkey.roster().putGuardian(Guardian.of(twin, other, "Maria", "Lopez", MARIA_EMAIL));
    IssueResult issued = latchkey.activation().issue(twin, REQUEST);
    assertThat(issued.code()).isEqualTo(IssueResult.IssueCode.ISSUED);
    String key = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();
    assertThat(latchkey.activation().redeem(
        new Redemption(key, "maria.elsewhere", PASSWORD, PASSWORD), REQUEST).code())
        .isEqualTo(RedeemCode.REDEEMED);
    // Jose shares the address; his login is then disabled by an activation reset.
    latchkey.roster().putGuardian(Guardian.of(JOSE, DISTRICT, "Jose", "Lopez", MARIA_EMAIL));
    createAccount(JOSE, MARIA_EMAIL, "jose.lopez");
    assertThat(latchkey.activation().resetActivation(JOSE, REQUEST).code())
        .isEqualTo(IssueResult.IssueCode.ISSUED);
    mail.clear();

    assertThat(recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);

    assertThat(delivered()).singleElement().satisfies(message -> {
      assertThat(message.district()).isEqualTo(DISTRICT);
      assertThat(message.field(Notification.LOGIN_NAMES)).hasValueSatisfying(
          names -> assertThat(names.split(",\\s*")).containsExactly(LOGIN));
    });
  }

  @Test
  @DisplayName("forgot username: at most 3 reminders an address an hour, then silently none (S24)")
  void forgotUsernameIsLimitedPerAddress() {
    for (int i = 0; i < 5; i++) {
      assertThat(recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST))
          .isEqualTo(ACCEPTED);
    }
    assertThat(delivered(MARIA_EMAIL, NotificationType.USERNAME_REMINDER)).hasSize(3);

    clock.advance(WINDOW.plus(ONE_SECOND));
    assertThat(recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);

    assertThat(delivered(MARIA_EMAIL, NotificationType.USERNAME_REMINDER)).hasSize(4);
  }

  @Test
  @DisplayName("forgot username: the per-address limit follows RecoveryPolicy.mailsPerAddress")
  void forgotUsernameLimitFollowsThePolicy() {
    Latchkey facade = withRecoveryPolicy(new RecoveryPolicy(TOKEN_LIFE, 3, 1, WINDOW, true));

    for (int i = 0; i < 3; i++) {
      assertThat(facade.recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST))
          .isEqualTo(ACCEPTED);
    }

    assertThat(delivered(MARIA_EMAIL, NotificationType.USERNAME_REMINDER)).hasSize(1);
  }

  @Test
  @DisplayName("forgot username: the address is matched case-insensitively, mailed as on record")
  void forgotUsernameMatchesCaseInsensitively() {
    assertThat(recovery().forgotUsername(DISTRICT, "Maria.LOPEZ@Example.org", REQUEST))
        .isEqualTo(ACCEPTED);

    assertThat(delivered()).singleElement().satisfies(message ->
        assertThat(message.recipient().value()).isEqualTo(MARIA_EMAIL.value()));
  }

  @Test
  @DisplayName("forgot username: a request is audited and changes nothing about the account")
  void forgotUsernameChangesNothing() {
    PortalAccount before = stored();

    recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST);

    assertThat(stored()).isEqualTo(before);
    assertThat(audit.events(AuditEventType.USERNAME_REMINDER_REQUESTED)).isNotEmpty();
  }

  // --- per-source throttle (S24) ---------------------------------------------------------------

  @Test
  @DisplayName("S24: one source asking 100 times at the default limits is THROTTLED; another source is not")
  void forgotRequestsAreThrottledPerSource() {
    Latchkey facade = facade(b -> b.throttlePolicy(ThrottlePolicy.defaults())
        .recoveryPolicy(generousPolicy(true)));
    RequestContext other = RequestContext.of("203.0.113.99", "Other/2.0");
    List<RecoveryAnswer> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(i % 2 == 0
          ? facade.recovery().forgotPassword(DISTRICT, "nobody" + i + "@example.org", REQUEST)
          : facade.recovery().forgotUsername(DISTRICT, "nobody" + i + "@example.org", REQUEST));
    }

    assertThat(answers).contains(RecoveryAnswer.THROTTLED);
    assertThat(answers).containsOnly(ACCEPTED, RecoveryAnswer.THROTTLED);
    // Once throttled, known and unknown identifiers answer alike.
    assertThat(facade.recovery().forgotPassword(DISTRICT, LOGIN, REQUEST))
        .isEqualTo(RecoveryAnswer.THROTTLED);
    assertThat(facade.recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(RecoveryAnswer.THROTTLED);
    assertThat(facade.recovery().forgotPassword(DISTRICT, LOGIN, other)).isEqualTo(ACCEPTED);
    assertThat(resetMail(MARIA_EMAIL)).hasSize(1);
  }

  @Test
  @DisplayName("S24: one source guessing 100 tokens at the default limits is THROTTLED; another source resets")
  void resetGuessesAreThrottledPerSource() {
    Latchkey facade = facade(b -> b.throttlePolicy(ThrottlePolicy.defaults()));
    RequestContext other = RequestContext.of("203.0.113.99", "Other/2.0");
    String token = requestReset();
    List<ResetCode> codes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      codes.add(facade.recovery().resetPassword("guess" + i + "AAAAAAAAAAAAAAAAAAAAAAAA",
          OTHER_PASSWORD, OTHER_PASSWORD, REQUEST).code());
    }

    assertThat(codes).contains(ResetCode.THROTTLED);
    assertThat(codes).containsOnly(ResetCode.INVALID_TOKEN, ResetCode.THROTTLED);
    assertThat(facade.recovery().resetPassword(token, OTHER_PASSWORD, OTHER_PASSWORD, other))
        .isInstanceOf(ResetResult.Reset.class);
  }

  // --- forgot password: requests ---------------------------------------------------------------

  @Test
  @DisplayName("forgot password by login name: one PASSWORD_RESET with a token, to the address of record")
  void forgotPasswordByLoginNameMailsTheAddressOfRecord() {
    assertThat(recovery().forgotPassword(DISTRICT, LOGIN, REQUEST)).isEqualTo(ACCEPTED);

    assertThat(delivered()).singleElement().satisfies(message -> {
      assertThat(message.type()).isEqualTo(NotificationType.PASSWORD_RESET);
      assertThat(message.recipient().value()).isEqualTo(MARIA_EMAIL.value());
      assertThat(message.district()).isEqualTo(DISTRICT);
      assertThat(message.secret()).isPresent();
      assertThat(message.fields().values())
          .noneSatisfy(v -> assertThat(v).contains(tokenIn(message)));
    });
    assertThat(recovery().checkResetToken(lastTokenFor(MARIA_EMAIL))).isEqualTo(ResetCode.VALID);
  }

  @Test
  @DisplayName("forgot password by email: the account of that guardian is sent a reset link")
  void forgotPasswordByEmailMailsTheAddressOfRecord() {
    assertThat(recovery().forgotPassword(DISTRICT, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);

    assertThat(delivered()).singleElement().satisfies(message -> {
      assertThat(message.type()).isEqualTo(NotificationType.PASSWORD_RESET);
      assertThat(message.recipient().value()).isEqualTo(MARIA_EMAIL.value());
    });
    assertThat(reset(lastTokenFor(MARIA_EMAIL), OTHER_PASSWORD))
        .isInstanceOf(ResetResult.Reset.class);
    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("forgot password by email: each active account of the address gets its own link")
  void forgotPasswordByEmailReachesEveryAccountOfTheAddress() {
    latchkey.roster().putGuardian(Guardian.of(JOSE, DISTRICT, "Jose", "Lopez", MARIA_EMAIL));
    AccountId jose = createAccount(JOSE, MARIA_EMAIL, "jose.lopez");
    mail.clear();

    assertThat(recovery().forgotPassword(DISTRICT, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);

    List<Notification> messages = resetMail(MARIA_EMAIL);
    assertThat(messages).hasSize(2);
    assertThat(delivered()).hasSize(2);
    String first = tokenIn(messages.get(0));
    String second = tokenIn(messages.get(1));
    assertThat(first).isNotEqualTo(second);
    assertThat(recovery().checkResetToken(first)).isEqualTo(ResetCode.VALID);
    assertThat(recovery().checkResetToken(second)).isEqualTo(ResetCode.VALID);
    long mariaVersion = stored().credentialVersion();
    long joseVersion = store.account(jose).orElseThrow().credentialVersion();
    assertThat(reset(first, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
    assertThat(reset(second, THIRD_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
    assertThat(stored().credentialVersion()).isEqualTo(mariaVersion + 1);
    assertThat(store.account(jose).orElseThrow().credentialVersion()).isEqualTo(joseVersion + 1);
  }

  @Test
  @DisplayName("forgot password: the login name is matched case-insensitively")
  void forgotPasswordMatchesLoginNameCaseInsensitively() {
    assertThat(recovery().forgotPassword(DISTRICT, "Maria.Lopez", REQUEST)).isEqualTo(ACCEPTED);

    assertThat(resetMail(MARIA_EMAIL)).hasSize(1);
  }

  @Test
  @DisplayName("forgot password: known and unknown names and addresses get one identical answer (S13)")
  void forgotPasswordAnswersTheSameForKnownAndUnknown() {
    List<RecoveryAnswer> answers = List.of(
        recovery().forgotPassword(DISTRICT, LOGIN, REQUEST),
        recovery().forgotPassword(DISTRICT, "no.such.login", REQUEST),
        recovery().forgotPassword(DISTRICT, MARIA_EMAIL.value(), REQUEST),
        recovery().forgotPassword(DISTRICT, "nobody@example.org", REQUEST),
        recovery().forgotPassword(DISTRICT, JOSE_EMAIL.value(), REQUEST),
        recovery().forgotPassword(DISTRICT, "jose.lopez", REQUEST));

    assertThat(answers).containsOnly(ACCEPTED);
    assertThat(delivered()).extracting(Notification::type)
        .containsOnly(NotificationType.PASSWORD_RESET);
    assertThat(delivered()).extracting(Notification::recipient).containsOnly(MARIA_EMAIL);
    assertThat(delivered()).hasSize(2);
  }

  @Test
  @DisplayName("forgot password: an address without a login, or a disabled login, is sent nothing")
  void forgotPasswordSendsNothingWithoutAnActiveAccount() {
    issueKey(JOSE, JOSE_EMAIL);
    assertThat(latchkey.activation().resetActivation(MARIA, REQUEST).code())
        .isEqualTo(IssueResult.IssueCode.ISSUED);
    assertThat(stored().status()).isEqualTo(AccountStatus.DISABLED);
    mail.clear();

    assertThat(recovery().forgotPassword(DISTRICT, JOSE_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);
    assertThat(recovery().forgotPassword(DISTRICT, LOGIN, REQUEST)).isEqualTo(ACCEPTED);
    assertThat(recovery().forgotPassword(DISTRICT, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(ACCEPTED);

    assertThat(delivered()).isEmpty();
  }

  @Test
  @DisplayName("forgot password: at most 3 reset mails an account an hour, then silently none (S24)")
  void forgotPasswordIsLimitedPerAccount() {
    List<RecoveryAnswer> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(recovery().forgotPassword(DISTRICT, LOGIN, REQUEST));
      answers.add(recovery().forgotPassword(DISTRICT, MARIA_EMAIL.value(), REQUEST));
    }

    assertThat(answers).containsOnly(ACCEPTED);
    assertThat(resetMail(MARIA_EMAIL)).hasSize(3);

    clock.advance(WINDOW.plus(ONE_SECOND));
    assertThat(recovery().forgotPassword(DISTRICT, LOGIN, REQUEST)).isEqualTo(ACCEPTED);
    assertThat(resetMail(MARIA_EMAIL)).hasSize(4);
  }

  @Test
  @DisplayName("forgot password: at the limit the last mailed token still works")
  void forgotPasswordAtTheLimitKeepsTheLastMailedToken() {
    for (int i = 0; i < 5; i++) {
      recovery().forgotPassword(DISTRICT, LOGIN, REQUEST);
    }
    String last = lastTokenFor(MARIA_EMAIL);

    assertThat(recovery().checkResetToken(last)).isEqualTo(ResetCode.VALID);
    assertThat(reset(last, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
  }

  @Test
  @DisplayName("forgot password: the per-account limit follows RecoveryPolicy.mailsPerAccount")
  void forgotPasswordLimitFollowsThePolicy() {
    Latchkey facade = withRecoveryPolicy(new RecoveryPolicy(TOKEN_LIFE, 1, 3, WINDOW, true));

    for (int i = 0; i < 3; i++) {
      assertThat(facade.recovery().forgotPassword(DISTRICT, LOGIN, REQUEST)).isEqualTo(ACCEPTED);
    }

    assertThat(resetMail(MARIA_EMAIL)).hasSize(1);
  }

  @Test
  @DisplayName("a reset request is audited as PASSWORD_RESET_REQUESTED")
  void forgotPasswordIsAudited() {
    recovery().forgotPassword(DISTRICT, LOGIN, REQUEST);

    assertThat(audit.events(AuditEventType.PASSWORD_RESET_REQUESTED)).isNotEmpty();
  }

  // --- a request changes nothing (S10) ---------------------------------------------------------

  @Test
  @DisplayName("1,000 reset requests change nothing about the account: counters, hash, version")
  void thousandResetRequestsChangeNothing() {
    Latchkey facade = facade(RecoveryContract::hugeThrottles);
    failSignIn(2);
    PortalAccount before = stored();
    assertThat(before.failedAttempts()).isEqualTo(2);

    for (int i = 0; i < 1_000; i++) {
      String identifier = switch (i % 3) {
        case 0 -> LOGIN;
        case 1 -> MARIA_EMAIL.value();
        default -> "MARIA.LOPEZ";
      };
      assertThat(facade.recovery().forgotPassword(DISTRICT, identifier, REQUEST))
          .as("request %d", i).isEqualTo(ACCEPTED);
    }

    assertThat(stored()).isEqualTo(before);
    assertThat(resetMail(MARIA_EMAIL)).hasSize(3);
    assertThat(delivered()).extracting(Notification::recipient).containsOnly(MARIA_EMAIL);
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("1,000 reset requests do not unlock a locked account, nor touch its count")
  void thousandResetRequestsDoNotUnlock() {
    Latchkey facade = facade(RecoveryContract::hugeThrottles);
    lockMaria();
    PortalAccount before = stored();

    for (int i = 0; i < 1_000; i++) {
      assertThat(facade.recovery().forgotPassword(
          DISTRICT, i % 2 == 0 ? LOGIN : MARIA_EMAIL.value(), REQUEST)).isEqualTo(ACCEPTED);
    }

    assertThat(stored()).isEqualTo(before);
    assertThat(stored().isLocked(clock.instant())).isTrue();
    assertThat(signIn(PASSWORD)).isEqualTo(new SignInResult.Failed());
  }

  @Test
  @DisplayName("a reset request leaves the old password working and the version unchanged")
  void resetRequestKeepsThePassword() {
    long version = stored().credentialVersion();

    requestReset();

    assertThat(stored().credentialVersion()).isEqualTo(version);
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  // --- S23: delivery only to the address of record ---------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
    "maria.lopez@example.org,evil@x.org",
    "maria.lopez@example.org, evil@x.org",
    "maria.lopez@example.org;evil@x.org",
    "maria.lopez@example.org evil@x.org",
    "maria.lopez@example.org\tevil@x.org",
    "maria.lopez@example.org|evil@x.org",
    "maria.lopez@example.org\nBcc:evil@x.org",
    "maria.lopez@example.org\r\nBcc: evil@x.org",
    "maria.lopez@example.org%0aBcc:evil@x.org",
    "[\"maria.lopez@example.org\",\"evil@x.org\"]",
    "{\"email\":[\"maria.lopez@example.org\",\"evil@x.org\"]}",
    "Maria Lopez <maria.lopez@example.org>",
    "<evil@x.org>maria.lopez@example.org",
    "\"maria.lopez@example.org\"@x.org",
    "evil@x.org?cc=maria.lopez@example.org",
  })
  @DisplayName("S23 forgot username: a list or separator in the address is INVALID_INPUT, nothing sent")
  void forgotUsernameRejectsListsAndSeparators(String identifier) {
    assertThat(recovery().forgotUsername(DISTRICT, identifier, REQUEST))
        .isEqualTo(RecoveryAnswer.INVALID_INPUT);

    assertThat(delivered()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("S23 forgot password: a list or separator in the identifier is INVALID_INPUT, nothing sent")
  void forgotPasswordRejectsListsAndSeparators() {
    for (String identifier : LISTS_AND_SEPARATORS) {
      assertThat(recovery().forgotPassword(DISTRICT, identifier, REQUEST))
          .as("forgotPassword(%s)", identifier.replace("\n", "\\n").replace("\r", "\\r"))
          .isEqualTo(RecoveryAnswer.INVALID_INPUT);
    }

    assertThat(delivered()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("S23 forgot username: a list or separator never reaches a second address")
  void forgotUsernameNeverMailsASmuggledAddress() {
    latchkey.roster().putGuardian(Guardian.of(GuardianId.of("g-evil"), DISTRICT, "Eve", "Vil",
        EmailAddress.of(EVIL)));
    for (String identifier : LISTS_AND_SEPARATORS) {
      RecoveryAnswer answer = recovery().forgotUsername(DISTRICT, identifier, REQUEST);
      assertThat(answer).isEqualTo(RecoveryAnswer.INVALID_INPUT);
    }

    assertThat(delivered()).isEmpty();
  }

  @Test
  @DisplayName("S23: look-alike identifiers deliver, if at all, only to the address of record as spelled on record")
  void lookAlikesDeliverOnlyToTheAddressOfRecord() {
    for (String identifier : LOOK_ALIKES) {
      String shown = escape(identifier);
      assertThat(recovery().forgotPassword(DISTRICT, identifier, REQUEST)).as("password %s", shown)
          .isIn(ACCEPTED, RecoveryAnswer.INVALID_INPUT);
      assertThat(recovery().forgotUsername(DISTRICT, identifier, REQUEST)).as("username %s", shown)
          .isIn(ACCEPTED, RecoveryAnswer.INVALID_INPUT);
      assertDeliveredOnlyTo(Set.of(MARIA_EMAIL));
    }
    assertThat(delivered()).extracting(Notification::type).isSubsetOf(
        NotificationType.PASSWORD_RESET, NotificationType.USERNAME_REMINDER);
  }

  @Test
  @DisplayName("S23: a full-width copy of the address is mailed at the address as spelled on record")
  void fullWidthAddressIsMailedAtTheRecordedSpelling() {
    String fullWidth = "\uFF4D\uFF41\uFF52\uFF49\uFF41.\uFF4C\uFF4F\uFF50\uFF45\uFF5A@example.org";

    RecoveryAnswer answer = recovery().forgotPassword(DISTRICT, fullWidth, REQUEST);

    assertThat(answer).isIn(ACCEPTED, RecoveryAnswer.INVALID_INPUT);
    assertThat(delivered()).allSatisfy(message -> {
      assertThat(message.recipient().value()).isEqualTo("maria.lopez@example.org");
      assertThat(message.recipient().value()).doesNotContain("\uFF4D");
    });
  }

  @Test
  @DisplayName("S23: an upper-case address is mailed at the address as spelled on record")
  void upperCaseAddressIsMailedAtTheRecordedSpelling() {
    assertThat(recovery().forgotPassword(DISTRICT, "MARIA.LOPEZ@EXAMPLE.ORG", REQUEST))
        .isEqualTo(ACCEPTED);

    assertThat(delivered()).singleElement().satisfies(message ->
        assertThat(message.recipient().value()).isEqualTo(MARIA_EMAIL.value()));
  }

  @Test
  @DisplayName("S23: a login name is mailed at its own owner's address of record")
  void anAddressIdentifiesAccountsNotRecipients() {
    // Jose's address of record differs from what any request names: a request for his login
    // goes to his address, whatever was typed.
    AccountId jose = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    mail.clear();

    assertThat(recovery().forgotPassword(DISTRICT, "jose.lopez", REQUEST)).isEqualTo(ACCEPTED);

    assertThat(delivered()).singleElement().satisfies(message ->
        assertThat(message.recipient().value()).isEqualTo(JOSE_EMAIL.value()));
    assertThat(recovery().checkResetToken(lastTokenFor(JOSE_EMAIL))).isEqualTo(ResetCode.VALID);
    assertThat(store.account(jose)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n", "@", "not an address or a name", "@example.org",
      "..", "\u0000", "-- ; DROP TABLE portal_account; --"})
  @DisplayName("garbage identifiers are INVALID_INPUT on both forgot paths, nothing sent")
  void garbageIsInvalidInput(String identifier) {
    assertThat(recovery().forgotUsername(DISTRICT, identifier, REQUEST))
        .isEqualTo(RecoveryAnswer.INVALID_INPUT);
    assertThat(recovery().forgotPassword(DISTRICT, identifier, REQUEST))
        .isEqualTo(RecoveryAnswer.INVALID_INPUT);

    assertThat(delivered()).isEmpty();
  }

  @Test
  @DisplayName("a null identifier is INVALID_INPUT on both forgot paths")
  void nullIsInvalidInput() {
    assertThat(recovery().forgotUsername(DISTRICT, null, REQUEST))
        .isEqualTo(RecoveryAnswer.INVALID_INPUT);
    assertThat(recovery().forgotPassword(DISTRICT, null, REQUEST))
        .isEqualTo(RecoveryAnswer.INVALID_INPUT);
    assertThat(delivered()).isEmpty();
  }

  // --- tokens: checking never uses up (S22) ----------------------------------------------------

  @Test
  @DisplayName("S22: checking a token any number of times never uses it up")
  void checkingNeverConsumes() {
    String token = requestReset();

    for (int i = 0; i < 10; i++) {
      assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
    }

    assertThat(reset(token, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
  }

  @Test
  @DisplayName("checking a token changes nothing about the account")
  void checkingChangesNothing() {
    String token = requestReset();
    PortalAccount before = stored();

    recovery().checkResetToken(token);

    assertThat(stored()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "abc", "0000000000000000000000000000000000000000000",
      "not-a-token", "../../etc/passwd", "' OR '1'='1", "\u0000",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  @DisplayName("garbage tokens are INVALID_TOKEN to check and to use, changing nothing")
  void garbageTokensAreInvalid(String garbage) {
    PortalAccount before = stored();

    assertThat(recovery().checkResetToken(garbage)).isEqualTo(ResetCode.INVALID_TOKEN);
    rejected(reset(garbage, OTHER_PASSWORD), ResetCode.INVALID_TOKEN);

    assertThat(stored()).isEqualTo(before);
  }

  @Test
  @DisplayName("a null token is INVALID_TOKEN to check and to use")
  void nullTokenIsInvalid() {
    assertThat(recovery().checkResetToken(null)).isEqualTo(ResetCode.INVALID_TOKEN);
    rejected(recovery().resetPassword(null, OTHER_PASSWORD, OTHER_PASSWORD, REQUEST),
        ResetCode.INVALID_TOKEN);
  }

  @Test
  @DisplayName("a real token with one character changed is INVALID_TOKEN; the real one still works")
  void alteredTokenIsInvalid() {
    String token = requestReset();
    char[] chars = token.toCharArray();
    int at = chars.length / 2;
    chars[at] = chars[at] == 'A' ? 'B' : 'A';
    String altered = new String(chars);

    assertThat(recovery().checkResetToken(altered)).isEqualTo(ResetCode.INVALID_TOKEN);
    rejected(reset(altered, OTHER_PASSWORD), ResetCode.INVALID_TOKEN);
    assertThat(reset(token, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
  }

  @Test
  @DisplayName("an activation key is not a reset token")
  void activationKeyIsNotAResetToken() {
    String key = issueKey(JOSE, JOSE_EMAIL);

    assertThat(recovery().checkResetToken(key)).isEqualTo(ResetCode.INVALID_TOKEN);
    rejected(reset(key, OTHER_PASSWORD), ResetCode.INVALID_TOKEN);
  }

  @Test
  @DisplayName("S16: reset tokens are distinct and carry at least 128 bits")
  void tokensAreDistinctAndLong() {
    Latchkey facade = withRecoveryPolicy(generousPolicy(true));
    Set<String> tokens = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      tokens.add(requestReset(facade));
    }

    assertThat(tokens).hasSize(20);
    // 128 bits need at least 22 base64url or 26 base32 characters; any encoding this short
    // cannot hold them.
    assertThat(tokens).allSatisfy(token -> assertThat(token.length()).isGreaterThanOrEqualTo(22));
  }

  // --- tokens: the life boundary (S21) ----------------------------------------------------------

  @Test
  @DisplayName("S21: one second before 60 minutes the token checks VALID and resets")
  void tokenWorksOneSecondBeforeExpiry() {
    Instant issuedAt = clock.instant();
    String token = requestReset();
    clock.set(issuedAt.plus(TOKEN_LIFE).minus(ONE_SECOND));

    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
    assertThat(reset(token, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("S21: at exactly 60 minutes the token is TOKEN_EXPIRED and resets nothing")
  void tokenExpiresAtSixtyMinutes() {
    Instant issuedAt = clock.instant();
    String token = requestReset();
    PortalAccount before = stored();
    clock.set(issuedAt.plus(TOKEN_LIFE));

    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.TOKEN_EXPIRED);
    rejected(reset(token, OTHER_PASSWORD), ResetCode.TOKEN_EXPIRED);

    assertThat(stored()).isEqualTo(before);
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("S21: one second after 60 minutes the token is TOKEN_EXPIRED")
  void tokenExpiredOneSecondAfter() {
    Instant issuedAt = clock.instant();
    String token = requestReset();
    clock.set(issuedAt.plus(TOKEN_LIFE).plus(ONE_SECOND));

    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.TOKEN_EXPIRED);
    rejected(reset(token, OTHER_PASSWORD), ResetCode.TOKEN_EXPIRED);
    assertThat(delivered(MARIA_EMAIL, NotificationType.PASSWORD_CHANGED)).isEmpty();
  }

  @Test
  @DisplayName("S21: the token life follows RecoveryPolicy.tokenLife")
  void tokenLifeFollowsThePolicy() {
    Latchkey facade = withRecoveryPolicy(
        new RecoveryPolicy(Duration.ofMinutes(15), 3, 3, WINDOW, true));
    Instant issuedAt = clock.instant();
    String token = requestReset(facade);

    clock.set(issuedAt.plus(Duration.ofMinutes(15)).minus(ONE_SECOND));
    assertThat(facade.recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
    clock.set(issuedAt.plus(Duration.ofMinutes(15)));
    assertThat(facade.recovery().checkResetToken(token)).isEqualTo(ResetCode.TOKEN_EXPIRED);
    rejected(reset(facade, token, OTHER_PASSWORD), ResetCode.TOKEN_EXPIRED);
  }

  @Test
  @DisplayName("S21/S38: expiry is judged by the facade's clock, the same through a second facade")
  void expiryIsTheSameThroughASecondFacade() {
    Latchkey second = facade(b -> b.store(anotherProcessStore()));
    Instant issuedAt = clock.instant();
    String token = requestReset();

    clock.set(issuedAt.plus(TOKEN_LIFE).minus(ONE_SECOND));
    assertThat(second.recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
    clock.set(issuedAt.plus(TOKEN_LIFE));
    assertThat(second.recovery().checkResetToken(token)).isEqualTo(ResetCode.TOKEN_EXPIRED);
    rejected(reset(second, token, OTHER_PASSWORD), ResetCode.TOKEN_EXPIRED);
  }

  // --- tokens: reuse and supersession -------------------------------------------------------

  @Test
  @DisplayName("a used token is TOKEN_USED to check and to use again")
  void usedTokenCannotBeReused() {
    String token = requestReset();
    assertThat(reset(token, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
    PortalAccount after = stored();

    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.TOKEN_USED);
    rejected(reset(token, THIRD_PASSWORD), ResetCode.TOKEN_USED);

    assertThat(stored()).isEqualTo(after);
    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(signIn(THIRD_PASSWORD).code()).isEqualTo(SignInResult.Code.INVALID_CREDENTIALS);
  }

  @Test
  @DisplayName("a used token never becomes usable again, even after its life has ended")
  void usedTokenNeverComesBack() {
    String token = requestReset();
    reset(token, OTHER_PASSWORD);
    clock.advance(TOKEN_LIFE.plus(ONE_SECOND));

    assertThat(recovery().checkResetToken(token))
        .isIn(ResetCode.TOKEN_USED, ResetCode.TOKEN_EXPIRED);
    assertThat(reset(token, THIRD_PASSWORD).code())
        .isIn(ResetCode.TOKEN_USED, ResetCode.TOKEN_EXPIRED);
  }

  @Test
  @DisplayName("a newer token supersedes the older one: the older is TOKEN_USED, the newer works")
  void newerTokenSupersedesOlder() {
    String older = requestReset();
    clock.advance(Duration.ofMinutes(1));
    String newer = requestReset();
    assertThat(newer).isNotEqualTo(older);

    assertThat(recovery().checkResetToken(older)).isEqualTo(ResetCode.TOKEN_USED);
    PortalAccount before = stored();
    rejected(reset(older, OTHER_PASSWORD), ResetCode.TOKEN_USED);
    assertThat(stored()).isEqualTo(before);

    assertThat(recovery().checkResetToken(newer)).isEqualTo(ResetCode.VALID);
    assertThat(reset(newer, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
    assertThat(recovery().checkResetToken(older)).isEqualTo(ResetCode.TOKEN_USED);
  }

  @Test
  @DisplayName("of three tokens only the newest works; the two older answer TOKEN_USED")
  void onlyTheNewestOfSeveralWorks() {
    String first = requestReset();
    String second = requestReset();
    String third = requestReset();

    assertThat(recovery().checkResetToken(first)).isEqualTo(ResetCode.TOKEN_USED);
    assertThat(recovery().checkResetToken(second)).isEqualTo(ResetCode.TOKEN_USED);
    rejected(reset(first, OTHER_PASSWORD), ResetCode.TOKEN_USED);
    rejected(reset(second, OTHER_PASSWORD), ResetCode.TOKEN_USED);
    assertThat(reset(third, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
  }

  @Test
  @DisplayName("a request silenced by the per-account limit supersedes nothing")
  void limitedRequestSupersedesNothing() {
    Latchkey facade = withRecoveryPolicy(new RecoveryPolicy(TOKEN_LIFE, 1, 3, WINDOW, true));
    String token = requestReset(facade);

    assertThat(facade.recovery().forgotPassword(DISTRICT, LOGIN, REQUEST)).isEqualTo(ACCEPTED);

    assertThat(resetMail(MARIA_EMAIL)).hasSize(1);
    assertThat(facade.recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
  }

  // --- completing a reset --------------------------------------------------------------------

  @Test
  @DisplayName("a reset sets the new password, bumps the version by one, and answers it")
  void resetSetsThePassword() {
    String token = requestReset();
    long before = stored().credentialVersion();

    ResetResult result = reset(token, OTHER_PASSWORD);

    assertThat(result).isEqualTo(new ResetResult.Reset(before + 1));
    assertThat(stored().credentialVersion()).isEqualTo(before + 1);
    assertThat(hasher.verify(OTHER_PASSWORD, stored().passwordHash())).isTrue();
    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(signIn(PASSWORD).code()).isEqualTo(SignInResult.Code.INVALID_CREDENTIALS);
  }

  @Test
  @DisplayName("a reset mails one PASSWORD_CHANGED notice, without a secret, to the address of record")
  void resetMailsPasswordChanged() {
    String token = requestReset();
    mail.clear();

    reset(token, OTHER_PASSWORD);

    assertThat(delivered()).singleElement().satisfies(message -> {
      assertThat(message.type()).isEqualTo(NotificationType.PASSWORD_CHANGED);
      assertThat(message.recipient().value()).isEqualTo(MARIA_EMAIL.value());
      assertThat(message.secret()).isEmpty();
    });
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("a reset is audited as PASSWORD_RESET for the account")
  void resetIsAudited() {
    String token = requestReset();

    reset(token, OTHER_PASSWORD);

    assertThat(audit.events(AuditEventType.PASSWORD_RESET)).isNotEmpty();
    assertThat(audit.events(AuditEventType.PASSWORD_RESET)).anySatisfy(event ->
        assertThat(event.subject()).isEqualTo("account:" + maria));
  }

  @Test
  @DisplayName("S10: a locked account is recovered by a completed reset: unlocked, count cleared")
  void resetLiftsALock() {
    lockMaria();
    String token = requestReset();
    assertThat(stored().isLocked(clock.instant())).as("a request does not unlock").isTrue();

    assertThat(reset(token, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);

    PortalAccount after = stored();
    assertThat(after.isLocked(clock.instant())).isFalse();
    assertThat(after.lockedAt()).isNull();
    assertThat(after.failedAttempts()).isZero();
    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("S10: after a reset unlocks, five new failures lock again (the count restarted)")
  void resetRestartsTheCount() {
    lockMaria();
    reset(requestReset(), OTHER_PASSWORD);

    failSignIn(4);
    assertThat(stored().isLocked(clock.instant())).isFalse();
    failSignIn(1);
    assertThat(stored().isLocked(clock.instant())).isTrue();
  }

  @Test
  @DisplayName("a reset clears a failure count short of a lock")
  void resetClearsTheFailureCount() {
    failSignIn(3);
    String token = requestReset();
    assertThat(stored().failedAttempts()).isEqualTo(3);

    reset(token, OTHER_PASSWORD);

    assertThat(stored().failedAttempts()).isZero();
  }

  @Test
  @DisplayName("S10: with resetLiftsLock=false a reset sets the password but leaves the lock")
  void resetKeepsTheLockWhenThePolicySaysSo() {
    Latchkey facade = withRecoveryPolicy(
        new RecoveryPolicy(TOKEN_LIFE, 3, 3, WINDOW, false));
    lockMaria();
    long version = stored().credentialVersion();
    String token = requestReset(facade);

    assertThat(reset(facade, token, OTHER_PASSWORD))
        .isEqualTo(new ResetResult.Reset(version + 1));

    assertThat(stored().isLocked(clock.instant())).isTrue();
    assertThat(hasher.verify(OTHER_PASSWORD, stored().passwordHash())).isTrue();
    assertThat(facade.signIn().signIn(credentials(LOGIN, OTHER_PASSWORD), REQUEST))
        .isEqualTo(new SignInResult.Failed());
  }

  @Test
  @DisplayName("a mismatched confirmation is PASSWORD_MISMATCH: nothing changes, the token stays usable")
  void mismatchChangesNothing() {
    String token = requestReset();
    PortalAccount before = stored();
    mail.clear();

    rejected(recovery().resetPassword(token, OTHER_PASSWORD, THIRD_PASSWORD, REQUEST),
        ResetCode.PASSWORD_MISMATCH);

    assertThat(stored()).isEqualTo(before);
    assertThat(delivered()).isEmpty();
    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
    assertThat(reset(token, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);
  }

  @Test
  @DisplayName("a too-short password is PASSWORD_TOO_WEAK with the reason; the token stays usable")
  void weakPasswordChangesNothing() {
    String token = requestReset();
    PortalAccount before = stored();
    mail.clear();

    ResetResult.Rejected result = rejected(reset(token, "short"), ResetCode.PASSWORD_TOO_WEAK);

    assertThat(result.passwordRejections()).contains(PasswordRejection.TOO_SHORT);
    assertThat(stored()).isEqualTo(before);
    assertThat(delivered()).isEmpty();
    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
  }

  @Test
  @DisplayName("the reset applies the same policy as redemption, context words included")
  void resetAppliesTheRedemptionPolicy() {
    String weak = "sofia loves the big blue ocean";
    String key = issueKey(JOSE, JOSE_EMAIL);
    RedeemResult redemption = latchkey.activation().redeem(
        new Redemption(key, "jose.lopez", weak, weak), REQUEST);
    assertThat(redemption.code()).isEqualTo(RedeemCode.PASSWORD_TOO_WEAK);
    String token = requestReset();

    ResetResult.Rejected result = rejected(reset(token, weak), ResetCode.PASSWORD_TOO_WEAK);

    assertThat(result.passwordRejections()).contains(PasswordRejection.CONTAINS_CONTEXT);
    assertThat(reset(token, "maria.lopez has a new secret")).satisfies(r -> {
      assertThat(r.code()).isEqualTo(ResetCode.PASSWORD_TOO_WEAK);
      assertThat(((ResetResult.Rejected) r).passwordRejections())
          .contains(PasswordRejection.CONTAINS_CONTEXT);
    });
    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
  }

  @Test
  @DisplayName("a reset through a second facade is seen by the first (S38)")
  void resetIsSeenByAnotherFacade() {
    Latchkey second = facade(b -> b.store(anotherProcessStore()));
    String token = requestReset();

    assertThat(reset(second, token, OTHER_PASSWORD)).isInstanceOf(ResetResult.Reset.class);

    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.TOKEN_USED);
    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("no audit record and no account record holds the token, before or after its use")
  void tokenIsInNoAuditOrAccountRecord() {
    String token = requestReset();
    recovery().checkResetToken(token);
    reset(token, OTHER_PASSWORD);

    assertThat(store.account(maria).toString()).doesNotContain(token);
    assertThat(audit.events().toString()).doesNotContain(token);
  }

  // --- the race -------------------------------------------------------------------------------

  private static final int RACE_THREADS = 8;
  private static final int RACE_REPETITIONS = 20;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName("8 resets race with one token, 20 times: exactly one Reset, the rest TOKEN_USED")
  void racingResetsOfOneTokenThenExactlyOneWins() throws Exception {
    Meeting meeting = new Meeting();
    Latchkey first = facade(b -> b.store(meeting.store(store))
        .recoveryPolicy(generousPolicy(true)));
    Latchkey second = facade(b -> b.store(meeting.store(anotherProcessStore()))
        .recoveryPolicy(generousPolicy(true)));
    ExecutorService pool = Executors.newFixedThreadPool(RACE_THREADS);
    try {
      for (int rep = 0; rep < RACE_REPETITIONS; rep++) {
        raceOnce(rep, rep % 2 == 0 ? meeting : null, first, second, pool);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("race threads ended").isTrue();
    }
  }

  private void raceOnce(int rep, Meeting meeting, Latchkey first, Latchkey second,
      ExecutorService pool) throws Exception {
    String tag = "rep " + rep + (meeting != null ? " (meeting in the store)" : "");
    String token = requestReset(first);
    long versionBefore = stored().credentialVersion();
    int changedBefore = delivered(MARIA_EMAIL, NotificationType.PASSWORD_CHANGED).size();
    String[] passwords = new String[RACE_THREADS];
    for (int t = 0; t < RACE_THREADS; t++) {
      passwords[t] = "amber falcon glides past dunes " + rep + " x " + t;
    }

    CountDownLatch ready = new CountDownLatch(RACE_THREADS);
    CountDownLatch gate = new CountDownLatch(1);
    if (meeting != null) {
      meeting.arm(RACE_THREADS);
    }
    List<Future<ResetResult>> futures = new ArrayList<>();
    List<ResetResult> results = new ArrayList<>();
    try {
      for (int t = 0; t < RACE_THREADS; t++) {
        Latchkey facade = t % 2 == 0 ? first : second;
        String password = passwords[t];
        Callable<ResetResult> body = () -> {
          ready.countDown();
          gate.await();
          return reset(facade, token, password);
        };
        futures.add(pool.submit(body));
      }
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("%s: threads at the gate", tag).isTrue();
      gate.countDown();
      for (Future<ResetResult> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
    } finally {
      if (meeting != null) {
        assertThat(meeting.disarm())
            .as("%s: racers that reached the store's resetPassword without meeting", tag)
            .isZero();
      }
    }

    List<Integer> winners = new ArrayList<>();
    for (int t = 0; t < RACE_THREADS; t++) {
      if (results.get(t) instanceof ResetResult.Reset) {
        winners.add(t);
      }
    }
    assertThat(winners).as("%s: resets that won", tag).hasSize(1);
    assertThat(results).as("%s: every other answer", tag)
        .filteredOn(r -> !(r instanceof ResetResult.Reset))
        .extracting(ResetResult::code)
        .hasSize(RACE_THREADS - 1)
        .containsOnly(ResetCode.TOKEN_USED);
    int winner = winners.get(0);
    PortalAccount after = stored();
    assertThat(after.credentialVersion()).as("%s: version bumped once", tag)
        .isEqualTo(versionBefore + 1);
    assertThat(results.get(winner)).isEqualTo(new ResetResult.Reset(versionBefore + 1));
    assertThat(hasher.verify(passwords[winner], after.passwordHash()))
        .as("%s: the winner's password is stored", tag).isTrue();
    assertThat(delivered(MARIA_EMAIL, NotificationType.PASSWORD_CHANGED))
        .as("%s: PASSWORD_CHANGED notices", tag).hasSize(changedBefore + 1);
    assertThat(recovery().checkResetToken(token)).isEqualTo(ResetCode.TOKEN_USED);
  }

  /**
   * The store behind a proxy that, while armed, holds every {@code resetPassword} call until
   * all racers have arrived, then lets them into the backend together: every racer passes the
   * facade's own checks before any of them uses the token, so only the store's atomic step can
   * keep the token single-use. Nothing is held inside the backend while waiting.
   */
  private static final class Meeting {
    private static final long PATIENCE_SECONDS = 10;
    private volatile boolean armed;
    private volatile CountDownLatch arrived = new CountDownLatch(0);
    private final AtomicInteger alone = new AtomicInteger();

    LatchkeyStore store(LatchkeyStore delegate) {
      return (LatchkeyStore) Proxy.newProxyInstance(
          LatchkeyStore.class.getClassLoader(), new Class<?>[] {LatchkeyStore.class},
          (self, method, args) -> {
            if (armed && method.getName().equals("resetPassword")) {
              CountDownLatch meet = arrived;
              meet.countDown();
              if (!meet.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                alone.incrementAndGet();
              }
            }
            try {
              return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    void arm(int parties) {
      alone.set(0);
      arrived = new CountDownLatch(parties);
      armed = true;
    }

    int disarm() {
      armed = false;
      arrived = new CountDownLatch(0);
      return alone.getAndSet(0);
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
