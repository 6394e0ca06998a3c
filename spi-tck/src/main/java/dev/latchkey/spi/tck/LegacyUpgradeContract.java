package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.LegacyHashes;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordHashers;
import dev.latchkey.password.Pbkdf2Digest;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.spi.PasswordChangeOutcome;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Legacy hashes on sign-in (S6, S7, S14; issue 4 item 5), on every backend: an account whose
 * stored hash was imported as bcrypt or PBKDF2 signs in with its old password through a facade
 * wired with {@link PasswordHashers#upgrading}, and that success replaces the hash with
 * Argon2id; a wrong password writes no hash; a bcrypt hash never accepts a password longer than
 * 72 bytes. Each attempt is exactly one verification.
 *
 * <p>The legacy hash is planted with the SPI's own {@code changePassword}, as an import would
 * store it.
 */
public abstract class LegacyUpgradeContract extends ContractSupport {
  private static final String LOGIN = "maria.lopez";
  private static final String WRONG = "definitely not the password";
  private static final SignInResult FAILED = new SignInResult.Failed();
  private static final byte[] SALT = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);

  private CountingHasher upgrading;
  private Latchkey upgradingFacade;

  @BeforeEach
  void wireUpgradingHasher() {
    upgrading = new CountingHasher(PasswordHashers.upgrading(
        Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom())));
    upgradingFacade = facade(b -> b.passwordHasher(upgrading));
    upgrading.reset(); // building a facade hashes its dummy password once
  }

  /** bcrypt as PHP, htpasswd and Spring write it (BouncyCastle; truncating at 72 bytes). */
  private static PasswordHash bcrypt(String password) {
    return LegacyHashes.bcrypt(
        OpenBSDBCrypt.generate("2y", password.getBytes(StandardCharsets.UTF_8), SALT, 4));
  }

  /** A Keycloak pbkdf2-sha256 credential, computed as Keycloak does, converted for import. */
  private static PasswordHash keycloakPbkdf2(String password) {
    try {
      byte[] value = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password.toCharArray(), SALT, 1_000, 256)).getEncoded();
      Base64.Encoder base64 = Base64.getEncoder();
      return LegacyHashes.keycloakCredential(
          "{\"value\":\"" + base64.encodeToString(value) + "\",\"salt\":\""
              + base64.encodeToString(SALT) + "\",\"additionalParameters\":{}}",
          "{\"hashIterations\":1000,\"algorithm\":\"pbkdf2-sha256\",\"additionalParameters\":{}}");
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private PortalAccount stored(AccountId id) {
    return store.account(id).orElseThrow();
  }

  /** Creates Maria's account through the facade, then stores {@code legacy} as its hash. */
  private AccountId accountWithImportedHash(PasswordHash legacy) {
    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    PasswordChangeOutcome outcome = store.changePassword(id, stored(id).credentialVersion(),
        legacy, clock.instant(), dev.latchkey.spi.Effects.none());
    assertThat(outcome).isEqualTo(PasswordChangeOutcome.CHANGED);
    assertThat(stored(id).passwordHash()).isEqualTo(legacy);
    return id;
  }

  private SignInResult signIn(String password) {
    return upgradingFacade.signIn().signIn(credentials(LOGIN, password), REQUEST);
  }

  private void assertUpgradedOnSuccess(PasswordHash legacy) {
    AccountId id = accountWithImportedHash(legacy);

    SignInResult result = signIn(PASSWORD);

    assertThat(result.code()).isEqualTo(SignInResult.Code.SIGNED_IN);
    PasswordHash now = stored(id).passwordHash();
    assertThat(now).isNotEqualTo(legacy);
    assertThat(now.encoded()).startsWith("$argon2id$v=19$m=8,t=1,p=1$");
    assertThat(upgrading.needsRehash(now)).isFalse();
    assertThat(upgrading.verify(PASSWORD, now)).isTrue();
    assertThat(upgrading.verifies()).as("verifications, including the check above").isEqualTo(2);
  }

  private void assertWrongPasswordWritesNoHash(PasswordHash legacy) {
    AccountId id = accountWithImportedHash(legacy);
    long version = stored(id).credentialVersion();

    SignInResult result = signIn(WRONG);

    assertThat(result).isEqualTo(FAILED);
    assertThat(stored(id).passwordHash()).isEqualTo(legacy);
    assertThat(stored(id).credentialVersion()).isEqualTo(version);
    assertThat(upgrading.verifies()).as("S14: one verification per attempt").isEqualTo(1);
    assertThat(upgrading.hashes()).as("no replacement hash computed").isZero();
  }

  @Test
  @DisplayName("S6: a login imported through the roster with its old bcrypt hash signs in and upgrades")
  void rosterImportKeepsTheOldPassword() {
    PasswordHash legacy = bcrypt(PASSWORD);

    assertThat(latchkey.roster().importAccount(MARIA, "Maria.Lopez", legacy))
        .isEqualTo(RosterResult.APPLIED);

    SignInResult result = signIn(PASSWORD);
    assertThat(result.code()).isEqualTo(SignInResult.Code.SIGNED_IN);
    AccountId id = ((SignInResult.SignedIn) result).account().id();
    assertThat(stored(id).passwordHash().encoded()).startsWith("$argon2id$");
    assertThat(audit.events(dev.latchkey.audit.AuditEventType.ACCOUNT_IMPORTED)).hasSize(1);
    assertThat(mail.sent()).as("an import mails nobody").isEmpty();
  }

  @Test
  @DisplayName("an import is refused, changing nothing, for a taken name, an existing login, a bad name")
  void rosterImportRefusals() {
    createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    PasswordHash legacy = bcrypt(PASSWORD);

    assertThat(latchkey.roster().importAccount(MARIA, "JOSE.LOPEZ", legacy))
        .isEqualTo(RosterResult.LOGIN_NAME_TAKEN);
    assertThat(latchkey.roster().importAccount(MARIA, "jose.lopez@example.org", legacy))
        .as("another guardian's email (S36)").isEqualTo(RosterResult.LOGIN_NAME_TAKEN);
    assertThat(latchkey.roster().importAccount(JOSE, "jose2", legacy))
        .isEqualTo(RosterResult.ACCOUNT_EXISTS);
    assertThat(latchkey.roster().importAccount(MARIA, "no spaces allowed", legacy))
        .isEqualTo(RosterResult.INVALID_LOGIN_NAME);
    assertThat(latchkey.roster().importAccount(
        dev.latchkey.model.GuardianId.of("g-nobody"), "nobody", legacy))
        .isEqualTo(RosterResult.UNKNOWN_GUARDIAN);
    assertThat(store.activeAccountOfGuardian(MARIA)).isEmpty();
  }

  @Test
  @DisplayName("S6: an imported bcrypt hash signs in and is replaced by Argon2id")
  void importedBcryptUpgradesOnSuccess() {
    assertUpgradedOnSuccess(bcrypt(PASSWORD));
  }

  @Test
  @DisplayName("S6: an imported Keycloak PBKDF2 hash signs in and is replaced by Argon2id")
  void importedPbkdf2UpgradesOnSuccess() {
    assertUpgradedOnSuccess(keycloakPbkdf2(PASSWORD));
  }

  @Test
  @DisplayName("S6: an imported PBKDF2-HMAC-SHA-512 hash from its parts upgrades too")
  void importedPbkdf2Sha512UpgradesOnSuccess() throws GeneralSecurityException {
    byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
        .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), SALT, 500, 512)).getEncoded();

    assertUpgradedOnSuccess(LegacyHashes.pbkdf2(Pbkdf2Digest.SHA512, 500, SALT, hash));
  }

  @Test
  @DisplayName("S5: a wrong password leaves an imported bcrypt hash untouched")
  void wrongPasswordLeavesBcryptUntouched() {
    assertWrongPasswordWritesNoHash(bcrypt(PASSWORD));
  }

  @Test
  @DisplayName("S5: a wrong password leaves an imported PBKDF2 hash untouched")
  void wrongPasswordLeavesPbkdf2Untouched() {
    assertWrongPasswordWritesNoHash(keycloakPbkdf2(PASSWORD));
  }

  @Test
  @DisplayName("after a wrong password the legacy hash still works and then upgrades")
  void rightPasswordAfterWrongOneStillUpgrades() {
    PasswordHash legacy = bcrypt(PASSWORD);
    AccountId id = accountWithImportedHash(legacy);
    assertThat(signIn(WRONG)).isEqualTo(FAILED);

    assertThat(signIn(PASSWORD).code()).isEqualTo(SignInResult.Code.SIGNED_IN);

    assertThat(stored(id).passwordHash().encoded()).startsWith("$argon2id$");
  }

  @Test
  @DisplayName("the upgraded hash signs in again without another rehash")
  void upgradedHashIsNotRehashedAgain() {
    AccountId id = accountWithImportedHash(bcrypt(PASSWORD));
    signIn(PASSWORD);
    PasswordHash upgraded = stored(id).passwordHash();
    upgrading.reset();

    assertThat(signIn(PASSWORD).code()).isEqualTo(SignInResult.Code.SIGNED_IN);

    assertThat(stored(id).passwordHash()).isEqualTo(upgraded);
    assertThat(upgrading.hashes()).isZero();
  }

  @Test
  @DisplayName("S6/CVE-2025-22228: a bcrypt hash of a >72-byte password does not verify a "
      + "password that matches only in its first 72 bytes, nor the long password itself")
  void bcryptNeverVerifiesBeyondSeventyTwoBytes() {
    // 40 'é' = 80 UTF-8 bytes in 40 characters: over the byte limit, well under S1's cap
    String longPassword = "\u00e9".repeat(40);
    String samePrefix = "\u00e9".repeat(36) + "zzzz";
    PasswordHash legacy = bcrypt(longPassword); // what a truncating implementation stored
    AccountId id = accountWithImportedHash(legacy);

    assertThat(signIn(longPassword)).isEqualTo(FAILED);
    assertThat(signIn(samePrefix)).isEqualTo(FAILED);

    assertThat(stored(id).passwordHash()).isEqualTo(legacy);
    assertThat(upgrading.hashes()).isZero();
  }

  @Test
  @DisplayName("S7: an unreadable stored hash fails closed and is not replaced")
  void unreadableStoredHashFailsClosed() {
    PasswordHash unknown = new PasswordHash(
        "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
    AccountId id = accountWithImportedHash(unknown);

    assertThat(signIn("U*U")).isEqualTo(FAILED);

    assertThat(stored(id).passwordHash()).isEqualTo(unknown);
  }
}
