package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** S7: whatever is stored, verify answers false for anything but a well-formed matching hash, and never throws. */
class StoredHashFailsClosedTest {

  private static final String PASSWORD = "correct horse battery staple";
  /** A valid m=64,t=1,p=1 hash of {@link #PASSWORD}, computed once. */
  private static final Argon2idHasher HASHER =
      Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom());
  private static final String VALID = HASHER.hash(PASSWORD).encoded();
  private static final String VALID_SALT = VALID.split("\\$")[4];
  private static final String VALID_TAG = VALID.split("\\$")[5];

  @Test
  void verifyNullStoredHashIsFalse() {
    assertThat(HASHER.verify(PASSWORD, null)).isFalse();
  }

  @Test
  void verifyEmptyStoredHashIsFalse() {
    assertThat(HASHER.verify(PASSWORD, new PasswordHash(""))).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      " ",
      "$",
      "$$$$$",
      "password",
      "$argon2id$",
      "$argon2id$v=19$",
      "$argon2id$v=19$m=64,t=1,p=1$",
      "$argon2id$v=19$m=64,t=1,p=1$$",
      // other schemes and versions
      "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
      "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$2+JCoQtY/2x5F0VB9pEVP3xBNguWP1T25Ua8vnJ8Ryw",
      "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
      "$pbkdf2-sha256$29000$N2ZMKWWsdc45R6gV4vwfYw$4jbDx8wOHqjuoEGyO6kAn9m6BMsTC6ENTbrNkWG9Ujo",
      // absurd parameters: must not be computed
      "$argon2id$v=19$m=4194305,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=4294967295,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=99999999999999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=101,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=65$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=7,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      // malformed numbers and parameter lists
      "$argon2id$v=19$m=065536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=+65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=６５５３６,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1,keyid=abc$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1,$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      " $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc ",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$",
      "$ARGON2ID$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      // malformed base64: padding, URL alphabet, bad length, too-short salt and tag
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc=",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPd",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRP",
      "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR_uIPnA4rEsF5h7TKyQwu9U1bMCHGi_4",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMa",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$****************************************...",
  })
  void verifyMalformedOrForeignStoredHashIsFalse(String stored) {
    assertThat(HASHER.verify("password", new PasswordHash(stored))).isFalse();
    assertThat(HASHER.needsRehash(new PasswordHash(stored))).isTrue();
  }

  @Test
  void verifyHugeStoredHashIsFalse() {
    String huge = VALID + "A".repeat(1_000_000);

    assertThat(HASHER.verify(PASSWORD, new PasswordHash(huge))).isFalse();
  }

  @Test
  @DisplayName("S7/S34: verify of arbitrary Unicode as a stored hash is false and never throws")
  void verifyArbitraryStoredStringIsFalse() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 300))
        .checkAssert(stored -> assertThat(HASHER.verify(PASSWORD, new PasswordHash(stored))).isFalse());
  }

  @Test
  @DisplayName("S7: verify of PHC-shaped strings with arbitrary fields is false and never throws")
  void verifyPhcShapedStoredStringIsFalse() {
    Gen<String> scheme = Generate.pick(List.of("argon2id", "argon2i", "argon2d", "argon2", ""));
    Gen<String> version = Generate.pick(List.of("v=19", "v=16", "v=", "v=019", ""));
    // Costs either invalid or cheap: a valid but huge one would make the property slow, not wrong.
    Gen<Integer> cost = Generate.pick(List.of(-1, 0, 1, 2, 7, 8, 9, 16, 64, 101, 4_194_305, Integer.MAX_VALUE));
    Gen<String> params = cost.zip(cost, cost, (m, t, p) -> "m=" + m + ",t=" + t + ",p=" + p);
    Gen<String> field = strings().betweenCodePoints('+', 'z').ofLengthBetween(0, 60)
        .mix(Generate.pick(List.of(VALID_SALT, VALID_TAG, "")), 30);
    Gen<String> stored = scheme.zip(version, params, field.zip(field, (s, h) -> s + "$" + h),
        (sc, v, p, rest) -> "$" + sc + "$" + v + "$" + p + "$" + rest);

    qt().forAll(stored)
        .checkAssert(s -> assertThat(HASHER.verify(PASSWORD, new PasswordHash(s))).isFalse());
  }

  @Test
  @DisplayName("S7: changing any one character of a valid hash makes it fail")
  void verifyValidHashWithAnyOneCharacterChangedIsFalse() {
    Gen<Integer> position = integers().between(0, VALID.length() - 1);
    Gen<Integer> replacement = integers().between(0x20, 0x7E);

    qt().forAll(position, replacement)
        .assuming((at, c) -> VALID.charAt(at) != c)
        .checkAssert((at, c) -> {
          String tampered = VALID.substring(0, at) + (char) c.intValue() + VALID.substring(at + 1);
          assertThat(HASHER.verify(PASSWORD, new PasswordHash(tampered))).isFalse();
        });
  }

  @Test
  void verifyValidHashStillTrueAsControl() {
    assertThat(HASHER.verify(PASSWORD, new PasswordHash(VALID))).isTrue();
  }
}
