package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Argon2idHasherTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final Argon2Parameters CHEAP = Argon2Parameters.insecureForTestsOnly();

  private final Argon2idHasher hasher = Argon2idHasher.create(CHEAP, new SecureRandom());

  @Test
  void hashThenVerifySamePasswordIsTrue() {
    PasswordHash stored = hasher.hash(PASSWORD);

    assertThat(hasher.verify(PASSWORD, stored)).isTrue();
  }

  @Test
  @DisplayName("S5: an owasp2025 hash is a PHC string with m=19456,t=2,p=1 and verifies")
  void owasp2025HashRoundTripsInPhcFormat() {
    Argon2idHasher production = Argon2idHasher.create(Argon2Parameters.owasp2025(), new SecureRandom());

    PasswordHash stored = production.hash(PASSWORD);

    assertThat(stored.encoded())
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(production.verify(PASSWORD, stored)).isTrue();
    assertThat(production.needsRehash(stored)).isFalse();
  }

  @Test
  void hashUsesSixteenSaltBytesFromInjectedRandom() {
    Argon2idHasher fixed = Argon2idHasher.create(CHEAP, new FixedSecureRandom(0x02));

    PasswordHash stored = fixed.hash(PASSWORD);

    // 16 bytes of 0x02 in unpadded base64.
    assertThat(stored.encoded()).startsWith("$argon2id$v=19$m=8,t=1,p=1$AgICAgICAgICAgICAgICAg$");
  }

  @Test
  void hashIsArgon2idOfUtf8NfkcWithThirtyTwoByteTag() {
    Argon2idHasher fixed = Argon2idHasher.create(CHEAP, new FixedSecureRandom(0x07));
    byte[] salt = new byte[16];
    Arrays.fill(salt, (byte) 0x07);
    byte[] tag = Argon2idHasher.argon2id(
        "fine caf\u00e9".getBytes(StandardCharsets.UTF_8), salt, null, null, CHEAP, 32);

    assertThat(fixed.hash("ﬁne cafe\u0301").encoded()).isEqualTo(PhcArgon2id.format(CHEAP, salt, tag));
  }

  @Test
  void twoHashesOfSamePasswordDifferBySalt() {
    assertThat(hasher.hash(PASSWORD)).isNotEqualTo(hasher.hash(PASSWORD));
  }

  @Test
  void verifyWrongPasswordIsFalse() {
    PasswordHash stored = hasher.hash(PASSWORD);

    assertThat(hasher.verify("correct horse battery stapler", stored)).isFalse();
  }

  @Test
  @DisplayName("S4: é set precomposed verifies decomposed")
  void precomposedSetVerifiesDecomposed() {
    PasswordHash stored = hasher.hash("caf\u00e9 au lait, s'il vous pla\u00eet");

    assertThat(hasher.verify("cafe\u0301 au lait, s'il vous plai\u0302t", stored)).isTrue();
  }

  @Test
  @DisplayName("S4: é set decomposed verifies precomposed")
  void decomposedSetVerifiesPrecomposed() {
    PasswordHash stored = hasher.hash("cafe\u0301 au lait, s'il vous plai\u0302t");

    assertThat(hasher.verify("caf\u00e9 au lait, s'il vous pla\u00eet", stored)).isTrue();
  }

  @Test
  @DisplayName("S4: NFKC, not just NFC — full-width letters verify as ASCII")
  void fullWidthFormVerifiesAsAscii() {
    PasswordHash stored = hasher.hash("ｐａｓｓｗｏｒｄ for my kids");

    assertThat(hasher.verify("password for my kids", stored)).isTrue();
  }

  @Test
  @DisplayName("S4: a case change does not verify")
  void caseChangeDoesNotVerify() {
    PasswordHash stored = hasher.hash("Café au lait, s'il vous plaît");

    assertThat(hasher.verify("café au lait, s'il vous plaît", stored)).isFalse();
  }

  @Test
  void emojiPasswordRoundTrips() {
    String emoji = "🐈🐈‍⬛🦊🦉🐢🐙🦀🐝🦋🌵🌻🍄🌈⛄🔥";
    PasswordHash stored = hasher.hash(emoji);

    assertThat(hasher.verify(emoji, stored)).isTrue();
    assertThat(hasher.verify(emoji.substring(2), stored)).isFalse();
  }

  @Test
  void unpairedSurrogatesHashDistinctlyInsteadOfAsQuestionMark() {
    PasswordHash stored = hasher.hash("key \uD800 lock");

    assertThat(hasher.verify("key \uD800 lock", stored)).isTrue();
    assertThat(hasher.verify("key ? lock", stored)).isFalse();
    assertThat(hasher.verify("key \uDC00 lock", stored)).isFalse();
  }

  @Test
  void passwordBytesAreStandardUtf8ForWellFormedText() {
    String text = "pässwörd 🔑 ﬁ";

    assertThat(Argon2idHasher.passwordBytes(text))
        .isEqualTo(PasswordPolicy.normalise(text).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void needsRehashFalseForHashWithCurrentParameters() {
    assertThat(hasher.needsRehash(hasher.hash(PASSWORD))).isFalse();
  }

  @Test
  void needsRehashTrueForHashWithOtherParameters() {
    Argon2idHasher older = Argon2idHasher.create(new Argon2Parameters(32, 1, 1), new SecureRandom());

    assertThat(hasher.needsRehash(older.hash(PASSWORD))).isTrue();
  }

  @Test
  void needsRehashTrueForHashFromCheaperPresetUnderOwasp2025() {
    Argon2idHasher production = Argon2idHasher.create(Argon2Parameters.owasp2025(), new SecureRandom());

    assertThat(production.needsRehash(hasher.hash(PASSWORD))).isTrue();
  }

  @Test
  void needsRehashTrueForForeignSaltOrTagLength() {
    // Reference vector: 8-byte salt, m=256 — readable, but not what we write today.
    PasswordHash reference = new PasswordHash(
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4");
    Argon2idHasher sameCost = Argon2idHasher.create(new Argon2Parameters(256, 2, 1), new SecureRandom());

    assertThat(sameCost.needsRehash(reference)).isTrue();
  }

  @Test
  void needsRehashTrueForNullMalformedAndOtherSchemes() {
    assertThat(hasher.needsRehash(null)).isTrue();
    assertThat(hasher.needsRehash(new PasswordHash(""))).isTrue();
    assertThat(hasher.needsRehash(new PasswordHash("$2b$12$abcdefghijklmnopqrstuu"))).isTrue();
  }

  @Test
  @DisplayName("S8: a hash made with a pepper does not verify without it")
  void pepperedHashFailsWithoutPepper() {
    Argon2idHasher peppered = Argon2idHasher.create(CHEAP, new SecureRandom(), pepper(0x5A));

    PasswordHash stored = peppered.hash(PASSWORD);

    assertThat(peppered.verify(PASSWORD, stored)).isTrue();
    assertThat(hasher.verify(PASSWORD, stored)).isFalse();
  }

  @Test
  void pepperedHashFailsWithDifferentPepper() {
    PasswordHash stored =
        Argon2idHasher.create(CHEAP, new SecureRandom(), pepper(0x5A)).hash(PASSWORD);

    assertThat(Argon2idHasher.create(CHEAP, new SecureRandom(), pepper(0x5B)).verify(PASSWORD, stored))
        .isFalse();
  }

  @Test
  void pepperIsArgon2SecretInput() {
    byte[] pepper = pepper(0x11);
    byte[] salt = new byte[16];
    Arrays.fill(salt, (byte) 0x03);
    byte[] tag = Argon2idHasher.argon2id(
        PASSWORD.getBytes(StandardCharsets.UTF_8), salt, pepper, null, CHEAP, 32);

    PasswordHash stored =
        Argon2idHasher.create(CHEAP, new FixedSecureRandom(0x03), pepper).hash(PASSWORD);

    assertThat(stored.encoded()).isEqualTo(PhcArgon2id.format(CHEAP, salt, tag));
  }

  @Test
  void pepperArrayIsCopiedAtCreation() {
    byte[] pepper = pepper(0x21);
    Argon2idHasher peppered = Argon2idHasher.create(CHEAP, new SecureRandom(), pepper);
    PasswordHash stored = peppered.hash(PASSWORD);

    Arrays.fill(pepper, (byte) 0);

    assertThat(peppered.verify(PASSWORD, stored)).isTrue();
  }

  @Test
  void createRejectsShortPepperWithoutShowingIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Argon2idHasher.create(CHEAP, new SecureRandom(), new byte[] {1, 2, 3}))
        .withMessage("pepper must be at least 16 bytes");
  }

  @Test
  void createRejectsNullArgumentsByName() {
    SecureRandom random = new SecureRandom();
    assertThatNullPointerException().isThrownBy(() -> Argon2idHasher.create(null, random))
        .withMessage("params");
    assertThatNullPointerException().isThrownBy(() -> Argon2idHasher.create(CHEAP, null))
        .withMessage("random");
    assertThatNullPointerException().isThrownBy(() -> Argon2idHasher.create(CHEAP, random, null))
        .withMessage("pepper");
  }

  @Test
  void hashNullPasswordThrowsNamingParameterOnly() {
    assertThatNullPointerException().isThrownBy(() -> hasher.hash(null)).withMessage("password");
  }

  @Test
  void verifyNullPasswordThrowsNamingParameterOnly() {
    PasswordHash stored = hasher.hash(PASSWORD);

    assertThatNullPointerException().isThrownBy(() -> hasher.verify(null, stored))
        .withMessage("password");
  }

  @Test
  void parametersReturnsCreationParameters() {
    assertThat(hasher.parameters()).isEqualTo(CHEAP);
  }

  @Test
  @DisplayName("S32: toString shows parameters, never the pepper")
  void toStringMasksPepper() {
    Argon2idHasher peppered = Argon2idHasher.create(CHEAP, new SecureRandom(), pepper(0x41));

    assertThat(peppered.toString()).isEqualTo(
        "Argon2idHasher[Argon2Parameters[memoryKiB=8, iterations=1, parallelism=1], pepper=***]");
  }

  @Test
  void concurrentHashAndVerifyOnSharedInstanceAgree() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          boolean allGood = true;
          for (int i = 0; i < 25; i++) {
            String password = PASSWORD + " " + thread + "/" + i;
            PasswordHash stored = hasher.hash(password);
            allGood &= hasher.verify(password, stored) && !hasher.verify(password + "!", stored);
          }
          return allGood;
        }));
      }
      start.countDown();
      for (Future<Boolean> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] pepper(int value) {
    byte[] pepper = new byte[32];
    Arrays.fill(pepper, (byte) value);
    return pepper;
  }
}
