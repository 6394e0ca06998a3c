package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;

/**
 * Differential property: Latchkey's Argon2 engine and BouncyCastle's agree bit for bit on
 * Argon2d, Argon2i and Argon2id over random passwords, salts, secrets, associated data, tag
 * lengths (including the long H' path above 64 bytes), memory, passes and lanes. Memory stays
 * small so that a thousand cases take seconds.
 */
class Argon2DifferentialTest {

  private static final int EXAMPLES = 1_000;
  private static final Argon2Engine.Type[] TYPES = Argon2Engine.Type.values();

  @Test
  void scalarPathAgreesWithBouncyCastle() {
    agreesWithBouncyCastle(Argon2Engine.SCALAR);
  }

  /** Runs only in a JVM with the Vector API (the build's second test run); elsewhere it is absent. */
  @Test
  void vectorPathAgreesWithBouncyCastleWhenTheJvmHasTheModule() {
    Argon2Engine.Path vector = Argon2Engine.vectorModulePresent()
        ? Argon2Engine.loadVectorPath() : null;
    assertThat(vector != null).isEqualTo(Argon2Engine.vectorModulePresent());
    if (vector != null) {
      agreesWithBouncyCastle(vector);
    }
  }

  private static void agreesWithBouncyCastle(Argon2Engine.Path path) {
    Argon2Engine engine = new Argon2Engine(path, new BlockMemoryPool(1));
    qt().withExamples(EXAMPLES)
        .forAll(longs().all(), integers().between(1, 8), integers().between(0, 96),
            integers().between(1, 4))
        .checkAssert((seed, lanes, extraKiB, passes) -> {
          Random random = new Random(seed);
          Argon2Engine.Type type = TYPES[random.nextInt(TYPES.length)];
          byte[] password = bytes(random, random.nextInt(72));
          byte[] salt = bytes(random, 8 + random.nextInt(25));
          byte[] secret = random.nextBoolean() ? null : bytes(random, random.nextInt(33));
          byte[] ad = random.nextBoolean() ? null : bytes(random, random.nextInt(33));
          int memoryKiB = 8 * lanes + extraKiB;
          int tagLength = random.nextInt(4) == 0 ? 65 + random.nextInt(100) : 4 + random.nextInt(61);

          byte[] ours = engine.hash(
              type, password, salt, secret, ad, memoryKiB, passes, lanes, tagLength);

          assertThat(ours)
              .as("%s m=%d t=%d p=%d tag=%d", type, memoryKiB, passes, lanes, tagLength)
              .isEqualTo(bouncyCastle(
                  type, password, salt, secret, ad, memoryKiB, passes, lanes, tagLength));
        });
  }

  static byte[] bouncyCastle(Argon2Engine.Type type, byte[] password, byte[] salt, byte[] secret,
      byte[] ad, int memoryKiB, int passes, int lanes, int tagLength) {
    int bcType = switch (type) {
      case D -> org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_d;
      case I -> org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_i;
      case ID -> org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id;
    };
    org.bouncycastle.crypto.params.Argon2Parameters.Builder builder =
        new org.bouncycastle.crypto.params.Argon2Parameters.Builder(bcType)
            .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKiB)
            .withIterations(passes)
            .withParallelism(lanes)
            .withSalt(salt);
    if (secret != null) {
      builder.withSecret(secret);
    }
    if (ad != null) {
      builder.withAdditional(ad);
    }
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(builder.build());
    byte[] tag = new byte[tagLength];
    generator.generateBytes(password, tag);
    return tag;
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
