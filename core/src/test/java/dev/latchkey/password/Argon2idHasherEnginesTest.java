package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Latchkey's engine is the default; BouncyCastle stays available and the two agree. */
class Argon2idHasherEnginesTest {

  private static final Argon2Parameters COST = new Argon2Parameters(256, 2, 2);
  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void createComputesWithLatchkeysEngine() {
    Argon2idHasher hasher = Argon2idHasher.create(COST, new SecureRandom());
    assertThat(hasher.engine()).isEqualTo(Argon2Engine.shared().pathName()).isNotEqualTo("bouncycastle");
  }

  @Test
  void bouncyCastleFactoryComputesWithBouncyCastle() {
    assertThat(Argon2idHasher.bouncyCastle(COST, new SecureRandom()).engine())
        .isEqualTo("bouncycastle");
    assertThat(Argon2idHasher.bouncyCastle(COST, new SecureRandom(), pepper()).engine())
        .isEqualTo("bouncycastle");
  }

  @Test
  void hashesFromEitherEngineVerifyWithTheOther() {
    Argon2idHasher ours = Argon2idHasher.create(COST, new FixedSecureRandom(0x11), pepper());
    Argon2idHasher theirs =
        Argon2idHasher.bouncyCastle(COST, new FixedSecureRandom(0x11), pepper());

    PasswordHash fromOurs = ours.hash(PASSWORD);
    PasswordHash fromTheirs = theirs.hash(PASSWORD);

    assertThat(fromOurs).isEqualTo(fromTheirs);
    assertThat(theirs.verify(PASSWORD, fromOurs)).isTrue();
    assertThat(ours.verify(PASSWORD, fromTheirs)).isTrue();
    assertThat(ours.verify(PASSWORD + "!", fromTheirs)).isFalse();
  }

  @Test
  void bouncyCastleFactoryRefusesAShortPepper() {
    assertThatIllegalArgumentException().isThrownBy(
        () -> Argon2idHasher.bouncyCastle(COST, new SecureRandom(), new byte[8]));
  }

  private static byte[] pepper() {
    byte[] pepper = new byte[32];
    Arrays.fill(pepper, (byte) 0x5A);
    return pepper;
  }
}
