package dev.latchkey.password.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.LegacyHashes;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordHashers;
import dev.latchkey.password.Pbkdf2Digest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** S7 for the upgrading hasher: whatever is stored, verify is false unless it is a well-formed matching hash, and never throws. */
class LegacyHashFailsClosedTest {

  private static final PasswordHasher HASHER = PasswordHashers.upgrading(
      Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom()));
  private static final String BCRYPT_U = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  private static final String PBKDF2_PASSWORD = LegacyHashes.pbkdf2(Pbkdf2Digest.SHA1, 2,
      "salt".getBytes(StandardCharsets.US_ASCII),
      java.util.HexFormat.of().parseHex("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957")).encoded();

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "",
      " ",
      "$",
      "password",
      "U*U",
      // bcrypt: buggy or unknown versions, bad costs, lengths, alphabets, decorations
      "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe",
      "$2c$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2A$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2a$17$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2a$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2a$99$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2a$5$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeWx",
      "$2a$+5$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe",
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeWW",
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC+E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe=",
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeX",
      " $2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "{bcrypt}$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      "user:$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      // pbkdf2: other spellings (passlib, Django, raw exports), bad numbers, lengths, base64
      "$pbkdf2-sha256$29000$N2ZMKWWsdc45R6gV4vwfYw$4jbDx8wOHqjuoEGyO6kAn9m6BMsTC6ENTbrNkWG9Ujo",
      "pbkdf2_sha256$260000$salt$hash",
      "$pbkdf2-sha384$i=1,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$l=32,i=1$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=0,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=01,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=10000001,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=99999999999,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=1,l=31$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=1,l=32$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=1,l=32$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=1,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      "$pbkdf2-sha256$i=1,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
      "$pbkdf2-sha256$i=1,l=32$c2Fs_A$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "$pbkdf2-sha256$i=1,l=8$c2FsdA$AAAAAAAAAAA",
      "$pbkdf2-sha256$i=1,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$",
      "$PBKDF2-SHA256$i=1,l=32$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      // Argon2 variants the current hasher does not read
      "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
      "$argon2id$v=19$m=4194305,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
  })
  void malformedOrForeignStoredHashIsFalse(String stored) {
    assertThat(HASHER.verify("U*U", new PasswordHash(stored))).isFalse();
    assertThat(HASHER.verify("password", new PasswordHash(stored))).isFalse();
    assertThat(HASHER.needsRehash(new PasswordHash(stored))).isTrue();
  }

  @Test
  void nullStoredHashIsFalse() {
    assertThat(HASHER.verify("U*U", null)).isFalse();
  }

  @Test
  void hugeStoredHashesAreFalse() {
    assertThat(HASHER.verify("U*U", new PasswordHash(BCRYPT_U + "A".repeat(1_000_000)))).isFalse();
    assertThat(HASHER.verify("password",
        new PasswordHash(PBKDF2_PASSWORD + "A".repeat(1_000_000)))).isFalse();
  }

  @Test
  void controlsVerify() {
    assertThat(HASHER.verify("U*U", new PasswordHash(BCRYPT_U))).isTrue();
    assertThat(HASHER.verify("password", new PasswordHash(PBKDF2_PASSWORD))).isTrue();
  }

  @Test
  @DisplayName("S7: changing any one character of a valid bcrypt or PBKDF2 hash makes it fail")
  void anyOneCharacterChangedIsFalse() {
    Gen<Integer> replacement = integers().between(0x20, 0x7E);
    for (String[] valid : List.of(new String[] {BCRYPT_U, "U*U"},
        new String[] {PBKDF2_PASSWORD, "password"})) {
      String hash = valid[0];
      qt().forAll(integers().between(0, hash.length() - 1), replacement)
          .assuming((at, c) -> hash.charAt(at) != c)
          // bcrypt ignores the spare bits of the salt's last character, as OpenBSD does, and
          // 2a, 2b and 2y compute the same hash for passwords this short
          .assuming((at, c) -> !(hash.equals(BCRYPT_U) && at == 28))
          .assuming((at, c) -> !(hash.equals(BCRYPT_U) && at == 2 && "aby".indexOf(c) >= 0))
          .checkAssert((at, c) -> {
            String tampered = hash.substring(0, at) + (char) c.intValue() + hash.substring(at + 1);
            assertThat(HASHER.verify(valid[1], new PasswordHash(tampered))).isFalse();
          });
    }
  }

  @Test
  @DisplayName("S7/S34: bcrypt- and PBKDF2-shaped strings with arbitrary fields are false and never throw")
  void shapedStoredStringsAreFalse() {
    Gen<String> prefix = Generate.pick(List.of("$2a$", "$2b$", "$2y$", "$2x$", "$pbkdf2-sha1$",
        "$pbkdf2-sha256$", "$pbkdf2-sha512$", "$argon2id$v=19$"));
    Gen<String> body = strings().betweenCodePoints('$', 'z').ofLengthBetween(0, 80);
    Gen<String> cost = Generate.pick(List.of("04$", "05$", "i=1,l=16$", "i=2,l=20$", ""));

    qt().forAll(prefix, cost, body)
        .checkAssert((p, c, b) -> {
          PasswordHash stored = new PasswordHash(p + c + b);
          assertThat(HASHER.verify("U*U", stored)).isFalse();
          assertThat(HASHER.needsRehash(stored)).isTrue();
        });
  }

  @Test
  @DisplayName("S7/S34: arbitrary Unicode as a stored hash is false and never throws")
  void arbitraryStoredStringsAreFalse() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 120))
        .checkAssert(s -> assertThat(HASHER.verify("U*U", new PasswordHash(s))).isFalse());
  }
}
