package dev.latchkey.benchmarks;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.PasswordHash;
import java.nio.charset.StandardCharsets;
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

/**
 * Our Argon2id against the reference: one verification of the same PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$…}, made by {@link Argon2idHasher} at
 * {@code Argon2Parameters.owasp2025()}) by {@link Argon2idHasher#verify} — BouncyCastle's pure
 * Java Argon2 — and by {@code argon2id_verify} of the reference C implementation, Debian's
 * {@code libargon2.so.1} (package {@code libargon2-1}), called in-process through JNA. The
 * ratio {@code bouncyCastle / reference} is how far the Java hash is from the C one on this
 * machine: the floor under every sign-in figure.
 *
 * <p>JNA rather than the {@code argon2} command: a process per hash would add a fork and exec,
 * and a dynamic link, to every C figure, to be estimated and subtracted with its own noise; a
 * JNA call adds a few microseconds to a hash of tens of milliseconds. The setup checks that the
 * C library accepts the Java hash (the two agree on the bytes) before anything is timed. Set
 * {@code -Dlatchkey.libargon2=/path/to/libargon2.so.1} to use another build of the library.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HashingBenchmark {

  /** The part of libargon2's API used here ({@code argon2.h}); {@code size_t} as 64 bits. */
  public interface LibArgon2 extends Library {
    /** {@code ARGON2_OK}. */
    int OK = 0;

    int argon2id_verify(String encoded, byte[] pwd, long pwdlen);

    String argon2_error_message(int errorCode);
  }

  /** The stored hash, the Java hasher and the C library. */
  @State(Scope.Benchmark)
  public static class Hashes {
    Argon2idHasher hasher;
    PasswordHash stored;
    String encoded;
    byte[] password;
    LibArgon2 reference;

    @Setup(Level.Trial)
    public void load() {
      hasher = Fixture.productionHasher();
      stored = hasher.hash(Fixture.PASSWORD);
      encoded = stored.encoded();
      // The benchmark password is ASCII, so its UTF-8 is what the Java hasher hashes (NFKC
      // changes nothing).
      password = Fixture.PASSWORD.getBytes(StandardCharsets.UTF_8);
      reference = loadReference();
      int rc = reference.argon2id_verify(encoded, password, password.length);
      if (rc != LibArgon2.OK) {
        throw new IllegalStateException("libargon2 does not accept the Java hash: "
            + reference.argon2_error_message(rc));
      }
    }
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
    boolean ok = h.hasher.verify(Fixture.PASSWORD, h.stored);
    if (!ok) {
      throw new IllegalStateException("the Java hasher rejected its own hash");
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
