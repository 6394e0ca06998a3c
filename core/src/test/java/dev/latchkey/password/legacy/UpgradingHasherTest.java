package dev.latchkey.password.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.LegacyHashes;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordHashers;
import dev.latchkey.password.Pbkdf2Digest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The upgrading hasher: writes Argon2id, reads every scheme, and asks to rehash all but current Argon2id. */
class UpgradingHasherTest {

  private static final String PASSWORD = "orange kite under seven bridges";
  private static final Argon2Parameters CHEAP = Argon2Parameters.insecureForTestsOnly();
  private static final byte[] PEPPER = "a server key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);

  private final Argon2idHasher current = Argon2idHasher.create(CHEAP, new SecureRandom());
  private final PasswordHasher upgrading = PasswordHashers.upgrading(current);

  private static PasswordHash bcrypt(String password) {
    return LegacyHashes.bcrypt(OpenBSDBCrypt.generate("2b",
        password.getBytes(StandardCharsets.UTF_8), new byte[16], 4));
  }

  @Test
  void newHashesAreArgon2idAtTheCurrentParametersAndNeedNoRehash() {
    PasswordHash hash = upgrading.hash(PASSWORD);

    assertThat(hash.encoded()).startsWith("$argon2id$v=19$m=8,t=1,p=1$");
    assertThat(upgrading.verify(PASSWORD, hash)).isTrue();
    assertThat(upgrading.needsRehash(hash)).isFalse();
    assertThat(current.verify(PASSWORD, hash)).isTrue();
  }

  @Test
  void argon2idHashesOfTheCurrentHasherVerifyThroughIt() {
    PasswordHash hash = current.hash(PASSWORD);

    assertThat(upgrading.verify(PASSWORD, hash)).isTrue();
    assertThat(upgrading.verify(PASSWORD + ".", hash)).isFalse();
  }

  @Test
  void argon2idHashAtOlderParametersNeedsRehash() {
    PasswordHash older = Argon2idHasher.create(new Argon2Parameters(32, 1, 1), new SecureRandom())
        .hash(PASSWORD);

    assertThat(upgrading.verify(PASSWORD, older)).isTrue();
    assertThat(upgrading.needsRehash(older)).isTrue();
  }

  @Test
  void everyLegacyHashNeedsRehash() {
    assertThat(upgrading.needsRehash(bcrypt(PASSWORD))).isTrue();
    assertThat(upgrading.needsRehash(LegacyHashes.pbkdf2(Pbkdf2Digest.SHA256, 1,
        new byte[16], new byte[32]))).isTrue();
    assertThat(upgrading.needsRehash(null)).isTrue();
    assertThat(upgrading.needsRehash(new PasswordHash(""))).isTrue();
  }

  @Test
  @DisplayName("after the upgrade, NFKC applies: both normalisation forms verify the new hash")
  void upgradedHashVerifiesEveryNormalisationForm() {
    String composed = "caf\u00e9 au lait sous la pluie";
    String decomposed = "cafe\u0301 au lait sous la pluie";
    PasswordHash legacy = bcrypt(composed);
    assertThat(upgrading.verify(composed, legacy)).isTrue();

    PasswordHash upgraded = upgrading.hash(composed);

    assertThat(upgrading.verify(decomposed, upgraded)).isTrue();
    assertThat(upgrading.needsRehash(upgraded)).isFalse();
  }

  @Test
  @DisplayName("S8: the pepper applies to Argon2id only; legacy hashes verify without it")
  void pepperAppliesToArgon2idOnly() {
    Argon2idHasher peppered = Argon2idHasher.create(CHEAP, new SecureRandom(), PEPPER);
    PasswordHasher hasher = PasswordHashers.upgrading(peppered);

    assertThat(hasher.verify(PASSWORD, bcrypt(PASSWORD))).isTrue();
    PasswordHash replacement = hasher.hash(PASSWORD);
    assertThat(hasher.verify(PASSWORD, replacement)).isTrue();
    assertThat(upgrading.verify(PASSWORD, replacement)).as("unpeppered hasher").isFalse();
  }

  @Test
  void toStringShowsSchemesAndMasksThePepper() {
    PasswordHasher hasher = PasswordHashers.upgrading(
        Argon2idHasher.create(CHEAP, new SecureRandom(), PEPPER));

    assertThat(hasher.toString()).contains("bcrypt").contains("pbkdf2").contains("pepper=***")
        .doesNotContain("server key");
  }

  @Test
  void nullArgumentsAreRefused() {
    assertThatNullPointerException().isThrownBy(() -> PasswordHashers.upgrading(null));
    assertThatNullPointerException().isThrownBy(() -> upgrading.verify(null, bcrypt(PASSWORD)));
    assertThatNullPointerException().isThrownBy(() -> upgrading.hash(null));
  }
}
