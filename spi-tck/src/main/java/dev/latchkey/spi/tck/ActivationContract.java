package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ThrottlePolicy;
import dev.latchkey.activation.ActivationKey;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.IssueResult.IssueCode;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.activation.ResendResult;
import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Role;
import dev.latchkey.model.Student;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordRejection;
import dev.latchkey.signin.SignInResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Activation keys (K1–K6, S16–S23): issuing to the address of record only, digests instead of
 * keys in the store, one live key per guardian, every redemption outcome, all-or-nothing
 * redemption, and the self-service resend that answers the same whatever happened.
 */
public abstract class ActivationContract extends ContractSupport {
  /** Crockford base32 as {@link ActivationKey} writes it. */
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final Duration KEY_LIFE = Duration.ofDays(7);

  // --- helpers -------------------------------------------------------------------------------

  private RedeemResult redeem(String key, String loginName) {
    return redeem(key, loginName, PASSWORD, PASSWORD);
  }

  private RedeemResult redeem(String key, String loginName, String password,
      String confirmation) {
    return latchkey.activation().redeem(
        new Redemption(key, loginName, password, confirmation), REQUEST);
  }

  private static RedeemResult.Rejected rejected(RedeemResult result, RedeemCode code) {
    assertThat(result.code()).isEqualTo(code);
    assertThat(result).isInstanceOf(RedeemResult.Rejected.class);
    return (RedeemResult.Rejected) result;
  }

  private static RedeemResult.Redeemed redeemed(RedeemResult result) {
    assertThat(result.code()).isEqualTo(RedeemCode.REDEEMED);
    assertThat(result).isInstanceOf(RedeemResult.Redeemed.class);
    return (RedeemResult.Redeemed) result;
  }

  private static String canonical(String key) {
    return key.replace("-", "");
  }

  /** Issues keys to Maria until one holds {@code wanted}: a random key may lack any one char. */
  private String issueKeyContaining(char wanted) {
    for (int i = 0; i < 200; i++) {
      String key = issueKey(MARIA, MARIA_EMAIL);
      if (key.indexOf(wanted) >= 0) {
        return key;
      }
    }
    throw new AssertionError("no key with '" + wanted + "' in 200 issues: is the key random?");
  }

  /** The key with one data character replaced by another character of the alphabet. */
  private static String withOneTypo(String key) {
    char[] chars = key.toCharArray();
    int at = 7; // inside the second group: a data character, not a dash
    char original = chars[at];
    char typo = ALPHABET.charAt((ALPHABET.indexOf(original) + 1) % ALPHABET.length());
    chars[at] = typo;
    return new String(chars);
  }

  private List<Notification> activationMail() {
    return mail.sent().stream().filter(n -> n.type() == NotificationType.ACTIVATION_KEY).toList();
  }

  private List<Notification> createdMail() {
    return mail.sent().stream().filter(n -> n.type() == NotificationType.ACCOUNT_CREATED)
        .toList();
  }

  private ActivationKeyRecord onlyKeyOf(GuardianId guardian) {
    List<ActivationKeyRecord> keys = store.keysOfGuardian(guardian);
    assertThat(keys).hasSize(1);
    return keys.get(0);
  }

  private static String hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(data));
  }

  // --- issuing -------------------------------------------------------------------------------

  @Test
  @DisplayName("issuing mails one ACTIVATION_KEY message, to the guardian's address of record only")
  void issueMailsTheKeyToTheAddressOfRecordOnly() {
    IssueResult result = latchkey.activation().issue(MARIA, REQUEST);

    assertThat(result.code()).isEqualTo(IssueCode.ISSUED);
    assertThat(mail.sent()).hasSize(1);
    Notification message = mail.sent().get(0);
    assertThat(message.type()).isEqualTo(NotificationType.ACTIVATION_KEY);
    assertThat(message.recipient()).isEqualTo(MARIA_EMAIL);
    assertThat(message.district()).isEqualTo(DISTRICT);
    assertThat(message.secret()).isPresent();
    assertThat(ActivationKey.parse(message.secret().get().reveal())).isPresent();
  }

  @Test
  @DisplayName("the key message names the guardian and the students the key opens")
  void issueMailNamesGuardianAndVisibleStudents() {
    latchkey.activation().issue(MARIA, REQUEST);

    Notification message = mail.last(MARIA_EMAIL, NotificationType.ACTIVATION_KEY).orElseThrow();
    assertThat(message.field(Notification.NAME)).contains("Maria Lopez");
    assertThat(message.field(Notification.STUDENTS)).hasValueSatisfying(students -> {
      assertThat(students).contains("Sofia Lopez", "Mateo Lopez");
      assertThat(students).doesNotContain("Lucia");
    });
    assertThat(message.field(Notification.EXPIRES_AT))
        .contains(START.plus(KEY_LIFE).toString());
  }

  @Test
  @DisplayName("issuing returns the expiry, seven days on, and says nothing was revoked")
  void issueReturnsExpiry() {
    IssueResult result = latchkey.activation().issue(MARIA, REQUEST);

    assertThat(result).isEqualTo(new IssueResult.Issued(MARIA, START.plus(KEY_LIFE), false, false));
  }

  @Test
  @DisplayName("issuing is audited as KEY_ISSUED for the guardian")
  void issueIsAudited() {
    latchkey.activation().issue(MARIA, REQUEST);

    assertThat(audit.events(AuditEventType.KEY_ISSUED)).singleElement().satisfies(event -> {
      assertThat(event.subject()).isEqualTo("guardian:" + MARIA);
      assertThat(event.district()).isEqualTo(DISTRICT);
    });
  }

  @Test
  @DisplayName("the store keeps one live record for the issued key, holding no plaintext key")
  void storeNeverHoldsThePlaintextKey() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    ActivationKeyRecord record = onlyKeyOf(MARIA);
    assertThat(record.state()).isEqualTo(KeyState.LIVE);
    assertThat(record.sentTo()).isEqualTo(MARIA_EMAIL);
    String everything = store.keysOfGuardian(MARIA).toString()
        + store.keyByDigest(record.digest()).toString();
    assertThat(everything)
        .doesNotContain(key)
        .doesNotContain(canonical(key))
        .doesNotContainIgnoringCase(key.toLowerCase(Locale.ROOT));
    assertThat(record.digest().hex())
        .doesNotContainIgnoringCase(canonical(key))
        .doesNotContainIgnoringCase(key);
  }

  @Test
  @DisplayName("the stored digest is HMAC-SHA256 of the key under the server secret (S17)")
  void storedDigestIsHmacOfTheKey() throws Exception {
    String key = issueKey(MARIA, MARIA_EMAIL);

    ActivationKeyRecord record = onlyKeyOf(MARIA);
    byte[] canonicalBytes = ActivationKey.parse(key).orElseThrow().canonicalBytes();
    assertThat(record.digest().hex()).isEqualTo(hmac(secrets.digestKey(), canonicalBytes));
    assertThat(store.keyByDigest(record.digest())).contains(record);
  }

  @Test
  @DisplayName("reissuing revokes the previous key: the old key answers KEY_REVOKED (K3, S20)")
  void reissueRevokesOldKey() {
    String oldKey = issueKey(MARIA, MARIA_EMAIL);
    IssueResult reissued = latchkey.activation().issue(MARIA, REQUEST);
    String newKey = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();

    assertThat(reissued).isInstanceOf(IssueResult.Issued.class);
    assertThat(((IssueResult.Issued) reissued).revokedPrevious()).isTrue();
    assertThat(newKey).isNotEqualTo(oldKey);
    rejected(redeem(oldKey, "maria.lopez"), RedeemCode.KEY_REVOKED);
  }

  @Test
  @DisplayName("after a reissue the store reports the old key's record as REVOKED")
  void reissueMarksOldRecordRevoked() {
    issueKey(MARIA, MARIA_EMAIL);
    ActivationKeyRecord old = onlyKeyOf(MARIA);
    clock.advance(Duration.ofMinutes(1));

    issueKey(MARIA, MARIA_EMAIL);

    assertThat(store.keyByDigest(old.digest())).hasValueSatisfying(record -> {
      assertThat(record.state()).isEqualTo(KeyState.REVOKED);
      assertThat(record.revokedAt()).isEqualTo(clock.instant());
    });
  }

  @Test
  @DisplayName("after a reissue the new key redeems")
  void reissuedKeyWorks() {
    issueKey(MARIA, MARIA_EMAIL);
    String newKey = issueKey(MARIA, MARIA_EMAIL);

    redeemed(redeem(newKey, "maria.lopez"));
  }

  @Test
  @DisplayName("after a reissue exactly one of the guardian's keys is live")
  void reissueLeavesOneLiveKey() {
    issueKey(MARIA, MARIA_EMAIL);
    clock.advance(Duration.ofMinutes(1));
    issueKey(MARIA, MARIA_EMAIL);
    clock.advance(Duration.ofMinutes(1));
    issueKey(MARIA, MARIA_EMAIL);

    assertThat(store.keysOfGuardian(MARIA)).extracting(ActivationKeyRecord::state)
        .containsExactly(KeyState.REVOKED, KeyState.REVOKED, KeyState.LIVE);
  }

  @Test
  @DisplayName("a guardian without an email is refused NO_EMAIL and nothing is issued or sent")
  void issueWithoutEmailIsRefused() {
    IssueResult result = latchkey.activation().issue(NO_EMAIL, REQUEST);

    assertThat(result).isEqualTo(new IssueResult.Refused(IssueCode.NO_EMAIL));
    assertThat(store.keysOfGuardian(NO_EMAIL)).isEmpty();
    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("an unknown guardian is refused UNKNOWN_GUARDIAN and nothing is issued or sent")
  void issueForUnknownGuardianIsRefused() {
    GuardianId ghost = GuardianId.of("g-ghost");

    IssueResult result = latchkey.activation().issue(ghost, REQUEST);

    assertThat(result).isEqualTo(new IssueResult.Refused(IssueCode.UNKNOWN_GUARDIAN));
    assertThat(store.keysOfGuardian(ghost)).isEmpty();
    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("a guardian who has an account gets no new key: ACCOUNT_EXISTS (K6)")
  void issueForGuardianWithAccountIsRefused() {
    createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    List<ActivationKeyRecord> before = store.keysOfGuardian(MARIA);
    mail.clear();

    IssueResult result = latchkey.activation().issue(MARIA, REQUEST);

    assertThat(result).isEqualTo(new IssueResult.Refused(IssueCode.ACCOUNT_EXISTS));
    assertThat(store.keysOfGuardian(MARIA)).isEqualTo(before);
    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("an activation reset disables the account made with the misused key (K6)")
  void resetActivationDisablesTheMisusedAccount() {
    AccountId misused = createAccount(MARIA, MARIA_EMAIL, "maria.lopez");

    IssueResult result = latchkey.activation().resetActivation(MARIA, REQUEST);

    assertThat(result).isInstanceOf(IssueResult.Issued.class);
    assertThat(((IssueResult.Issued) result).disabledAccount()).isTrue();
    assertThat(store.account(misused)).hasValueSatisfying(
        account -> assertThat(account.status()).isEqualTo(AccountStatus.DISABLED));
    assertThat(latchkey.signIn().signIn(credentials("maria.lopez", PASSWORD), REQUEST))
        .isEqualTo(new SignInResult.Failed());
  }

  @Test
  @DisplayName("an activation reset mails a new key that redeems for a new login")
  void resetActivationIssuesAWorkingKey() {
    createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    mail.clear();

    latchkey.activation().resetActivation(MARIA, REQUEST);
    String newKey = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();

    RedeemResult.Redeemed result = redeemed(redeem(newKey, "maria.real"));
    assertThat(result.account().guardian()).contains(MARIA);
    assertThat(latchkey.signIn().signIn(credentials("maria.real", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("an activation reset revokes a live key the guardian still had")
  void resetActivationRevokesLiveKey() {
    String oldKey = issueKey(MARIA, MARIA_EMAIL);

    latchkey.activation().resetActivation(MARIA, REQUEST);

    rejected(redeem(oldKey, "maria.lopez"), RedeemCode.KEY_REVOKED);
  }

  // --- redemption: the key -------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"", "hello", "1234", "not-a-key-at-all", "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A"})
  @DisplayName("text that is not a key answers INVALID_KEY")
  void garbageKeyIsInvalid(String garbage) {
    rejected(redeem(garbage, "maria.lopez"), RedeemCode.INVALID_KEY);
  }

  @Test
  @DisplayName("a real key with one mistyped character answers INVALID_KEY (check character)")
  void keyWithOneTypoIsInvalid() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    rejected(redeem(withOneTypo(key), "maria.lopez"), RedeemCode.INVALID_KEY);
    redeemed(redeem(key, "maria.lopez"));
  }

  @Test
  @DisplayName("a well-formed key that was never issued answers INVALID_KEY")
  void wellFormedUnknownKeyIsInvalid() {
    issueKey(MARIA, MARIA_EMAIL);
    String unknown = ActivationKey.generate(new SecureRandom()).display();

    rejected(redeem(unknown, "maria.lopez"), RedeemCode.INVALID_KEY);
  }

  @Test
  @DisplayName("a key redeemed once answers KEY_ALREADY_USED the second time (K4)")
  void keyUsedTwiceIsAlreadyUsed() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    redeemed(redeem(key, "maria.lopez"));

    rejected(redeem(key, "someone.else"), RedeemCode.KEY_ALREADY_USED);
    assertThat(store.accountByLoginName(DISTRICT, "someone.else")).isEmpty();
  }

  @Test
  @DisplayName("a key redeemed once answers KEY_ALREADY_USED even with the same login name")
  void keyUsedTwiceWithSameNameIsAlreadyUsed() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    redeemed(redeem(key, "maria.lopez"));

    rejected(redeem(key, "maria.lopez"), RedeemCode.KEY_ALREADY_USED);
  }

  @Test
  @DisplayName("a superseded key answers KEY_REVOKED")
  void revokedKeyIsRevoked() {
    String oldKey = issueKey(MARIA, MARIA_EMAIL);
    issueKey(MARIA, MARIA_EMAIL);

    rejected(redeem(oldKey, "maria.lopez"), RedeemCode.KEY_REVOKED);
  }

  @Test
  @DisplayName("a key past its seven days answers KEY_EXPIRED (S21)")
  void keyPastSevenDaysIsExpired() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    clock.advance(KEY_LIFE.plusSeconds(1));

    rejected(redeem(key, "maria.lopez"), RedeemCode.KEY_EXPIRED);
    assertThat(store.accountByLoginName(DISTRICT, "maria.lopez")).isEmpty();
  }

  @Test
  @DisplayName("a key at exactly its expiry instant answers KEY_EXPIRED")
  void keyAtExpiryInstantIsExpired() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    clock.advance(KEY_LIFE);

    rejected(redeem(key, "maria.lopez"), RedeemCode.KEY_EXPIRED);
  }

  @Test
  @DisplayName("a key one second before its expiry still redeems")
  void keyOneSecondBeforeExpiryRedeems() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    clock.advance(KEY_LIFE.minusSeconds(1));

    redeemed(redeem(key, "maria.lopez"));
  }

  // --- redemption: the login name ------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"", "ab", "maria lopez", ".maria", "maria!", "maria/lopez"})
  @DisplayName("a login name that breaks the naming rules answers INVALID_USERNAME")
  void invalidLoginNameIsRejected(String loginName) {
    String key = issueKey(MARIA, MARIA_EMAIL);

    rejected(redeem(key, loginName), RedeemCode.INVALID_USERNAME);
  }

  @Test
  @DisplayName("a taken login name answers USERNAME_TAKEN with suggestions")
  void takenLoginNameIsRejectedWithSuggestions() {
    createAccount(MARIA, MARIA_EMAIL, "lopez.family");
    String joseKey = issueKey(JOSE, JOSE_EMAIL);

    RedeemResult.Rejected result = rejected(redeem(joseKey, "lopez.family"),
        RedeemCode.USERNAME_TAKEN);

    assertThat(result.suggestions()).isNotEmpty().doesNotHaveDuplicates()
        .doesNotContain("lopez.family");
  }

  @Test
  @DisplayName("a login name taken in another case answers USERNAME_TAKEN")
  void takenLoginNameIsCaseInsensitive() {
    createAccount(MARIA, MARIA_EMAIL, "lopez.family");
    String joseKey = issueKey(JOSE, JOSE_EMAIL);

    rejected(redeem(joseKey, "LOPEZ.Family"), RedeemCode.USERNAME_TAKEN);
  }

  @Test
  @DisplayName("every suggestion is really free: each parses and none is taken")
  void suggestionsAreFree() {
    createAccount(MARIA, MARIA_EMAIL, "lopez.family");
    String joseKey = issueKey(JOSE, JOSE_EMAIL);

    RedeemResult.Rejected result = rejected(redeem(joseKey, "lopez.family"),
        RedeemCode.USERNAME_TAKEN);

    assertThat(result.suggestions()).isNotEmpty().allSatisfy(name -> {
      assertThat(LoginName.parse(name)).isPresent();
      assertThat(store.loginNameTaken(DISTRICT, LoginName.of(name).key(), JOSE)).isFalse();
    });
  }

  @Test
  @DisplayName("redeeming with a suggested name succeeds")
  void redeemingWithASuggestionWorks() {
    createAccount(MARIA, MARIA_EMAIL, "lopez.family");
    String joseKey = issueKey(JOSE, JOSE_EMAIL);
    RedeemResult.Rejected taken = rejected(redeem(joseKey, "lopez.family"),
        RedeemCode.USERNAME_TAKEN);

    RedeemResult.Redeemed result = redeemed(redeem(joseKey, taken.suggestions().get(0)));

    assertThat(result.account().loginName().value()).isEqualTo(taken.suggestions().get(0));
  }

  @Test
  @DisplayName("a login name equal to another guardian's email answers USERNAME_TAKEN (S36)")
  void loginNameEqualToAnotherGuardiansEmailIsTaken() {
    String joseKey = issueKey(JOSE, JOSE_EMAIL);

    rejected(redeem(joseKey, MARIA_EMAIL.value()), RedeemCode.USERNAME_TAKEN);
    assertThat(store.accountByLoginName(DISTRICT, MARIA_EMAIL.key())).isEmpty();
  }

  @Test
  @DisplayName("another guardian's email in another case is taken as a login name too (S36)")
  void loginNameEqualToAnotherGuardiansEmailIgnoringCaseIsTaken() {
    String joseKey = issueKey(JOSE, JOSE_EMAIL);

    rejected(redeem(joseKey, "Maria.LOPEZ@Example.ORG"), RedeemCode.USERNAME_TAKEN);
  }

  @Test
  @DisplayName("the store counts other guardians' emails, not one's own, as taken login names (S36)")
  void storeLoginNamespaceIncludesOtherGuardiansEmails() {
    assertThat(store.loginNameTaken(DISTRICT, MARIA_EMAIL.key(), JOSE)).isTrue();
    assertThat(store.loginNameTaken(DISTRICT, MARIA_EMAIL.key(), null)).isTrue();
    assertThat(store.loginNameTaken(DISTRICT, MARIA_EMAIL.key(), MARIA)).isFalse();
    assertThat(store.loginNameTaken(DISTRICT, "nobody.uses.this", JOSE)).isFalse();
  }

  @Test
  @DisplayName("the store counts every account's login name as taken, the owner's included")
  void storeLoginNamespaceIncludesAccounts() {
    createAccount(MARIA, MARIA_EMAIL, "Lopez.Family");

    assertThat(store.loginNameTaken(DISTRICT, "lopez.family", JOSE)).isTrue();
    assertThat(store.loginNameTaken(DISTRICT, "lopez.family", MARIA)).isTrue();
    assertThat(store.accountByLoginName(DISTRICT, "lopez.family")).isPresent();
  }

  @Test
  @DisplayName("a guardian may use their own email as login name")
  void ownEmailIsAFreeLoginName() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    RedeemResult.Redeemed result = redeemed(redeem(key, MARIA_EMAIL.value()));

    assertThat(result.account().loginName().key()).isEqualTo(MARIA_EMAIL.key());
  }

  // --- redemption: the password --------------------------------------------------------------

  @Test
  @DisplayName("a confirmation that differs from the password answers PASSWORD_MISMATCH")
  void passwordMismatchIsRejected() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    rejected(redeem(key, "maria.lopez", PASSWORD, OTHER_PASSWORD), RedeemCode.PASSWORD_MISMATCH);
  }

  @Test
  @DisplayName("a short password answers PASSWORD_TOO_WEAK with TOO_SHORT")
  void shortPasswordIsTooWeak() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    RedeemResult.Rejected result = rejected(redeem(key, "maria.lopez", "kite7", "kite7"),
        RedeemCode.PASSWORD_TOO_WEAK);

    assertThat(result.passwordRejections()).contains(PasswordRejection.TOO_SHORT);
  }

  @Test
  @DisplayName("a password with a child's name answers PASSWORD_TOO_WEAK with CONTAINS_CONTEXT")
  void passwordWithChildsNameIsTooWeak() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    String password = "sofia plays violin every sunday";

    RedeemResult.Rejected result = rejected(redeem(key, "maria.lopez", password, password),
        RedeemCode.PASSWORD_TOO_WEAK);

    assertThat(result.passwordRejections()).containsExactly(PasswordRejection.CONTAINS_CONTEXT);
  }

  @Test
  @DisplayName("a password with the login name answers PASSWORD_TOO_WEAK with CONTAINS_CONTEXT")
  void passwordWithLoginNameIsTooWeak() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    String password = "my name is kitecaptain forever";

    RedeemResult.Rejected result = rejected(redeem(key, "kitecaptain", password, password),
        RedeemCode.PASSWORD_TOO_WEAK);

    assertThat(result.passwordRejections()).containsExactly(PasswordRejection.CONTAINS_CONTEXT);
  }

  @Test
  @DisplayName("a blocklisted password answers PASSWORD_TOO_WEAK with BLOCKLISTED")
  void blocklistedPasswordIsTooWeak() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    String password = "correcthorsebatterystaple";

    RedeemResult.Rejected result = rejected(redeem(key, "maria.lopez", password, password),
        RedeemCode.PASSWORD_TOO_WEAK);

    assertThat(result.passwordRejections()).containsExactly(PasswordRejection.BLOCKLISTED);
  }

  // --- redemption: throttling and the order of judgement -------------------------------------

  @Test
  @DisplayName("after three failed redemptions from one source the fourth answers THROTTLED")
  void redemptionIsThrottledPerSource() {
    Latchkey strict = facade(b -> b.throttlePolicy(
        new ThrottlePolicy(100, 3, 100, Duration.ofMinutes(15))));
    String key = issueKey(MARIA, MARIA_EMAIL);
    for (int i = 0; i < 3; i++) {
      assertThat(strict.activation().redeem(
          new Redemption("guess-" + i, "maria.lopez", PASSWORD, PASSWORD), REQUEST).code())
          .isEqualTo(RedeemCode.INVALID_KEY);
    }

    RedeemResult fourth = strict.activation().redeem(
        new Redemption(key, "maria.lopez", PASSWORD, PASSWORD), REQUEST);

    rejected(fourth, RedeemCode.THROTTLED);
    assertThat(store.accountByLoginName(DISTRICT, "maria.lopez")).isEmpty();
    assertThat(onlyKeyOf(MARIA).state()).isEqualTo(KeyState.LIVE);
  }

  @Test
  @DisplayName("a throttled source does not throttle another source")
  void redemptionThrottleIsPerSource() {
    Latchkey strict = facade(b -> b.throttlePolicy(
        new ThrottlePolicy(100, 3, 100, Duration.ofMinutes(15))));
    String key = issueKey(MARIA, MARIA_EMAIL);
    for (int i = 0; i < 3; i++) {
      strict.activation().redeem(
          new Redemption("guess-" + i, "maria.lopez", PASSWORD, PASSWORD), REQUEST);
    }

    RedeemResult other = strict.activation().redeem(
        new Redemption(key, "maria.lopez", PASSWORD, PASSWORD),
        RequestContext.of("203.0.113.50", "Other/1.0"));

    redeemed(other);
  }

  @Test
  @DisplayName("an invalid key with a taken login name answers INVALID_KEY: the key comes first")
  void invalidKeyIsJudgedBeforeLoginName() {
    createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    issueKey(JOSE, JOSE_EMAIL);

    rejected(redeem("hello", "maria.lopez"), RedeemCode.INVALID_KEY);
    rejected(redeem(ActivationKey.generate(new SecureRandom()).display(), "maria.lopez"),
        RedeemCode.INVALID_KEY);
  }

  @Test
  @DisplayName("a revoked key with a taken login name answers KEY_REVOKED, not USERNAME_TAKEN")
  void revokedKeyIsJudgedBeforeLoginName() {
    createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    String oldKey = issueKey(JOSE, JOSE_EMAIL);
    issueKey(JOSE, JOSE_EMAIL);

    rejected(redeem(oldKey, "maria.lopez"), RedeemCode.KEY_REVOKED);
  }

  @Test
  @DisplayName("an invalid key with a bad name and mismatched passwords answers INVALID_KEY")
  void invalidKeyIsJudgedBeforeEverything() {
    rejected(redeem("hello", "!", "a", "b"), RedeemCode.INVALID_KEY);
  }

  // --- redemption: forgiving key parsing (K5) ------------------------------------------------

  @Test
  @DisplayName("a real key typed in lower case redeems")
  void keyInLowerCaseRedeems() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    redeemed(redeem(key.toLowerCase(Locale.ROOT), "maria.lopez"));
  }

  @Test
  @DisplayName("a real key typed without dashes redeems")
  void keyWithoutDashesRedeems() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    redeemed(redeem(canonical(key), "maria.lopez"));
  }

  @Test
  @DisplayName("a real key typed with spaces for dashes, and around it, redeems")
  void keyWithSpacesRedeems() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    redeemed(redeem("  " + key.replace('-', ' ') + " ", "maria.lopez"));
  }

  @Test
  @DisplayName("a real key typed with the letter O for the digit 0 redeems")
  void keyWithLetterOForZeroRedeems() {
    String key = issueKeyContaining('0');

    redeemed(redeem(key.replace('0', 'O'), "maria.lopez"));
  }

  @Test
  @DisplayName("a real key typed with lower-case o for the digit 0 redeems")
  void keyWithLowerCaseOForZeroRedeems() {
    String key = issueKeyContaining('0');

    redeemed(redeem(key.replace('0', 'o'), "maria.lopez"));
  }

  @Test
  @DisplayName("a real key typed with the letter I for the digit 1 redeems")
  void keyWithLetterIForOneRedeems() {
    String key = issueKeyContaining('1');

    redeemed(redeem(key.replace('1', 'I'), "maria.lopez"));
  }

  @Test
  @DisplayName("a real key typed with the letter l for the digit 1 redeems")
  void keyWithLetterLForOneRedeems() {
    String key = issueKeyContaining('1');

    redeemed(redeem(key.replace('1', 'l'), "maria.lopez"));
  }

  // --- S19: all or nothing -------------------------------------------------------------------

  @Test
  @DisplayName("after a redemption refused for a taken name the key still redeems (S19)")
  void keyStillRedeemsAfterNameTaken() {
    createAccount(MARIA, MARIA_EMAIL, "lopez.family");
    String joseKey = issueKey(JOSE, JOSE_EMAIL);
    rejected(redeem(joseKey, "lopez.family"), RedeemCode.USERNAME_TAKEN);

    assertThat(onlyKeyOf(JOSE).state()).isEqualTo(KeyState.LIVE);
    redeemed(redeem(joseKey, "jose.lopez"));
  }

  @Test
  @DisplayName("after a redemption refused for a weak password the key still redeems (S19)")
  void keyStillRedeemsAfterWeakPassword() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    rejected(redeem(key, "maria.lopez", "kite7", "kite7"), RedeemCode.PASSWORD_TOO_WEAK);

    assertThat(onlyKeyOf(MARIA).state()).isEqualTo(KeyState.LIVE);
    redeemed(redeem(key, "maria.lopez"));
  }

  @Test
  @DisplayName("a redemption refused for a weak password leaves no account and queues no mail")
  void weakPasswordLeavesNoAccountAndNoMail() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    rejected(redeem(key, "maria.lopez", "kite7", "kite7"), RedeemCode.PASSWORD_TOO_WEAK);

    assertThat(store.accountByLoginName(DISTRICT, "maria.lopez")).isEmpty();
    assertThat(store.activeAccountOfGuardian(MARIA)).isEmpty();
    assertThat(store.loginNameTaken(DISTRICT, "maria.lopez", MARIA)).isFalse();
    assertThat(store.pendingCount()).isZero();
    assertThat(createdMail()).isEmpty();
  }

  @Test
  @DisplayName("a redemption refused for a taken name leaves no second account and queues no mail")
  void takenNameLeavesNoAccountAndNoMail() {
    createAccount(MARIA, MARIA_EMAIL, "lopez.family");
    String joseKey = issueKey(JOSE, JOSE_EMAIL);
    mail.clear();

    rejected(redeem(joseKey, "LOPEZ.FAMILY"), RedeemCode.USERNAME_TAKEN);

    assertThat(store.activeAccountOfGuardian(JOSE)).isEmpty();
    assertThat(store.accountByLoginName(DISTRICT, "lopez.family"))
        .hasValueSatisfying(a -> assertThat(a.guardian()).isEqualTo(MARIA));
    assertThat(store.pendingCount()).isZero();
    assertThat(createdMail()).isEmpty();
  }

  @Test
  @DisplayName("a redemption refused for a password mismatch leaves the key live and no account")
  void mismatchLeavesKeyLiveAndNoAccount() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    rejected(redeem(key, "maria.lopez", PASSWORD, OTHER_PASSWORD), RedeemCode.PASSWORD_MISMATCH);

    assertThat(onlyKeyOf(MARIA).state()).isEqualTo(KeyState.LIVE);
    assertThat(store.activeAccountOfGuardian(MARIA)).isEmpty();
    assertThat(createdMail()).isEmpty();
  }

  // --- success -------------------------------------------------------------------------------

  @Test
  @DisplayName("a redemption creates a guardian account for the key's guardian")
  void redemptionCreatesGuardianAccount() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    RedeemResult.Redeemed result = redeemed(redeem(key, "Maria.Lopez"));

    assertThat(result.account().role()).isEqualTo(Role.GUARDIAN);
    assertThat(result.account().guardian()).contains(MARIA);
    assertThat(result.account().student()).isEmpty();
    assertThat(result.account().district()).isEqualTo(DISTRICT);
    assertThat(result.account().loginName().value()).isEqualTo("Maria.Lopez");
    assertThat(store.account(result.account().id())).hasValueSatisfying(account -> {
      assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
      assertThat(account.guardian()).isEqualTo(MARIA);
    });
    assertThat(store.activeAccountOfGuardian(MARIA).map(a -> a.id()))
        .contains(result.account().id());
  }

  @Test
  @DisplayName("a redeemed account sees all of the guardian's visible students")
  void redemptionShowsVisibleStudents() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    RedeemResult.Redeemed result = redeemed(redeem(key, "maria.lopez"));

    assertThat(result.students()).extracting(Student::id).containsExactly(MATEO, SOFIA);
  }

  @Test
  @DisplayName("a redeemed account signs in with the chosen name and password")
  void redeemedAccountSignsIn() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    AccountId id = redeemed(redeem(key, "maria.lopez")).account().id();

    SignInResult result = latchkey.signIn().signIn(credentials("maria.lopez", PASSWORD), REQUEST);

    assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(((SignInResult.SignedIn) result).account().id()).isEqualTo(id);
  }

  @Test
  @DisplayName("a redemption mails ACCOUNT_CREATED with the login name to the address of record")
  void redemptionMailsAccountCreated() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    redeemed(redeem(key, "maria.lopez"));

    assertThat(createdMail()).singleElement().satisfies(message -> {
      assertThat(message.recipient()).isEqualTo(MARIA_EMAIL);
      assertThat(message.field(Notification.LOGIN_NAME)).contains("maria.lopez");
      assertThat(message.secret()).isEmpty();
    });
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("a redemption is audited as KEY_REDEEMED for the guardian, without the key")
  void redemptionIsAudited() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    AccountId id = redeemed(redeem(key, "maria.lopez")).account().id();

    List<AuditEvent> events = audit.events(AuditEventType.KEY_REDEEMED);
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.subject()).isEqualTo("guardian:" + MARIA);
      assertThat(event.actor()).isEqualTo("account:" + id);
      assertThat(event.district()).isEqualTo(DISTRICT);
      assertThat(event.outcome()).isEqualTo("REDEEMED");
    });
    assertThat(audit.events().toString()).doesNotContain(key).doesNotContain(canonical(key));
  }

  @Test
  @DisplayName("a redeemed key's record names the account and login it created")
  void redeemedKeyRecordsItsAccount() {
    String key = issueKey(MARIA, MARIA_EMAIL);

    AccountId id = redeemed(redeem(key, "maria.lopez")).account().id();

    ActivationKeyRecord record = onlyKeyOf(MARIA);
    assertThat(record.state()).isEqualTo(KeyState.REDEEMED);
    assertThat(record.redeemedBy()).isEqualTo(id);
    assertThat(record.redeemedAt()).isEqualTo(START);
    assertThat(record.redeemedLoginName()).isEqualTo(LoginName.of("maria.lopez"));
  }

  @Test
  @DisplayName("a second parent redeems their own key for their own account")
  void secondParentRedeemsOwnKey() {
    AccountId maria = createAccount(MARIA, MARIA_EMAIL, "maria.lopez");

    AccountId jose = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");

    assertThat(jose).isNotEqualTo(maria);
    assertThat(store.account(jose)).hasValueSatisfying(
        account -> assertThat(account.guardian()).isEqualTo(JOSE));
  }

  // --- self-service resend (S13, S23, S24) ---------------------------------------------------

  @Test
  @DisplayName("resend to a known address without an account mails a new key and revokes the old")
  void resendMailsNewKeyAndRevokesOld() {
    String oldKey = issueKey(MARIA, MARIA_EMAIL);

    ResendResult result = latchkey.activation().resend(DISTRICT, MARIA_EMAIL.value(), REQUEST);

    assertThat(result).isEqualTo(ResendResult.ACCEPTED);
    assertThat(activationMail()).hasSize(2);
    String newKey = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();
    assertThat(newKey).isNotEqualTo(oldKey);
    rejected(redeem(oldKey, "maria.lopez"), RedeemCode.KEY_REVOKED);
    redeemed(redeem(newKey, "maria.lopez"));
  }

  @Test
  @DisplayName("resend matches the address of record case-insensitively")
  void resendMatchesAddressIgnoringCase() {
    ResendResult result = latchkey.activation().resend(DISTRICT, "MARIA.Lopez@EXAMPLE.org",
        REQUEST);

    assertThat(result).isEqualTo(ResendResult.ACCEPTED);
    assertThat(activationMail()).singleElement()
        .satisfies(n -> assertThat(n.recipient()).isEqualTo(MARIA_EMAIL));
  }

  @Test
  @DisplayName("resend to an unknown address answers ACCEPTED and sends nothing")
  void resendToUnknownAddressSendsNothing() {
    ResendResult result = latchkey.activation().resend(DISTRICT, "stranger@example.org", REQUEST);

    assertThat(result).isEqualTo(ResendResult.ACCEPTED);
    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("resend to the address of a guardian with an account answers ACCEPTED, sends nothing")
  void resendForGuardianWithAccountSendsNothing() {
    createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    List<ActivationKeyRecord> before = store.keysOfGuardian(MARIA);
    mail.clear();

    ResendResult result = latchkey.activation().resend(DISTRICT, MARIA_EMAIL.value(), REQUEST);

    assertThat(result).isEqualTo(ResendResult.ACCEPTED);
    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isZero();
    assertThat(store.keysOfGuardian(MARIA)).isEqualTo(before);
  }

  @Test
  @DisplayName("the fourth resend within the hour answers ACCEPTED and sends nothing (S24)")
  void fourthResendWithinTheHourSendsNothing() {
    for (int i = 0; i < 3; i++) {
      assertThat(latchkey.activation().resend(DISTRICT, MARIA_EMAIL.value(), REQUEST))
          .isEqualTo(ResendResult.ACCEPTED);
      clock.advance(Duration.ofMinutes(5));
    }
    assertThat(activationMail()).hasSize(3);
    String thirdKey = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();

    ResendResult fourth = latchkey.activation().resend(DISTRICT, MARIA_EMAIL.value(), REQUEST);

    assertThat(fourth).isEqualTo(ResendResult.ACCEPTED);
    assertThat(activationMail()).hasSize(3);
    assertThat(store.pendingCount()).isZero();
    redeemed(redeem(thirdKey, "maria.lopez"));
  }

  @Test
  @DisplayName("after the hour has passed, resend mails a key again")
  void resendWorksAgainAfterTheWindow() {
    for (int i = 0; i < 3; i++) {
      latchkey.activation().resend(DISTRICT, MARIA_EMAIL.value(), REQUEST);
    }
    clock.advance(Duration.ofHours(1).plusSeconds(1));

    ResendResult result = latchkey.activation().resend(DISTRICT, MARIA_EMAIL.value(), REQUEST);

    assertThat(result).isEqualTo(ResendResult.ACCEPTED);
    assertThat(activationMail()).hasSize(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "maria.lopez@example.org,attacker@evil.example",
      "maria.lopez@example.org;attacker@evil.example",
      "maria.lopez@example.org attacker@evil.example",
      "<maria.lopez@example.org>",
      "Maria <maria.lopez@example.org>",
      "maria.lopez@example.org, attacker@evil.example",
      "\"maria.lopez@example.org\"",
      "maria.lopez@example.org\nattacker@evil.example",
      "[\"maria.lopez@example.org\",\"attacker@evil.example\"]"})
  @DisplayName("resend to a list, a separated or bracketed address answers INVALID_EMAIL, sends nothing (S23)")
  void resendToListOrSeparatorsIsInvalid(String email) {
    ResendResult result = latchkey.activation().resend(DISTRICT, email, REQUEST);

    assertThat(result).isEqualTo(ResendResult.INVALID_EMAIL);
    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isZero();
    assertThat(store.keysOfGuardian(MARIA)).isEmpty();
  }

  @Test
  @DisplayName("resend answers THROTTLED when one source asks too often")
  void resendIsThrottledPerSource() {
    Latchkey strict = facade(b -> b.throttlePolicy(
        new ThrottlePolicy(100, 100, 2, Duration.ofMinutes(15))));
    strict.activation().resend(DISTRICT, "one@example.org", REQUEST);
    strict.activation().resend(DISTRICT, "two@example.org", REQUEST);

    ResendResult third = strict.activation().resend(DISTRICT, MARIA_EMAIL.value(), REQUEST);

    assertThat(third).isEqualTo(ResendResult.THROTTLED);
    assertThat(mail.sent()).isEmpty();
  }

  @Test
  @DisplayName("every resend outcome that sends nothing answers the same value as one that sends")
  void resendAnswersAreIdentical() {
    createAccount(JOSE, JOSE_EMAIL, "jose.lopez");

    ResendResult sent = latchkey.activation().resend(DISTRICT, MARIA_EMAIL.value(), REQUEST);
    ResendResult unknown = latchkey.activation().resend(DISTRICT, "nobody@example.org", REQUEST);
    ResendResult hasAccount = latchkey.activation().resend(DISTRICT, JOSE_EMAIL.value(), REQUEST);
    ResendResult noSuchDistrict = latchkey.activation().resend(
        DistrictId.of("elsewhere"), MARIA_EMAIL.value(), REQUEST);

    assertThat(List.of(sent, unknown, hasAccount, noSuchDistrict))
        .containsOnly(ResendResult.ACCEPTED);
    assertThat(activationMail()).hasSize(2);
  }
}
