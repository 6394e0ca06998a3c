package dev.latchkey.password.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.LegacyHashes;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordHashers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * S6: imported bcrypt hashes verify through the upgrading hasher — published vectors for
 * {@code $2a$}, {@code $2b$} and {@code $2y$}, and the 72-byte rule counted in UTF-8 bytes
 * (Spring CVE-2025-22228).
 */
class BcryptLegacyTest {

  private static final PasswordHasher HASHER = PasswordHashers.upgrading(
      Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom()));
  private static final byte[] SALT = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);

  /** A bcrypt hash as a truncating implementation (BouncyCastle, jBCrypt, Spring) writes it. */
  private static PasswordHash truncatingBcrypt(String version, String password, int cost) {
    return LegacyHashes.bcrypt(
        OpenBSDBCrypt.generate(version, password.getBytes(StandardCharsets.UTF_8), SALT, cost));
  }

  // Vectors from jBCrypt's and OpenWall crypt_blowfish's test suites, each also checked with
  // Apache htpasswd -v when these tests were written.
  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "''|$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
      "a|$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe",
      "abc|$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i",
      "abcdefghijklmnopqrstuvwxyz|$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC",
      "~!@#$%^&*()      ~!@#$%^&*()PNBFRD|$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO",
      "U*U|$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "U*U*|$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK",
      "U*U|$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "U*U|$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
  })
  void publishedVectorVerifies(String password, String stored) {
    assertThat(HASHER.verify(password, LegacyHashes.bcrypt(stored))).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"2a", "2b", "2y"})
  void everyAcceptedVersionVerifiesTheSamePasswordAndRefusesAnother(String version) {
    PasswordHash stored = truncatingBcrypt(version, "orange kite under seven bridges", 4);

    assertThat(HASHER.verify("orange kite under seven bridges", stored)).isTrue();
    assertThat(HASHER.verify("orange kite under seven bridgez", stored)).isFalse();
    assertThat(HASHER.verify("Orange kite under seven bridges", stored)).isFalse();
  }

  @Test
  void bcryptHashAlwaysNeedsRehash() {
    assertThat(HASHER.needsRehash(truncatingBcrypt("2b", "orange kite", 4))).isTrue();
  }

  @Test
  @DisplayName("S6: exactly 72 ASCII bytes still verify")
  void seventyTwoAsciiBytesVerify() {
    String password = "x".repeat(71) + "!";

    assertThat(HASHER.verify(password, truncatingBcrypt("2b", password, 4))).isTrue();
  }

  @Test
  @DisplayName("S6/CVE-2025-22228: 73 bytes whose first 72 are the password never verify")
  void seventyThreeBytesNeverVerify() {
    String password = "x".repeat(71) + "!";
    PasswordHash stored = truncatingBcrypt("2b", password, 4);

    assertThat(HASHER.verify(password + "?", stored)).isFalse();
    assertThat(HASHER.verify(password + " and anything else at all", stored)).isFalse();
  }

  @Test
  @DisplayName("S6: a hash of a >72-byte password does not verify that password, "
      + "though a truncating bcrypt would")
  void hashOfLongPasswordDoesNotVerifyIt() {
    String longPassword = "correct horse battery staple ".repeat(3); // 87 bytes
    PasswordHash stored = truncatingBcrypt("2a", longPassword, 4);

    assertThat(OpenBSDBCrypt.checkPassword(stored.encoded(),
        longPassword.getBytes(StandardCharsets.UTF_8))).as("BouncyCastle truncates").isTrue();
    assertThat(HASHER.verify(longPassword, stored)).isFalse();
  }

  @Test
  @DisplayName("S6: the limit is 72 UTF-8 bytes, not 72 characters: 36 'é' verify, 37 do not")
  void limitIsCountedInUtf8Bytes() {
    String thirtySix = "é".repeat(36); // 72 bytes
    String thirtySeven = "é".repeat(37); // 74 bytes, 37 characters
    PasswordHash stored = truncatingBcrypt("2y", thirtySeven, 4); // truncated to 36 'é'

    assertThat(HASHER.verify(thirtySix, stored)).isTrue();
    assertThat(HASHER.verify(thirtySeven, stored)).isFalse();
  }

  @Test
  @DisplayName("S6: 18 four-byte emoji are 72 bytes and verify; 19 are 76 and do not")
  void fourByteCharactersCountFourTimes() {
    String eighteen = "\uD83D\uDE00".repeat(18);
    String nineteen = "\uD83D\uDE00".repeat(19);
    PasswordHash stored = truncatingBcrypt("2b", nineteen, 4);

    assertThat(HASHER.verify(eighteen, stored)).isTrue();
    assertThat(HASHER.verify(nineteen, stored)).isFalse();
  }

  @Test
  @DisplayName("legacy hashes are checked against the password as typed, without NFKC")
  void legacyVerificationDoesNotNormalise() {
    String composed = "caf\u00e9 au lait sous la pluie";
    String decomposed = "cafe\u0301 au lait sous la pluie";
    PasswordHash stored = truncatingBcrypt("2b", composed, 4);

    assertThat(HASHER.verify(composed, stored)).isTrue();
    assertThat(HASHER.verify(decomposed, stored)).isFalse();
  }

  @Test
  @DisplayName("a password with an unpaired surrogate never verifies, though the JDK would "
      + "have hashed it as '?'")
  void unpairedSurrogateNeverVerifies() {
    PasswordHash stored = truncatingBcrypt("2b", "lonely ? surrogate", 4);

    assertThat(HASHER.verify("lonely ? surrogate", stored)).isTrue();
    assertThat(HASHER.verify("lonely \uD800 surrogate", stored)).isFalse();
  }

  @Test
  void costAboveSixteenIsRefusedAtImportAndFailsClosedAtSignIn() {
    String cost17 = "$2b$17$" + "CCCCCCCCCCCCCCCCCCCCC." + "E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

    assertThat(HASHER.verify("U*U", new PasswordHash(cost17))).isFalse();
    assertThat(HASHER.needsRehash(new PasswordHash(cost17))).isTrue();
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> LegacyHashes.bcrypt(cost17));
  }
}
