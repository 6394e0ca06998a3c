package dev.latchkey.benchmarks;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Argon2id implementations side by side: one verification of the same PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$…}, made at {@code Argon2Parameters.owasp2025()}) by
 * <ul>
 *   <li>{@code bouncyCastle}: {@link Argon2idHasher#bouncyCastle} — BouncyCastle's pure Java
 *       Argon2, a fresh 19 MiB block array per hash;
 *   <li>{@code scalar}: {@link Argon2idHasher#create} in a JVM without the Vector API —
 *       Latchkey's engine, plain Java, pooled block memory;
 *   <li>{@code vector}: the same hasher in a JVM started with
 *       {@code --add-modules jdk.incubator.vector} (this benchmark's own fork adds it) —
 *       Latchkey's engine on the Vector API;
 *   <li>{@code reference}: {@code argon2id_verify} of the reference C implementation, Debian's
 *       {@code libargon2.so.1} (package {@code libargon2-1}), called in-process through JNA.
 * </ul>
 * Run with {@code -prof gc} for the garbage per hash of each ({@code gc.alloc.rate.norm}).
 *
 * <p>JNA rather than the {@code argon2} command: a process per hash would add a fork and exec,
 * and a dynamic link, to every C figure, to be estimated and subtracted with its own noise; a
 * JNA call adds a few microseconds to a hash of tens of milliseconds. The setup checks, before
 * anything is timed, that each hasher computes with the engine its benchmark is named after
 * (without a fork, as in the CI smoke run, {@code vector} runs whichever path the JVM offers),
 * and that the C library accepts hashes from Latchkey's engine: the benchmark's own and
 * {@value #DIFFERENTIAL_CASES} more over random passwords, memory, passes and lanes. Set
 * {@code -Dlatchkey.libargon2=/path/to/libargon2.so.1} to use another build of the library.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HashingBenchmark {

  /** Random hashes from Latchkey's engine libargon2 must accept before anything is timed. */
  static final int DIFFERENTIAL_CASES = 200;

  /** The part of libargon2's API used here ({@code argon2.h}); {@code size_t} as 64 bits. */
  public interface LibArgon2 extends Library {
    /** {@code ARGON2_OK}. */
    int OK = 0;
    /** {@code ARGON2_VERIFY_MISMATCH}. */
    int VERIFY_MISMATCH = -35;

    int argon2id_verify(String encoded, byte[] pwd, long pwdlen);

    String argon2_error_message(int errorCode);
  }

  /** The stored hash, the hashers and the C library. */
  @State(Scope.Benchmark)
  public static class Hashes {
    Argon2idHasher latchkey;
    Argon2idHasher bouncyCastle;
    PasswordHash stored;
    String encoded;
    byte[] password;
    LibArgon2 reference;

    @Setup(Level.Trial)
    public void load(BenchmarkParams params) {
      latchkey = Fixture.productionHasher();
      bouncyCastle = Argon2idHasher.bouncyCastle(Argon2Parameters.owasp2025(), new SecureRandom());
      requireEngine(bouncyCastle, "bouncycastle");
      String benchmark = params.getBenchmark();
      String engine = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      if (params.getForks() > 0 && (engine.equals("scalar") || engine.equals("vector"))) {
        requireEngine(latchkey, engine);
      } else {
        requireEngine(latchkey, vectorModulePresent() ? "vector" : "scalar");
      }
      stored = latchkey.hash(Fixture.PASSWORD);
      encoded = stored.encoded();
      if (!bouncyCastle.verify(Fixture.PASSWORD, stored)) {
        throw new IllegalStateException("BouncyCastle does not accept Latchkey's hash");
      }
      // The benchmark password is ASCII, so its UTF-8 is what the Java hasher hashes (NFKC
      // changes nothing).
      password = Fixture.PASSWORD.getBytes(StandardCharsets.UTF_8);
      reference = loadReference();
      int rc = reference.argon2id_verify(encoded, password, password.length);
      if (rc != LibArgon2.OK) {
        throw new IllegalStateException("libargon2 does not accept the Java hash: "
            + reference.argon2_error_message(rc));
      }
      differential(reference, new Random(0x5EED));
    }
  }

  /**
   * libargon2 accepts {@value #DIFFERENTIAL_CASES} hashes from Latchkey's engine over random
   * ASCII passwords, memory (8p to 8p + 256 KiB), passes (1-3) and lanes (1-4), and refuses each
   * with its last password character changed.
   */
  static void differential(LibArgon2 reference, Random random) {
    SecureRandom salts = new SecureRandom();
    for (int i = 0; i < DIFFERENTIAL_CASES; i++) {
      int lanes = 1 + random.nextInt(4);
      Argon2Parameters parameters = new Argon2Parameters(
          8 * lanes + random.nextInt(257), 1 + random.nextInt(3), lanes);
      char[] chars = new char[1 + random.nextInt(40)];
      for (int c = 0; c < chars.length; c++) {
        chars[c] = (char) (0x21 + random.nextInt(0x5E));
      }
      String candidate = new String(chars);
      String hash = Argon2idHasher.create(parameters, salts).hash(candidate).encoded();
      byte[] right = candidate.getBytes(StandardCharsets.US_ASCII);
      byte[] wrong = right.clone();
      wrong[wrong.length - 1] ^= 0x01;
      int accepted = reference.argon2id_verify(hash, right, right.length);
      int refused = reference.argon2id_verify(hash, wrong, wrong.length);
      if (accepted != LibArgon2.OK || refused != LibArgon2.VERIFY_MISMATCH) {
        throw new IllegalStateException("libargon2 disagrees with Latchkey's engine at "
            + parameters + ": " + reference.argon2_error_message(accepted) + " / "
            + reference.argon2_error_message(refused));
      }
    }
  }

  /** Fails the trial unless {@code hasher} computes with {@code engine}. */
  static void requireEngine(Argon2idHasher hasher, String engine) {
    if (!hasher.engine().equals(engine)) {
      throw new IllegalStateException(
          "expected the " + engine + " engine, got " + hasher.engine());
    }
  }

  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /**
   * {@code libargon2.so.1} through the dynamic linker (no development symlink needed), or the
   * file {@code -Dlatchkey.libargon2} names.
   */
  static LibArgon2 loadReference() {
    String library = System.getProperty("latchkey.libargon2", "libargon2.so.1");
    try {
      return Native.load(library, LibArgon2.class);
    } catch (UnsatisfiedLinkError e) {
      throw new IllegalStateException("cannot load the reference Argon2 library " + library
          + ": install Debian's libargon2-1 (apt-get install libargon2-1), or name the file "
          + "with -Dlatchkey.libargon2=/path/to/libargon2.so.1", e);
    }
  }

  @Benchmark
  public boolean bouncyCastle(Hashes h) {
    return verified(h.bouncyCastle, h);
  }

  /** Latchkey's engine, plain Java: this fork has no Vector API. */
  @Benchmark
  public boolean scalar(Hashes h) {
    return verified(h.latchkey, h);
  }

  /** Latchkey's engine on the Vector API: this benchmark's fork adds the incubator module. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
  public boolean vector(Hashes h) {
    return verified(h.latchkey, h);
  }

  private static boolean verified(Argon2idHasher hasher, Hashes h) {
    boolean ok = hasher.verify(Fixture.PASSWORD, h.stored);
    if (!ok) {
      throw new IllegalStateException("a Java hasher rejected the benchmark's hash");
    }
    return ok;
  }

  @Benchmark
  public int reference(Hashes h) {
    int rc = h.reference.argon2id_verify(h.encoded, h.password, h.password.length);
    if (rc != LibArgon2.OK) {
      throw new IllegalStateException("libargon2 rejected the hash: "
          + h.reference.argon2_error_message(rc));
    }
    return rc;
  }
}
