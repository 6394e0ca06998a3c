package dev.latchkey.password.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.LegacyHashes;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordHashers;
import dev.latchkey.password.Pbkdf2Digest;
import dev.latchkey.password.SpringPbkdf2;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S6: imported PBKDF2 hashes — Latchkey's stored form, published test vectors, and the export
 * shapes of Keycloak and Spring Security.
 */
class Pbkdf2LegacyTest {

  private static final PasswordHasher HASHER = PasswordHashers.upgrading(
      Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom()));
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** PBKDF2 as Keycloak and Spring compute it: the JDK's SecretKeyFactory over the password's chars. */
  private static byte[] jdkPbkdf2(String algorithm, String password, byte[] salt, int iterations,
      int bytes) throws Exception {
    return SecretKeyFactory.getInstance(algorithm)
        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8))
        .getEncoded();
  }

  @Nested
  class StoredForm {

    @Test
    void storedFormNamesDigestIterationsAndLength() {
      PasswordHash stored = LegacyHashes.pbkdf2(Pbkdf2Digest.SHA256, 310_000,
          ascii("saltsaltsaltsalt"), new byte[32]);

      assertThat(stored.encoded()).isEqualTo("$pbkdf2-sha256$i=310000,l=32"
          + "$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    // RFC 6070 (PBKDF2-HMAC-SHA1), RFC 7914 §11 (SHA-256), and the widely used SHA-512 vectors
    // (cross-checked with Python's hashlib.pbkdf2_hmac).
    @ParameterizedTest(name = "[{index}] {0} c={3}")
    @CsvSource({
        "SHA1, password, salt, 1, 0c60c80f961f0e71f3a9b524af6012062fe037a6",
        "SHA1, password, salt, 2, ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
        "SHA1, password, salt, 4096, 4b007901b765489abead49d926f721d065a429c1",
        "SHA256, passwd, salt, 1, 55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
        "SHA512, password, salt, 1, 867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf2"
            + "52c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce",
        "SHA512, password, salt, 2, e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d5"
            + "3cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e",
    })
    void publishedVectorVerifies(Pbkdf2Digest digest, String password, String salt,
        int iterations, String hex) {
      PasswordHash stored = LegacyHashes.pbkdf2(digest, iterations, ascii(salt), HEX.parseHex(hex));

      assertThat(HASHER.verify(password, stored)).isTrue();
      assertThat(HASHER.verify(password + "!", stored)).isFalse();
      assertThat(HASHER.needsRehash(stored)).isTrue();
    }

    @Test
    void partsOutOfRangeAreRefused() {
      assertThatIllegalArgumentException().isThrownBy(() ->
          LegacyHashes.pbkdf2(Pbkdf2Digest.SHA256, 0, ascii("salt"), new byte[32]));
      assertThatIllegalArgumentException().isThrownBy(() ->
          LegacyHashes.pbkdf2(Pbkdf2Digest.SHA256, 10_000_001, ascii("salt"), new byte[32]));
      assertThatIllegalArgumentException().isThrownBy(() ->
          LegacyHashes.pbkdf2(Pbkdf2Digest.SHA256, 1000, new byte[0], new byte[32]));
      assertThatIllegalArgumentException().isThrownBy(() ->
          LegacyHashes.pbkdf2(Pbkdf2Digest.SHA256, 1000, ascii("salt"), new byte[15]));
      assertThatIllegalArgumentException().isThrownBy(() ->
          LegacyHashes.pbkdf2(Pbkdf2Digest.SHA256, 1000, ascii("salt"), new byte[129]));
      assertThatNullPointerException().isThrownBy(() ->
          LegacyHashes.pbkdf2(null, 1000, ascii("salt"), new byte[32]));
    }
  }

  /** Values Spring Security's own test suite (Pbkdf2PasswordEncoderTests) verifies. */
  @Nested
  class SpringSecurity {

    /** Spring's tests use secret "secret", which Spring appends to the salt. */
    private PasswordHash withSecretFolded(Pbkdf2Digest digest, byte[] saltAndHash) {
      byte[] salt = new byte[8 + 6];
      System.arraycopy(saltAndHash, 0, salt, 0, 8);
      System.arraycopy(ascii("secret"), 0, salt, 8, 6);
      byte[] hash = java.util.Arrays.copyOfRange(saltAndHash, 8, saltAndHash.length);
      return LegacyHashes.pbkdf2(digest, 185_000, salt, hash);
    }

    @Test
    @DisplayName("Spring's own SHA-1 hex vector verifies (185,000 iterations: the realistic case)")
    void springSha1HexVectorVerifies() {
      PasswordHash stored = withSecretFolded(Pbkdf2Digest.SHA1, HEX.parseHex(
          "ab1146a8458d4ce4e65789e5a3f60e423373cfa10b01abd23739e5ae2fdc37f8e9ede4ae6da65264"));

      assertThat(HASHER.verify("password", stored)).isTrue();
      assertThat(HASHER.verify("Password", stored)).isFalse();
    }

    @Test
    void springSha1Base64VectorVerifies() {
      PasswordHash stored = withSecretFolded(Pbkdf2Digest.SHA1, Base64.getDecoder().decode(
          "3FOwOMcDgxP+z1x/sv184LFY2WVD+ZGMgYP3LPOSmCcDmk1XPYvcCQ=="));

      assertThat(HASHER.verify("password", stored)).isTrue();
    }

    @Test
    void springSha256HexVectorVerifies() {
      PasswordHash stored = withSecretFolded(Pbkdf2Digest.SHA256, HEX.parseHex(
          "821447f994e2b04c5014e31fa9fca4ae1cc9f2188c4ed53d3ddb5ba7980982b51a0ecebfc0b81a79"));

      assertThat(HASHER.verify("password", stored)).isTrue();
    }

    @Test
    @DisplayName("{pbkdf2} is Spring 5.5's defaults: SHA-1, 8-byte salt, 185,000 iterations, hex")
    void delegatingPbkdf2IsSpringFiveFiveDefaults() {
      String saltAndHash = "0001020304050607" + "ff".repeat(32);

      PasswordHash stored = LegacyHashes.spring("{pbkdf2}" + saltAndHash);

      assertThat(stored.encoded()).isEqualTo("$pbkdf2-sha1$i=185000,l=32$AAECAwQFBgc$"
          + Base64.getEncoder().withoutPadding().encodeToString(HEX.parseHex("ff".repeat(32))));
    }

    @Test
    @DisplayName("{pbkdf2@SpringSecurity_v5_8} is Spring 5.8's defaults and verifies")
    void delegatingPbkdf2V58VerifiesAValueMadeTheSpringWay() throws Exception {
      byte[] salt = HEX.parseHex("00112233445566778899aabbccddeeff");
      byte[] hash = jdkPbkdf2("PBKDF2WithHmacSHA256", "violet harbor drums", salt, 310_000, 32);

      PasswordHash stored = LegacyHashes.spring(
          "{pbkdf2@SpringSecurity_v5_8}" + HEX.formatHex(salt) + HEX.formatHex(hash));

      assertThat(stored.encoded()).startsWith("$pbkdf2-sha256$i=310000,l=32$ABEiM0RVZneImaq7zN3u/w$");
      assertThat(HASHER.verify("violet harbor drums", stored)).isTrue();
      assertThat(HASHER.verify("violet harbor drum", stored)).isFalse();
    }

    @Test
    void delegatingBcryptIsStoredAsBcrypt() {
      PasswordHash stored = LegacyHashes.spring(
          "{bcrypt}$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");

      assertThat(stored.encoded()).isEqualTo("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
      assertThat(HASHER.verify("U*U", stored)).isTrue();
    }

    @Test
    void customEncoderSettingsWithBase64Verify() throws Exception {
      SpringPbkdf2 settings = new SpringPbkdf2(Pbkdf2Digest.SHA512, 16, 1_000, true);
      byte[] salt = ascii("0123456789abcdef");
      byte[] hash = jdkPbkdf2("PBKDF2WithHmacSHA512", "quiet lantern meadow", salt, 1_000, 64);
      byte[] both = new byte[80];
      System.arraycopy(salt, 0, both, 0, 16);
      System.arraycopy(hash, 0, both, 16, 64);

      PasswordHash stored = LegacyHashes.springPbkdf2(Base64.getEncoder().encodeToString(both),
          settings);

      assertThat(stored.encoded()).startsWith("$pbkdf2-sha512$i=1000,l=64$");
      assertThat(HASHER.verify("quiet lantern meadow", stored)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{noop}orange kite under seven bridges",
        "{sha256}97cde38028ad898ebc02e690819fa220e88c62e0699403e94fff291cfffaf8410849f27605abcbc0",
        "{scrypt}$e0801$8bWJaSu2IKSn9Z9kM+TPXfOc/9bdYSrN1oD9qfVThWEwdRTnO7re7Ei+fUZRJ68k9lTyuTeUp4of4g24hHnazw==$OAOec05+bXxvuu/1qZ6NUR+xQYvYv7BeL1QxwRpY5Pc=",
        "{argon2}$argon2id$v=19$m=16384,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "ab1146a8458d4ce4e65789e5a3f60e423373cfa10b01abd23739e5ae2fdc37f8e9ede4ae6da65264",
        "{pbkdf2}not hex at all",
        "{pbkdf2}ab1146a8458d4ce4",
        "{pbkdf2}ab1146a8458d4ce4e65789e5a3f60e42",
        "{pbkdf2}ab1146a8458d4ce4e65789e5a3f60e423373cfa10b01abd23739e5ae2fdc37f8e9ede4ae6da6526",
        "{bcrypt}$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "{bcrypt}",
        "{}",
        "{pbkdf2",
    })
    void unsupportedOrMalformedSpringValuesAreRefusedWithoutEchoingThem(String encoded) {
      assertThatIllegalArgumentException().isThrownBy(() -> LegacyHashes.spring(encoded))
          .satisfies(e -> assertThat(e.getMessage())
              .doesNotContain("orange kite").doesNotContain("97cde38028ad")
              .doesNotContain("CCCCCCCCCCCC").doesNotContain("ab1146a8458d"));
    }
  }

  /**
   * Keycloak credentials, generated independently with Python's hashlib.pbkdf2_hmac in exactly
   * Keycloak's shape (its credential table columns and realm-export strings).
   */
  @Nested
  class Keycloak {
    private static final String SHA256_SECRET = "{\"value\":\"CJEfz1rLh4KELji4oSdFd7In0+aHwi4uNEJOA2ZcMIs=\","
        + "\"salt\":\"ChssPU5fYHGCk6S1xtfo+Q==\",\"additionalParameters\":{}}";
    private static final String SHA256_CREDENTIAL =
        "{\"hashIterations\":27500,\"algorithm\":\"pbkdf2-sha256\",\"additionalParameters\":{}}";

    @Test
    @DisplayName("a Keycloak pbkdf2-sha256 credential (27,500 iterations) verifies")
    void keycloakSha256CredentialVerifies() {
      PasswordHash stored = LegacyHashes.keycloakCredential(SHA256_SECRET, SHA256_CREDENTIAL);

      assertThat(stored.encoded()).isEqualTo("$pbkdf2-sha256$i=27500,l=32"
          + "$ChssPU5fYHGCk6S1xtfo+Q$CJEfz1rLh4KELji4oSdFd7In0+aHwi4uNEJOA2ZcMIs");
      assertThat(HASHER.verify("orange kite under seven bridges", stored)).isTrue();
      assertThat(HASHER.verify("orange kite under seven bridge", stored)).isFalse();
    }

    @Test
    @DisplayName("a Keycloak pbkdf2-sha512 credential of a non-ASCII password verifies as typed")
    void keycloakSha512NonAsciiCredentialVerifies() {
      PasswordHash stored = LegacyHashes.keycloakCredential(
          "{\"value\":\"KE8MaJaNiq/QaQTtGnVRVTXLO4ycJ8gWDmWK0SoHWIRRZVNsPtZr6MoP356VAydMMC6gyDnQ"
              + "eKfzLb+70W1upA==\",\"salt\":\"8OHSw7Sllod4aVpLPC0eDw==\",\"additionalParameters\":{}}",
          "{\"hashIterations\":1000,\"algorithm\":\"pbkdf2-sha512\",\"additionalParameters\":{}}");

      assertThat(HASHER.verify("Contrase\u00f1a del ni\u00f1o 2024", stored)).isTrue();
    }

    @Test
    @DisplayName("a Keycloak pbkdf2 (HMAC-SHA-1, 64-byte key) credential verifies, "
        + "with JSON whitespace and escaped slashes")
    void keycloakSha1CredentialVerifies() {
      PasswordHash stored = LegacyHashes.keycloakCredential(
          "{ \"value\" : \"IedzT2Qn7e3CSTUtHsKTeSuNCKRq2nYrU5jTctLO4PArfE7mza6JXe044Esuh8d\\/1Mf3+20ed8"
              + "Aewto+SkDLgQ==\",\n \"salt\" : \"ABEiM0RVZneImaq7zN3u\\/w==\" }",
          "{\"algorithm\":\"pbkdf2\",\"hashIterations\":20000}");

      assertThat(stored.encoded()).startsWith("$pbkdf2-sha1$i=20000,l=64$");
      assertThat(HASHER.verify("violet harbor drums at midnight", stored)).isTrue();
    }

    @Test
    void keycloakFieldsConvertLikeTheJson() {
      PasswordHash fromFields = LegacyHashes.keycloak("pbkdf2-sha256", 27_500,
          "ChssPU5fYHGCk6S1xtfo+Q==", "CJEfz1rLh4KELji4oSdFd7In0+aHwi4uNEJOA2ZcMIs=");

      assertThat(fromFields)
          .isEqualTo(LegacyHashes.keycloakCredential(SHA256_SECRET, SHA256_CREDENTIAL));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "" + SHA256_SECRET + "|{\"hashIterations\":5,\"algorithm\":\"argon2\",\"additionalParameters\":{}}",
        "" + SHA256_SECRET + "|{\"hashIterations\":27500,\"algorithm\":\"sha1-salted\"}",
        "" + SHA256_SECRET + "|{\"hashIterations\":27500}",
        "" + SHA256_SECRET + "|{\"algorithm\":\"pbkdf2-sha256\"}",
        "" + SHA256_SECRET + "|{\"hashIterations\":\"27500\",\"algorithm\":\"pbkdf2-sha256\"}",
        "" + SHA256_SECRET + "|{\"hashIterations\":27500.5,\"algorithm\":\"pbkdf2-sha256\"}",
        "" + SHA256_SECRET + "|{\"hashIterations\":0,\"algorithm\":\"pbkdf2-sha256\"}",
        "" + SHA256_SECRET + "|{\"hashIterations\":99999999999,\"algorithm\":\"pbkdf2-sha256\"}",
        "" + SHA256_SECRET + "|{\"hashIterations\":27500,\"algorithm\":\"pbkdf2-sha256\"",
        "" + SHA256_SECRET + "|{\"hashIterations\":27500,\"algorithm\":\"pbkdf2-sha256\"} x",
        "" + SHA256_SECRET + "|{\"hashIterations\":27500,\"hashIterations\":1,\"algorithm\":\"pbkdf2-sha256\"}",
        "" + SHA256_SECRET + "|[27500]",
        "{\"value\":\"CJEfz1rLh4KELji4oSdFd7In0+aHwi4uNEJOA2ZcMIs=\"}|" + SHA256_CREDENTIAL,
        "{\"value\":\"CJEfz1rLh4KELji4oSdFd7In0+aHwi4uNEJOA2ZcMIs=\",\"salt\":\"\"}|" + SHA256_CREDENTIAL,
        "{\"value\":\"CJEfz1rLh4KELji4oSdFd7In0+aHwi4uNEJOA2ZcMIs=\",\"salt\":\"not base64!\"}|" + SHA256_CREDENTIAL,
        "{\"value\":\"CJEfz1rLh4KELji4\",\"salt\":\"ChssPU5fYHGCk6S1xtfo+Q==\"}|" + SHA256_CREDENTIAL,
        "{\"value\":\"CJEfz1rLh4KELji4oSdFd7In0+aHwi4uNEJOA2ZcMIs=\",\"salt\":null}|" + SHA256_CREDENTIAL,
        "not json|" + SHA256_CREDENTIAL,
        "''|" + SHA256_CREDENTIAL,
    })
    void unusableKeycloakCredentialsAreRefusedWithoutEchoingSecrets(String secret,
        String credential) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> LegacyHashes.keycloakCredential(secret, credential))
          .satisfies(e -> assertThat(e.getMessage())
              .doesNotContain("CJEfz1rLh4").doesNotContain("ChssPU5f"));
    }
  }
}
