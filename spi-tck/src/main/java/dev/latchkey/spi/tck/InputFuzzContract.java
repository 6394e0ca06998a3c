package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.activation.ActivationKey;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.activation.ResendResult;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordRejection;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * S34: every public entry point, fed arbitrary Unicode, huge and empty strings and nulls, answers
 * only with its documented outcomes, never throws, and changes nothing when it rejects. S1: a
 * megabyte of password is rejected before any hashing.
 *
 * <p>Properties run a modest number of examples so the class stays fast; QuickTheories prints the
 * seed of a failing run.
 */
public abstract class InputFuzzContract extends ContractSupport {
  private static final int EXAMPLES = 200;
  private static final String MEGABYTE = "correct horse battery staple \u00e9\u00e9 "
      .repeat((1 << 20) / 32 + 1).substring(0, 1 << 20);
  /** Hand-picked inputs that random generation rarely reaches. */
  private static final List<String> TRICKY = Arrays.asList(
      "", " ", "\t", "\u0000", "\r\n", "\u00a0", "\u200b", "\u202e", "\ufeff", "\ud800",
      "\udc00x", "e\u0301", "\uD83D\uDE00".repeat(20), "a".repeat(5_000), "x".repeat(64),
      "${jndi:ldap://x}", "' OR '1'='1' --", "\"; DROP TABLE account; --", "%00", "%s%n",
      "mlopez", "MLOPEZ", " mlopez ", "\uff4d\uff4c\uff4f\uff50\uff45\uff5a",
      "maria.lopez@example.org", "MARIA.LOPEZ@EXAMPLE.ORG", "m\u0430ria.lopez@example.org",
      "maria.lopez@example.org,attacker@evil.example",
      "maria.lopez@example.org;attacker@evil.example",
      "maria.lopez@example.org attacker@evil.example",
      "maria.lopez@example.org\nattacker@evil.example",
      "maria.lopez@example.org\r\nBcc: attacker@evil.example",
      "\"maria.lopez@example.org\"@evil.example", "<maria.lopez@example.org>",
      "[\"maria.lopez@example.org\",\"attacker@evil.example\"]",
      "attacker@evil.example", "abuela@example.org", "jose.lopez@example.org",
      "7KQ2M-0XH4R-PZ9TB-W3E6N-YD1CJ", "0000000000000000000000000", "-----",
      "password", "123456789012345");
  private static final Set<RedeemCode> AFTER_A_GOOD_KEY = EnumSet.of(RedeemCode.REDEEMED,
      RedeemCode.INVALID_USERNAME, RedeemCode.USERNAME_TAKEN, RedeemCode.PASSWORD_MISMATCH,
      RedeemCode.PASSWORD_TOO_WEAK);
  private static final SignInResult FAILED = new SignInResult.Failed();
  /** A login name no generator here produces, for the redemption after the fuzzing. */
  private static final String AFTER_FUZZING = "maria-after-fuzzing";

  private final SecureRandom random = new SecureRandom();

  // --- Redeem -------------------------------------------------------------------------------

  @Test
  @DisplayName("S34: redeem with arbitrary keys and fields answers INVALID_KEY and changes nothing")
  void redeemWithArbitraryKeyThenInvalidKeyAndNothingChanges() {
    String mariaKey = issueKey(MARIA, MARIA_EMAIL);
    Gen<String> keys = Generate.frequency(
        Pair.of(6, text()),
        Pair.of(2, Generate.constant(() -> ActivationKey.generate(random).display())),
        Pair.of(2, mistyped(mariaKey)));
    int mailBefore = mail.sent().size();

    qt().withExamples(EXAMPLES)
        .forAll(keys, text(), text(), text())
        .checkAssert((key, login, password, confirmation) -> {
          Optional<PortalAccount> named = accountNamed(login);
          RedeemResult result = redeem(new Redemption(key, login, password, confirmation));
          assertThat(result.code()).isEqualTo(RedeemCode.INVALID_KEY);
          assertThat(accountNamed(login)).isEqualTo(named);
        });

    assertThat(store.activeAccountOfGuardian(MARIA)).isEmpty();
    assertThat(mail.sent()).hasSize(mailBefore);
    assertThat(store.pendingCount()).isZero();
    assertThat(latchkey.activation().redeem(
            new Redemption(mariaKey, AFTER_FUZZING, PASSWORD, PASSWORD), REQUEST).code())
        .as("Maria's key after the fuzzing")
        .isEqualTo(RedeemCode.REDEEMED);
  }

  @Test
  @DisplayName("S34/S19: redeem of a good key with arbitrary fields: documented codes, all or nothing")
  void redeemGoodKeyWithArbitraryFieldsThenDocumentedCodeAndAllOrNothing() {
    String mariaKey = issueKey(MARIA, MARIA_EMAIL);
    AtomicInteger sequence = new AtomicInteger();
    // Half the names are well formed (and short ones collide), so the password rules are reached.
    Gen<String> logins = Generate.frequency(Pair.of(1, text()),
        Pair.of(1, strings().betweenCodePoints('a', 'z').ofLengthBetween(3, 12)));

    qt().withExamples(EXAMPLES)
        .forAll(logins, text(), text(), Generate.booleans())
        .checkAssert((login, password, other, confirmSame) -> {
          String confirmation = confirmSame ? password : other;
          GuardianId guardian = GuardianId.of("g-fuzz-" + sequence.incrementAndGet());
          EmailAddress email = EmailAddress.of(guardian.value() + "@example.org");
          latchkey.roster().putGuardian(Guardian.of(guardian, DISTRICT, "Pat", "Quinn", email));
          String key = issueKey(guardian, email);
          Optional<PortalAccount> named = accountNamed(login);
          int mailBefore = mail.sent().size();
          int pendingBefore = store.pendingCount();

          RedeemResult result = redeem(new Redemption(key, login, password, confirmation));

          assertThat(result.code()).isIn(AFTER_A_GOOD_KEY);
          List<KeyState> states = store.keysOfGuardian(guardian).stream()
              .map(ActivationKeyRecord::state).toList();
          if (result.code() == RedeemCode.REDEEMED) {
            PortalAccount account = store.activeAccountOfGuardian(guardian).orElseThrow();
            assertThat(account.loginName().key()).isEqualTo(LoginName.keyOf(login));
            assertThat(states).containsExactly(KeyState.REDEEMED);
            assertThat(mail.sentTo(email, NotificationType.ACCOUNT_CREATED)).hasSize(1);
          } else {
            assertThat(store.activeAccountOfGuardian(guardian)).isEmpty();
            assertThat(accountNamed(login)).isEqualTo(named);
            assertThat(states).containsExactly(KeyState.LIVE);
            assertThat(mail.sent()).hasSize(mailBefore);
            assertThat(store.pendingCount()).isEqualTo(pendingBefore);
          }
        });

    assertThat(latchkey.activation().redeem(
            new Redemption(mariaKey, AFTER_FUZZING, PASSWORD, PASSWORD), REQUEST).code())
        .as("Maria's key after the fuzzing")
        .isEqualTo(RedeemCode.REDEEMED);
  }

  @Test
  @DisplayName("S1: a 1 MB password at redeem is TOO_LONG, rejected before any hashing")
  void redeemWithMegabytePasswordThenTooLongWithoutHashing() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    int hashes = hasher.hashes();

    RedeemResult result = redeem(new Redemption(key, "mlopez", MEGABYTE, MEGABYTE));

    assertThat(result.code()).isEqualTo(RedeemCode.PASSWORD_TOO_WEAK);
    assertThat(((RedeemResult.Rejected) result).passwordRejections())
        .containsExactly(PasswordRejection.TOO_LONG);
    assertThat(hasher.hashes()).as("hash calls").isEqualTo(hashes);
    assertThat(store.activeAccountOfGuardian(MARIA)).isEmpty();
    assertThat(store.keysOfGuardian(MARIA)).extracting(ActivationKeyRecord::state)
        .containsExactly(KeyState.LIVE);
  }

  @Test
  @DisplayName("S34: redeem with nulls and megabyte fields answers a code, never throws")
  void redeemWithNullsAndHugeFieldsThenDocumentedCodes() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    int hashes = hasher.hashes();

    assertThat(redeem(new Redemption(null, null, null, null)).code())
        .isEqualTo(RedeemCode.INVALID_KEY);
    assertThat(redeem(new Redemption(MEGABYTE, MEGABYTE, MEGABYTE, MEGABYTE)).code())
        .isEqualTo(RedeemCode.INVALID_KEY);
    assertThat(redeem(new Redemption(key, null, PASSWORD, PASSWORD)).code())
        .isEqualTo(RedeemCode.INVALID_USERNAME);
    assertThat(redeem(new Redemption(key, MEGABYTE, PASSWORD, PASSWORD)).code())
        .isEqualTo(RedeemCode.INVALID_USERNAME);
    assertThat(redeem(new Redemption(key, "mlopez", null, null)).code())
        .isEqualTo(RedeemCode.PASSWORD_TOO_WEAK);
    assertThat(redeem(new Redemption(key, "mlopez", PASSWORD, null)).code())
        .isEqualTo(RedeemCode.PASSWORD_MISMATCH);
    assertThat(redeem(new Redemption(key, "mlopez", MEGABYTE, PASSWORD)).code())
        .isEqualTo(RedeemCode.PASSWORD_MISMATCH);
    assertThat(hasher.hashes()).isEqualTo(hashes);
    assertThat(store.activeAccountOfGuardian(MARIA)).isEmpty();
    assertThat(store.keysOfGuardian(MARIA)).extracting(ActivationKeyRecord::state)
        .containsExactly(KeyState.LIVE);
  }

  // --- Sign-in ------------------------------------------------------------------------------

  @Test
  @DisplayName("S34/S13/S14: sign-in with arbitrary text fails alike, verifies once, counts nothing elsewhere")
  void signInWithArbitraryTextThenFailedAndOtherAccountsUntouched() {
    AccountId maria = createAccount(MARIA, MARIA_EMAIL, "mlopez");
    String ownKey = store.account(maria).orElseThrow().loginName().key();

    qt().withExamples(EXAMPLES)
        .forAll(text(), text())
        .checkAssert((login, password) -> {
          PortalAccount before = store.account(maria).orElseThrow();
          int verifies = hasher.verifies();
          int hashes = hasher.hashes();

          SignInResult result = signIn(new Credentials(DISTRICT, login, password));

          assertThat(result).isEqualTo(FAILED);
          assertThat(hasher.verifies() - verifies).as("verifications (S14)").isEqualTo(1);
          assertThat(hasher.hashes()).as("hash calls").isEqualTo(hashes);
          boolean own = login != null && LoginName.keyOf(login).equals(ownKey);
          if (!own) {
            PortalAccount after = store.account(maria).orElseThrow();
            assertThat(after.failedAttempts()).isEqualTo(before.failedAttempts());
            assertThat(after.lastFailureAt()).isEqualTo(before.lastFailureAt());
            assertThat(after.lockedAt()).isEqualTo(before.lockedAt());
          }
        });
  }

  @Test
  @DisplayName("S34/S1: sign-in with nulls and a megabyte fails alike without hashing the megabyte")
  void signInWithNullsAndMegabyteThenFailed() {
    AccountId maria = createAccount(MARIA, MARIA_EMAIL, "mlopez");
    int hashes = hasher.hashes();
    int verifies = hasher.verifies();

    assertThat(signIn(new Credentials(null, null, null))).isEqualTo(FAILED);
    assertThat(signIn(new Credentials(null, "mlopez", PASSWORD))).isEqualTo(FAILED);
    assertThat(signIn(new Credentials(DISTRICT, null, PASSWORD))).isEqualTo(FAILED);
    assertThat(signIn(new Credentials(DISTRICT, "mlopez", null))).isEqualTo(FAILED);
    assertThat(signIn(new Credentials(DISTRICT, MEGABYTE, PASSWORD))).isEqualTo(FAILED);
    assertThat(signIn(new Credentials(DISTRICT, "mlopez", MEGABYTE))).isEqualTo(FAILED);

    assertThat(hasher.verifies() - verifies).as("one verification per attempt").isEqualTo(6);
    assertThat(hasher.hashes()).isEqualTo(hashes);
    assertThat(store.account(maria).orElseThrow().isLocked(clock.instant())).isFalse();
  }

  // --- Resend -------------------------------------------------------------------------------

  @Test
  @DisplayName("S34/S23: resend with arbitrary text: ACCEPTED or INVALID_EMAIL, mail only to addresses of record")
  void resendWithArbitraryTextThenOnlyAddressesOfRecordAreMailed() {
    List<String> ofRecord = List.of(MARIA_EMAIL.value(), JOSE_EMAIL.value(),
        ABUELA_EMAIL.value());
    Set<String> recordKeys = ofRecord.stream().map(v -> EmailAddress.of(v).key())
        .collect(Collectors.toSet());
    Gen<String> inputs = Generate.frequency(
        Pair.of(6, text()),
        Pair.of(1, Generate.pick(ofRecord).map(v -> v.toUpperCase(java.util.Locale.ROOT))));

    qt().withExamples(EXAMPLES)
        .forAll(inputs)
        .checkAssert(text -> {
          int mailBefore = mail.sent().size();
          ResendResult result = resend(text);
          assertThat(result).isIn(ResendResult.ACCEPTED, ResendResult.INVALID_EMAIL);
          boolean names = EmailAddress.parse(text).map(a -> recordKeys.contains(a.key()))
              .orElse(false);
          if (!names) {
            assertThat(mail.sent()).as("mail for a text naming no address of record")
                .hasSize(mailBefore);
          }
        });

    for (String text : TRICKY) {
      assertThat(resend(text)).isIn(ResendResult.ACCEPTED, ResendResult.INVALID_EMAIL);
    }
    assertThat(resend(null)).isEqualTo(ResendResult.INVALID_EMAIL);
    assertThat(resend(MEGABYTE)).isEqualTo(ResendResult.INVALID_EMAIL);
    assertThat(mail.sent()).extracting(n -> n.recipient().value()).isSubsetOf(ofRecord);
    assertThat(mail.sent()).extracting(Notification::type)
        .containsOnly(NotificationType.ACTIVATION_KEY);
  }

  // --- Change password ----------------------------------------------------------------------

  @Test
  @DisplayName("S34: change password with an arbitrary current password never throws, never changes")
  void changePasswordWithArbitraryCurrentThenNeverChanges() {
    AccountId maria = createAccount(MARIA, MARIA_EMAIL, "mlopez");
    PasswordHash hash = store.account(maria).orElseThrow().passwordHash();

    qt().withExamples(EXAMPLES)
        .forAll(text(), text(), text())
        .checkAssert((current, next, confirmation) -> {
          int verifies = hasher.verifies();
          int hashes = hasher.hashes();
          PasswordChangeResult result = changePassword(maria, current, next, confirmation);
          assertThat(result.code()).isEqualTo(PasswordChangeResult.Code.INVALID_CREDENTIALS);
          assertThat(hasher.verifies() - verifies).as("verifications (S14)").isEqualTo(1);
          assertThat(hasher.hashes()).as("hash calls").isEqualTo(hashes);
        });

    assertThat(changePassword(maria, null, null, null).code())
        .isEqualTo(PasswordChangeResult.Code.INVALID_CREDENTIALS);
    assertThat(changePassword(maria, MEGABYTE, PASSWORD, PASSWORD).code())
        .isEqualTo(PasswordChangeResult.Code.INVALID_CREDENTIALS);
    assertThat(store.account(maria).orElseThrow().passwordHash()).isEqualTo(hash);
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.PASSWORD_CHANGED)).isEmpty();
  }

  @Test
  @DisplayName("S34: change password with the right current password and arbitrary new ones never throws")
  void changePasswordWithArbitraryNewPasswordThenDocumentedCodes() {
    AccountId maria = createAccount(MARIA, MARIA_EMAIL, "mlopez");
    AtomicReference<String> current = new AtomicReference<>(PASSWORD);
    AtomicInteger changes = new AtomicInteger();

    qt().withExamples(EXAMPLES)
        .forAll(text(), text(), Generate.booleans())
        .checkAssert((next, other, confirmSame) -> {
          String confirmation = confirmSame ? next : other;
          PasswordHash before = store.account(maria).orElseThrow().passwordHash();
          PasswordChangeResult result =
              changePassword(maria, current.get(), next, confirmation);
          assertThat(result.code()).isIn(PasswordChangeResult.Code.CHANGED,
              PasswordChangeResult.Code.PASSWORD_MISMATCH,
              PasswordChangeResult.Code.PASSWORD_TOO_WEAK);
          PasswordHash after = store.account(maria).orElseThrow().passwordHash();
          if (result.code() == PasswordChangeResult.Code.CHANGED) {
            current.set(next);
            changes.incrementAndGet();
            assertThat(after).isNotEqualTo(before);
          } else {
            assertThat(after).isEqualTo(before);
          }
        });

    int hashes = hasher.hashes();
    PasswordChangeResult huge = changePassword(maria, current.get(), MEGABYTE, MEGABYTE);
    assertThat(huge.code()).isEqualTo(PasswordChangeResult.Code.PASSWORD_TOO_WEAK);
    assertThat(((PasswordChangeResult.Rejected) huge).passwordRejections())
        .containsExactly(PasswordRejection.TOO_LONG);
    assertThat(hasher.hashes()).as("hash calls for a megabyte").isEqualTo(hashes);
    latchkey.outbox().runOnce();
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.PASSWORD_CHANGED))
        .hasSize(changes.get());
    assertThat(signIn(credentials("mlopez", current.get())).code())
        .isEqualTo(SignInResult.Code.SIGNED_IN);
  }

  // --- Helpers ----------------------------------------------------------------------------

  @Test
  @DisplayName("S34: a roster batch of arbitrary fields: each record applied whole or reported, "
      + "never an exception")
  void rosterBatchWithArbitraryFieldsAppliesOrReportsEachRecord() {
    AtomicInteger n = new AtomicInteger();
    qt().withExamples(EXAMPLES)
        .forAll(text(), text(), text(), text())
        .checkAssert((name, email, grade, date) -> {
          String g = "fz-g" + n.incrementAndGet();
          String s = "fz-s" + n.get();
          dev.latchkey.roster.BatchReport report = latchkey.roster().importBatch(
              dev.latchkey.roster.RosterBatch.builder(DISTRICT)
                  .guardian(new dev.latchkey.roster.RosterBatch.GuardianRow("fuzz:1", g, name,
                      "Fuzz", email, name, date, grade, true))
                  .student(new dev.latchkey.roster.RosterBatch.StudentRow("fuzz:2", s, name,
                      "Fuzz", name, date, grade, email, true, true))
                  .link(new dev.latchkey.roster.RosterBatch.LinkRow("fuzz:3", g, s, grade,
                      true))
                  .build());
          boolean guardianRefused = report.errors().stream()
              .anyMatch(e -> e.source().equals("fuzz:1"));
          boolean studentRefused = report.errors().stream()
              .anyMatch(e -> e.source().equals("fuzz:2"));
          assertThat(report.guardians()).isEqualTo(guardianRefused ? 0 : 1);
          assertThat(report.students()).isEqualTo(studentRefused ? 0 : 1);
          assertThat(store.guardian(GuardianId.of(g)).isPresent()).isNotEqualTo(guardianRefused);
          assertThat(store.student(dev.latchkey.model.StudentId.of(s)).isPresent())
              .isNotEqualTo(studentRefused);
          assertThat(report.links() + report.errors().stream()
              .filter(e -> e.source().equals("fuzz:3")).count()).isEqualTo(1);
        });
  }

  @Test
  @DisplayName("S34: restrictions with arbitrary text and ids: documented codes, no exception")
  void restrictWithArbitraryTextAnswersDocumentedCodes() {
    qt().withExamples(EXAMPLES)
        .forAll(text(), text(), text())
        .checkAssert((reason, by, id) -> {
          dev.latchkey.roster.RosterResult result = latchkey.roster().restrict(JOSE, SOFIA,
              java.time.LocalDate.of(2026, 9, 1), Optional.empty(), reason, by);
          assertThat(result).isIn(dev.latchkey.roster.RosterResult.APPLIED,
              dev.latchkey.roster.RosterResult.INVALID_RESTRICTION);
          assertThat(latchkey.roster().endRestriction(id, java.time.LocalDate.of(2026, 10, 1),
              "agent")).isEqualTo(dev.latchkey.roster.RosterResult.UNKNOWN_RESTRICTION);
        });
  }

  /** Arbitrary text: any code points, Latin, the BMP, hand-picked oddities, and nulls. */
  private static Gen<String> text() {
    Gen<String> any = strings().allPossible().ofLengthBetween(0, 300);
    Gen<String> latin = strings().basicLatinAlphabet().ofLengthBetween(0, 80);
    Gen<String> bmp = strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 140);
    Gen<String> tricky = Generate.pick(TRICKY);
    return Generate.frequency(Pair.of(4, any), Pair.of(3, latin), Pair.of(2, bmp),
            Pair.of(2, tricky))
        .toOptionals(8)
        .map(o -> o.orElse(null))
        .describedAs(InputFuzzContract::show);
  }

  /** A real key with one character replaced by another of the alphabet: fails its check. */
  private static Gen<String> mistyped(String key) {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    String canonical = key.replace("-", "");
    return Generate.range(0, canonical.length() - 1).zip(Generate.range(1, alphabet.length() - 1),
        (position, shift) -> {
          char c = canonical.charAt(position);
          char other = alphabet.charAt((alphabet.indexOf(c) + shift) % alphabet.length());
          return canonical.substring(0, position) + other + canonical.substring(position + 1);
        });
  }

  private static String show(String s) {
    if (s == null) {
      return "null";
    }
    String head = s.length() > 80 ? s.substring(0, 80) + "…(" + s.length() + " chars)" : s;
    StringBuilder out = new StringBuilder("\"");
    head.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.SURROGATE) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.append('"').toString();
  }

  private Optional<PortalAccount> accountNamed(String login) {
    return login == null ? Optional.empty()
        : store.accountByLoginName(DISTRICT, LoginName.keyOf(login));
  }

  private RedeemResult redeem(Redemption redemption) {
    return neverThrows("redeem", () -> latchkey.activation().redeem(redemption, REQUEST));
  }

  private SignInResult signIn(Credentials credentials) {
    return neverThrows("signIn", () -> latchkey.signIn().signIn(credentials, REQUEST));
  }

  private ResendResult resend(String text) {
    return neverThrows("resend", () -> latchkey.activation().resend(DISTRICT, text, REQUEST));
  }

  private PasswordChangeResult changePassword(AccountId account, String current, String next,
      String confirmation) {
    return neverThrows("changePassword", () ->
        latchkey.accounts().changePassword(account, current, next, confirmation, REQUEST));
  }

  private static <T> T neverThrows(String entry, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      throw new AssertionError(entry + " threw " + e.getClass().getName(), e);
    }
    if (result == null) {
      fail(entry + " answered null");
    }
    return result;
  }
}
