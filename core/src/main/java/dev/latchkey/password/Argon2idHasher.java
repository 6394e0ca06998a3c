package dev.latchkey.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PasswordHasher} writing Argon2id (RFC 9106, version 0x13) hashes in PHC string form:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>} with a 16-byte salt from the injected
 * {@link SecureRandom}, a 32-byte tag and standard base64 without padding — the format of the
 * reference {@code argon2} CLI, so hashes move between implementations (S5).
 *
 * <p>The password is normalised with {@link PasswordPolicy#normalise(CharSequence)} and encoded
 * as UTF-8 before hashing; an unpaired surrogate, which has no UTF-8 form, is encoded as its
 * three-byte generalised-UTF-8 sequence instead of being replaced, so distinct inputs never share
 * a hash. The optional pepper (S8) is Argon2's secret input: a server key held outside the
 * database, without which a stolen hash cannot even be attacked offline. Changing or dropping
 * the pepper makes every existing hash fail to verify; the PHC string does not record it.
 *
 * <p>{@link #verify} recomputes with the parameters recorded in the stored hash (within the
 * limits of {@link Argon2Parameters}) and compares tags with {@link MessageDigest#isEqual}.
 *
 * <p>{@link #create} computes with Latchkey's own Argon2 engine: block memory reused from a
 * pool sized for one hash per core and wiped after each hash, so a hash allocates a few
 * kilobytes instead of its memory cost; a Vector API path when the JVM is started with
 * {@code --add-modules jdk.incubator.vector}, else plain Java. The path is chosen at first use by
 * a self-test against the RFC 9106 vectors; a path that disagrees is never used (if none
 * passed, the hasher would compute with BouncyCastle and log an error). {@link #bouncyCastle}
 * builds the same hasher on BouncyCastle's Argon2 for hosts that prefer it; hashes from either
 * verify with the other.
 * Instances are immutable and thread-safe if the injected {@code SecureRandom} is, which every
 * JDK implementation is.
 */
public final class Argon2idHasher implements PasswordHasher {

  private static final Logger LOG = LoggerFactory.getLogger(Argon2idHasher.class);

  static final int SALT_BYTES = 16;
  static final int TAG_BYTES = 32;
  /** Below 128 bits a pepper adds little; refusing it catches a mis-wired key early. */
  private static final int MIN_PEPPER_BYTES = 16;

  /** Raw Argon2id: the one function {@link #hash} and {@link #verify} call. */
  @FunctionalInterface
  interface Argon2idFunction {
    byte[] compute(byte[] password, byte[] salt, byte @Nullable [] secret,
        byte @Nullable [] associatedData, Argon2Parameters parameters, int tagLength);
  }

  static final Argon2idFunction BOUNCY_CASTLE = Argon2idHasher::bouncyCastleArgon2id;

  private final Argon2Parameters parameters;
  private final SecureRandom random;
  private final byte @Nullable [] pepper;
  private final Argon2idFunction function;
  private final String engine;

  private Argon2idHasher(Argon2Parameters parameters, SecureRandom random, byte @Nullable [] pepper,
      boolean bouncyCastle) {
    this.parameters = parameters;
    this.random = random;
    this.pepper = pepper;
    if (bouncyCastle) {
      this.function = BOUNCY_CASTLE;
      this.engine = "bouncycastle";
    } else {
      Argon2Engine shared = DefaultEngine.ENGINE;
      this.function = shared == null ? BOUNCY_CASTLE : engineFunction(shared);
      this.engine = shared == null ? "bouncycastle" : shared.pathName();
    }
    if (!parameters.meetsOwaspFloor()) {
      LOG.warn("Argon2id parameters {} are below the OWASP floor (m=19456, t=2, p=1); "
          + "acceptable in tests only", parameters);
    }
  }

  /**
   * Creates a hasher without a pepper.
   *
   * @param params the cost of new hashes, normally {@link Argon2Parameters#owasp2025()}
   * @param random the source of salts
   * @return a new hasher
   * @throws NullPointerException if an argument is {@code null}
   */
  public static Argon2idHasher create(Argon2Parameters params, SecureRandom random) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(random, "random");
    return new Argon2idHasher(params, random, null, false);
  }

  /**
   * Creates a hasher like {@link #create(Argon2Parameters, SecureRandom)} that computes with
   * BouncyCastle's Argon2 instead of Latchkey's engine. It writes and verifies the same hashes;
   * each hash allocates its whole memory cost afresh.
   *
   * @param params the cost of new hashes, normally {@link Argon2Parameters#owasp2025()}
   * @param random the source of salts
   * @return a new hasher
   * @throws NullPointerException if an argument is {@code null}
   */
  public static Argon2idHasher bouncyCastle(Argon2Parameters params, SecureRandom random) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(random, "random");
    return new Argon2idHasher(params, random, null, true);
  }

  /**
   * Creates a peppered hasher like {@link #create(Argon2Parameters, SecureRandom, byte[])} that
   * computes with BouncyCastle's Argon2 instead of Latchkey's engine.
   *
   * @param params the cost of new hashes
   * @param random the source of salts
   * @param pepper the server secret, at least 16 bytes
   * @return a new hasher
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code pepper} is shorter than 16 bytes
   */
  public static Argon2idHasher bouncyCastle(
      Argon2Parameters params, SecureRandom random, byte[] pepper) {
    return new Argon2idHasher(params, random, checkedPepper(params, random, pepper), true);
  }

  /**
   * Creates a hasher whose hashes also depend on {@code pepper}, a server secret fed to Argon2 as
   * its secret input (S8). The array is copied; later changes to it have no effect.
   *
   * @param params the cost of new hashes, normally {@link Argon2Parameters#owasp2025()}
   * @param random the source of salts
   * @param pepper the server secret, at least 16 bytes; 32 random bytes are recommended
   * @return a new hasher
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code pepper} is shorter than 16 bytes
   */
  public static Argon2idHasher create(Argon2Parameters params, SecureRandom random, byte[] pepper) {
    return new Argon2idHasher(params, random, checkedPepper(params, random, pepper), false);
  }

  private static byte[] checkedPepper(Argon2Parameters params, SecureRandom random, byte[] pepper) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(pepper, "pepper");
    if (pepper.length < MIN_PEPPER_BYTES) {
      throw new IllegalArgumentException("pepper must be at least " + MIN_PEPPER_BYTES + " bytes");
    }
    return pepper.clone();
  }

  /**
   * Which Argon2 implementation this hasher computes with: {@code "vector"} or {@code "scalar"}
   * (Latchkey's engine and its path) or {@code "bouncycastle"}.
   *
   * @return the engine's name
   */
  public String engine() {
    return engine;
  }

  /**
   * The parameters new hashes are written with.
   *
   * @return the parameters given to {@link #create}
   */
  public Argon2Parameters parameters() {
    return parameters;
  }

  @Override
  public PasswordHash hash(CharSequence password) {
    Objects.requireNonNull(password, "password");
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] passwordBytes = passwordBytes(password);
    try {
      byte[] tag = function.compute(passwordBytes, salt, pepper, null, parameters, TAG_BYTES);
      return new PasswordHash(PhcArgon2id.format(parameters, salt, tag));
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
    }
  }

  @Override
  public boolean verify(CharSequence password, @Nullable PasswordHash stored) {
    Objects.requireNonNull(password, "password");
    if (stored == null) {
      return false;
    }
    PhcArgon2id parsed = PhcArgon2id.parse(stored.encoded());
    if (parsed == null) {
      return false;
    }
    byte[] expected = parsed.tag();
    byte[] passwordBytes = passwordBytes(password);
    try {
      byte[] actual = function.compute(
          passwordBytes, parsed.salt(), pepper, null, parsed.parameters(), expected.length);
      return MessageDigest.isEqual(actual, expected);
    } catch (RuntimeException e) {
      // The parser admits only values Argon2 accepts; if the library still refuses, fail closed.
      return false;
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
    }
  }

  @Override
  public boolean needsRehash(@Nullable PasswordHash stored) {
    if (stored == null) {
      return true;
    }
    PhcArgon2id parsed = PhcArgon2id.parse(stored.encoded());
    return parsed == null
        || !parsed.parameters().equals(parameters)
        || parsed.saltLength() != SALT_BYTES
        || parsed.tagLength() != TAG_BYTES;
  }

  /** Masks the pepper; shows only what is also written into every hash. */
  @Override
  public String toString() {
    return "Argon2idHasher[" + parameters + (pepper == null ? "" : ", pepper=***") + "]";
  }

  /** The process-wide engine, or {@code null} if no path passed its self-test. */
  private static final class DefaultEngine {
    static final @Nullable Argon2Engine ENGINE = load();

    private static @Nullable Argon2Engine load() {
      try {
        return Argon2Engine.shared();
      } catch (IllegalStateException e) {
        LOG.error("Latchkey's Argon2 engine failed its self-test on this JVM; "
            + "computing Argon2id with BouncyCastle instead");
        return null;
      }
    }
  }

  private static Argon2idFunction engineFunction(Argon2Engine engine) {
    return (password, salt, secret, associatedData, parameters, tagLength) -> engine.hash(
        Argon2Engine.Type.ID, password, salt, secret, associatedData, parameters.memoryKiB(),
        parameters.iterations(), parameters.parallelism(), tagLength);
  }

  /**
   * Raw Argon2id, version 0x13, computed the way {@link #create} hashers compute it: the
   * function the RFC 9106 known-answer test and the calibration exercise. Does not modify or
   * keep its arguments.
   */
  static byte[] argon2id(
      byte[] password,
      byte[] salt,
      byte @Nullable [] secret,
      byte @Nullable [] associatedData,
      Argon2Parameters parameters,
      int tagLength) {
    Argon2Engine shared = DefaultEngine.ENGINE;
    return shared == null
        ? bouncyCastleArgon2id(password, salt, secret, associatedData, parameters, tagLength)
        : engineFunction(shared).compute(
            password, salt, secret, associatedData, parameters, tagLength);
  }

  /** BouncyCastle's Argon2id, version 0x13. Does not modify or keep its arguments. */
  static byte[] bouncyCastleArgon2id(
      byte[] password,
      byte[] salt,
      byte @Nullable [] secret,
      byte @Nullable [] associatedData,
      Argon2Parameters parameters,
      int tagLength) {
    org.bouncycastle.crypto.params.Argon2Parameters.Builder builder =
        new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
            .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(parameters.memoryKiB())
            .withIterations(parameters.iterations())
            .withParallelism(parameters.parallelism())
            .withSalt(salt);
    if (secret != null) {
      builder.withSecret(secret);
    }
    if (associatedData != null) {
      builder.withAdditional(associatedData);
    }
    org.bouncycastle.crypto.params.Argon2Parameters bcParameters = builder.build();
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(bcParameters);
      byte[] tag = new byte[tagLength];
      generator.generateBytes(password, tag);
      return tag;
    } finally {
      // BouncyCastle keeps its own copies of salt and secret (the pepper); wipe them.
      bcParameters.clear();
    }
  }

  /**
   * UTF-8 of NFKC(password) in one exactly-sized array the caller can wipe. Unpaired surrogates
   * get their generalised-UTF-8 (WTF-8) form rather than the '?' that {@code String.getBytes}
   * would substitute, keeping the encoding injective.
   */
  static byte[] passwordBytes(CharSequence password) {
    String normalised = PasswordPolicy.normalise(password);
    int size = 0;
    for (int i = 0; i < normalised.length(); ) {
      int codePoint = normalised.codePointAt(i);
      size += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      i += Character.charCount(codePoint);
    }
    byte[] out = new byte[size];
    int at = 0;
    for (int i = 0; i < normalised.length(); ) {
      int cp = normalised.codePointAt(i);
      if (cp < 0x80) {
        out[at++] = (byte) cp;
      } else if (cp < 0x800) {
        out[at++] = (byte) (0xC0 | (cp >> 6));
        out[at++] = (byte) (0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out[at++] = (byte) (0xE0 | (cp >> 12));
        out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        out[at++] = (byte) (0xF0 | (cp >> 18));
        out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (cp & 0x3F));
      }
      i += Character.charCount(cp);
    }
    return out;
  }
}
