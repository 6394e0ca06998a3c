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
import java.text.Normalizer;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * S5/S6 and issue item 7: hashes made by the reference tools verify with ours, and ours verify
 * with the reference {@code argon2} CLI (by recomputing with the salt and parameters read from
 * our PHC string and comparing the encoded result). Passwords reach the tools on standard
 * input as exact bytes, never through the command line, so non-ASCII survives any locale.
 */
class ReferenceToolInteropTest {

  private static final String PASSWORD = "orange kite under seven bridges";
  /** NFC, so its UTF-8 is also the NFKC UTF-8 our hasher feeds Argon2. */
  private static final String NON_ASCII = "p\u00e4ssw\u00f6rter f\u00fcr \u00f1and\u00fas \u2603";

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String argon2Cli(String salt, String password, String... options) {
    String argon2 = ReferenceTools.require("argon2", "argon2").toString();
    List<String> command = new java.util.ArrayList<>(List.of(argon2, salt, "-id"));
    command.addAll(List.of(options));
    command.add("-e");
    return ReferenceTools.run(command, utf8(password));
  }

  /** Salts of random printable letters, so they can be handed to the CLI as an argument. */
  private static final class PrintableSaltRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private final SecureRandom source = new SecureRandom();

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) LETTERS.charAt(source.nextInt(LETTERS.length()));
      }
    }
  }

  // --- argon2 CLI -> ours ------------------------------------------------------------------

  @Test
  @DisplayName("a hash from `argon2 salt -id -t 2 -m 15 -p 1 -l 32 -e` verifies with ours")
  void cliHashVerifiesWithOurs() {
    String encoded = argon2Cli("saltsaltsaltsalt", PASSWORD, "-t", "2", "-m", "15", "-p", "1",
        "-l", "32");
    Argon2idHasher ours = Argon2idHasher.create(Argon2Parameters.owasp2025(), new SecureRandom());

    assertThat(encoded).startsWith("$argon2id$v=19$m=32768,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$");
    assertThat(ours.verify(PASSWORD, new PasswordHash(encoded))).isTrue();
    assertThat(ours.verify(PASSWORD + " ", new PasswordHash(encoded))).isFalse();
    assertThat(ours.needsRehash(new PasswordHash(encoded))).as("m=32768 is not ours").isTrue();
  }

  @Test
  @DisplayName("a CLI hash at the OWASP floor (-k 19456) verifies and needs no rehash")
  void cliHashAtFloorIsCurrent() {
    String encoded = argon2Cli("0123456789abcdef", PASSWORD, "-t", "2", "-k", "19456", "-p", "1",
        "-l", "32");
    Argon2idHasher ours = Argon2idHasher.create(Argon2Parameters.owasp2025(), new SecureRandom());

    assertThat(ours.verify(PASSWORD, new PasswordHash(encoded))).isTrue();
    assertThat(ours.needsRehash(new PasswordHash(encoded))).isFalse();
  }

  @Test
  @DisplayName("a CLI hash of a non-ASCII password verifies, in either normalisation form")
  void cliHashOfNonAsciiPasswordVerifies() {
    String encoded = argon2Cli("saltsaltsaltsalt", NON_ASCII, "-t", "2", "-m", "15", "-p", "1",
        "-l", "32");
    Argon2idHasher ours = Argon2idHasher.create(Argon2Parameters.owasp2025(), new SecureRandom());

    assertThat(ours.verify(NON_ASCII, new PasswordHash(encoded))).isTrue();
    assertThat(ours.verify(Normalizer.normalize(NON_ASCII, Normalizer.Form.NFD),
        new PasswordHash(encoded))).isTrue();
  }

  @Test
  @DisplayName("the upgrading hasher verifies a CLI hash and asks to rehash it")
  void upgradingHasherVerifiesCliHash() {
    String encoded = argon2Cli("saltsaltsaltsalt", PASSWORD, "-t", "3", "-m", "12", "-p", "1",
        "-l", "32");
    PasswordHasher upgrading = PasswordHashers.upgrading(
        Argon2idHasher.create(Argon2Parameters.owasp2025(), new SecureRandom()));

    assertThat(upgrading.verify(PASSWORD, new PasswordHash(encoded))).isTrue();
    assertThat(upgrading.needsRehash(new PasswordHash(encoded))).isTrue();
  }

  // --- ours -> argon2 CLI ------------------------------------------------------------------

  private static void assertCliReproduces(Argon2Parameters parameters, String password) {
    Argon2idHasher ours = Argon2idHasher.create(parameters, new PrintableSaltRandom());
    String encoded = ours.hash(password).encoded();
    // $argon2id$v=19$m=M,t=T,p=P$SALT$TAG
    String[] fields = encoded.split("\\$");
    String salt = new String(Base64.getDecoder().decode(fields[4]), StandardCharsets.US_ASCII);
    String nfkc = Normalizer.normalize(password, Normalizer.Form.NFKC);

    String cli = argon2Cli(salt, nfkc, "-t", String.valueOf(parameters.iterations()),
        "-k", String.valueOf(parameters.memoryKiB()), "-p", String.valueOf(parameters.parallelism()),
        "-l", "32");

    assertThat(cli).isEqualTo(encoded);
  }

  @Test
  @DisplayName("our hash at owasp2025() is reproduced exactly by the CLI")
  void ourHashVerifiesWithCli() {
    assertCliReproduces(Argon2Parameters.owasp2025(), PASSWORD);
  }

  @Test
  @DisplayName("our hash at other parameters (m=32768, t=3, p=2) is reproduced by the CLI")
  void ourHashAtOtherParametersVerifiesWithCli() {
    assertCliReproduces(new Argon2Parameters(32_768, 3, 2), PASSWORD);
  }

  @Test
  @DisplayName("our hash of a decomposed non-ASCII password is the CLI's hash of its NFKC form")
  void ourNonAsciiHashVerifiesWithCli() {
    assertCliReproduces(Argon2Parameters.owasp2025(),
        Normalizer.normalize(NON_ASCII, Normalizer.Form.NFD));
  }

  // --- htpasswd -B -> ours -----------------------------------------------------------------

  private static String htpasswd(String password, int cost) {
    String htpasswd = ReferenceTools.require("htpasswd", "apache2-utils").toString();
    // -i reads the password from standard input: exact bytes, whatever the locale
    String line = ReferenceTools.run(
        List.of(htpasswd, "-niB", "-C", String.valueOf(cost), "guardian"), utf8(password));
    assertThat(line).startsWith("guardian:$2y$");
    return line.substring("guardian:".length());
  }

  @Test
  @DisplayName("a bcrypt hash from `htpasswd -nbB -C 10` verifies and needs rehash")
  void htpasswdBcryptVerifies() {
    PasswordHash stored = LegacyHashes.bcrypt(htpasswd(PASSWORD, 10));
    PasswordHasher upgrading = PasswordHashers.upgrading(
        Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom()));

    assertThat(stored.encoded()).startsWith("$2y$10$");
    assertThat(upgrading.verify(PASSWORD, stored)).isTrue();
    assertThat(upgrading.verify("orange kite under seven bridgeS", stored)).isFalse();
    assertThat(upgrading.needsRehash(stored)).isTrue();
  }

  @Test
  void htpasswdBcryptOfNonAsciiPasswordVerifies() {
    PasswordHash stored = LegacyHashes.bcrypt(htpasswd(NON_ASCII, 4));
    PasswordHasher upgrading = PasswordHashers.upgrading(
        Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom()));

    assertThat(upgrading.verify(NON_ASCII, stored)).isTrue();
  }

  @Test
  @DisplayName("htpasswd truncates at 72 bytes; we refuse the long password, accept its 72-byte prefix")
  void htpasswdLongPasswordIsRefused() {
    String longPassword = "x".repeat(72) + "tail that bcrypt never saw";
    PasswordHash stored = LegacyHashes.bcrypt(htpasswd(longPassword, 4));
    PasswordHasher upgrading = PasswordHashers.upgrading(
        Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom()));

    assertThat(upgrading.verify(longPassword, stored)).isFalse();
    assertThat(upgrading.verify("x".repeat(72), stored)).isTrue();
  }
}
