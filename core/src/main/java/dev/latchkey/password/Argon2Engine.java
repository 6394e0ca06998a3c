package dev.latchkey.password;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latchkey's own Argon2 (RFC 9106, version 0x13): Argon2id for new hashes, Argon2i and Argon2d
 * for hashes imported from elsewhere. Lanes are computed one after another on the calling
 * thread (a server runs one hash per core, so lanes in parallel would only contend).
 *
 * <p>Block memory comes from a {@link BlockMemoryPool} and goes back to it wiped, so a hash
 * allocates only its tag and a few small arrays, not its memory cost. The compression function
 * G is pluggable ({@link Path}): the plain-Java {@link ScalarCompressor} everywhere, and a
 * Vector API one when the host starts the JVM with {@code --add-modules jdk.incubator.vector}.
 * {@link #shared()} picks the path by running the RFC 9106 test vectors through each candidate
 * and refuses any that disagrees. Thread-safe.
 */
final class Argon2Engine {

  private static final Logger LOG = LoggerFactory.getLogger(Argon2Engine.class);

  static final int BLOCK_WORDS = 128;
  static final int BLOCK_BYTES = 1024;
  private static final int VERSION = 0x13;
  private static final int SYNC_POINTS = 4;
  private static final int H0_BYTES = 64;
  static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final String VECTOR_PATH_CLASS = "dev.latchkey.password.VectorCompressorPath";

  /** The three Argon2 variants and their type codes y. */
  enum Type {
    D(0), I(1), ID(2);

    final int code;

    Type(int code) {
      this.code = code;
    }
  }

  /** The compression function G(X, Y) into {@code out}, XORed into it if {@code xorInto}. */
  interface Compressor {
    void compress(
        long[] x, int xOffset, long[] y, int yOffset, long[] out, int outOffset, boolean xorInto);

    /** Clears scratch state that held block contents. */
    void wipe();
  }

  /** One way of computing G; each hash in flight gets its own {@link Compressor}. */
  interface Path {
    String name();

    Compressor newCompressor();
  }

  static final Path SCALAR = new Path() {
    @Override
    public String name() {
      return "scalar";
    }

    @Override
    public Compressor newCompressor() {
      return new ScalarCompressor();
    }
  };

  private final Path path;
  private final BlockMemoryPool pool;

  Argon2Engine(Path path, BlockMemoryPool pool) {
    this.path = Objects.requireNonNull(path, "path");
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** The name of the path this engine computes G with: "scalar" or "vector". */
  String pathName() {
    return path.name();
  }

  BlockMemoryPool pool() {
    return pool;
  }

  private static final class Holder {
    static final Argon2Engine SHARED = select(candidatePaths(), BlockMemoryPool.perCore());
  }

  /**
   * The process-wide engine: the Vector API path if the JVM has the incubator module and that
   * path passes the self-test, else the scalar path. Chosen once, at first use.
   *
   * @throws IllegalStateException if no path computes the RFC 9106 vectors correctly
   */
  static Argon2Engine shared() {
    return Holder.SHARED;
  }

  /** True if the JVM was started with {@code --add-modules jdk.incubator.vector}. */
  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /** The paths this JVM can run, fastest first; loading the vector path never links it otherwise. */
  static List<Path> candidatePaths() {
    List<Path> paths = new ArrayList<>(2);
    if (vectorModulePresent()) {
      Path vector = loadVectorPath();
      if (vector != null) {
        paths.add(vector);
      }
    }
    paths.add(SCALAR);
    return paths;
  }

  /** The Vector API path, or {@code null} if it cannot be loaded in this JVM. */
  static @Nullable Path loadVectorPath() {
    try {
      return (Path) Class.forName(VECTOR_PATH_CLASS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.warn("Argon2 vector path unavailable ({}); using the scalar path", e.toString());
      return null;
    }
  }

  /**
   * The first of {@code candidates} that passes {@link #selfTest}, logging every refusal.
   *
   * @throws IllegalStateException if none does
   */
  static Argon2Engine select(List<Path> candidates, BlockMemoryPool pool) {
    for (Path candidate : candidates) {
      Argon2Engine engine = new Argon2Engine(candidate, pool);
      String failure = engine.selfTest();
      if (failure == null) {
        LOG.info("Argon2 engine: {} path", candidate.name());
        return engine;
      }
      LOG.error("Argon2 {} path refused: {}", candidate.name(), failure);
    }
    throw new IllegalStateException("no Argon2 path passed the RFC 9106 self-test");
  }

  /**
   * Runs the RFC 9106 §5 test vectors (Argon2d, Argon2i, Argon2id: m=32, t=3, p=4, with secret
   * and associated data) and the reference implementation's m=256, t=2, p=1 Argon2id vector.
   *
   * @return {@code null} if every tag matches, else which vector failed
   */
  @Nullable String selfTest() {
    byte[] password = filled(32, 0x01);
    byte[] salt = filled(16, 0x02);
    byte[] secret = filled(8, 0x03);
    byte[] ad = filled(12, 0x04);
    String[][] rfc = {
      {"D", "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"},
      {"I", "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"},
      {"ID", "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"},
    };
    try {
      for (String[] vector : rfc) {
        Type type = Type.valueOf(vector[0]);
        byte[] tag = hash(type, password, salt, secret, ad, 32, 3, 4, 32);
        if (!HexFormat.of().formatHex(tag).equals(vector[1])) {
          return "RFC 9106 Argon2" + type.name().toLowerCase(java.util.Locale.ROOT) + " vector";
        }
      }
      byte[] tag = hash(Type.ID, "password".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          "somesalt".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null, null,
          256, 2, 1, 32);
      if (!HexFormat.of().formatHex(tag)
          .equals("9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe")) {
        return "reference Argon2id m=256,t=2,p=1 vector";
      }
      return null;
    } catch (RuntimeException | LinkageError e) {
      return "threw " + e.getClass().getName();
    }
  }

  /**
   * Computes an Argon2 tag. Arguments are not modified or kept. The caller has checked the
   * parameters against {@link Argon2Parameters}' limits; this method checks only what it needs.
   *
   * @throws IllegalArgumentException if a parameter is outside what RFC 9106 allows
   */
  byte[] hash(Type type, byte[] password, byte[] salt, byte @Nullable [] secret,
      byte @Nullable [] associatedData, int memoryKiB, int iterations, int parallelism,
      int tagLength) {
    Objects.requireNonNull(type, "type");
    if (parallelism < 1 || parallelism > 0xFFFFFF || iterations < 1 || tagLength < 4
        || memoryKiB < 8 * parallelism || salt.length < 8) {
      throw new IllegalArgumentException("Argon2 parameters outside RFC 9106");
    }
    int segmentLength = memoryKiB / (SYNC_POINTS * parallelism);
    int laneLength = segmentLength * SYNC_POINTS;
    int blocks = laneLength * parallelism;
    BlockMemoryPool.Workspace ws = pool.borrow(blocks, path);
    try {
      long[] memory = ws.memory;
      Blake2b blake = ws.blake;
      byte[] h0 = ws.h0;
      blake.reset(H0_BYTES)
          .updateInt(parallelism).updateInt(tagLength).updateInt(memoryKiB).updateInt(iterations)
          .updateInt(VERSION).updateInt(type.code)
          .updateInt(password.length).update(password)
          .updateInt(salt.length).update(salt);
      if (secret == null) {
        blake.updateInt(0);
      } else {
        blake.updateInt(secret.length).update(secret);
      }
      if (associatedData == null) {
        blake.updateInt(0);
      } else {
        blake.updateInt(associatedData.length).update(associatedData);
      }
      blake.digest(h0, 0);
      for (int lane = 0; lane < parallelism; lane++) {
        for (int i = 0; i < 2; i++) {
          putInt(h0, H0_BYTES, i);
          putInt(h0, H0_BYTES + 4, lane);
          hPrime(ws, h0, H0_BYTES + 8, BLOCK_BYTES, ws.blockBytes, 0);
          toWords(ws.blockBytes, memory, (lane * laneLength + i) * BLOCK_WORDS);
        }
      }
      for (int pass = 0; pass < iterations; pass++) {
        for (int slice = 0; slice < SYNC_POINTS; slice++) {
          for (int lane = 0; lane < parallelism; lane++) {
            fillSegment(ws, type, blocks, iterations, parallelism, laneLength, segmentLength,
                pass, slice, lane);
          }
        }
      }
      long[] last = ws.address;
      System.arraycopy(memory, (laneLength - 1) * BLOCK_WORDS, last, 0, BLOCK_WORDS);
      for (int lane = 1; lane < parallelism; lane++) {
        int at = (lane * laneLength + laneLength - 1) * BLOCK_WORDS;
        for (int i = 0; i < BLOCK_WORDS; i++) {
          last[i] ^= memory[at + i];
        }
      }
      toBytes(last, ws.blockBytes);
      byte[] tag = new byte[tagLength];
      hPrime(ws, ws.blockBytes, BLOCK_BYTES, tagLength, tag, 0);
      return tag;
    } finally {
      pool.release(ws, blocks);
    }
  }

  private static void fillSegment(BlockMemoryPool.Workspace ws, Type type, int blocks,
      int iterations, int parallelism, int laneLength, int segmentLength, int pass, int slice,
      int lane) {
    long[] memory = ws.memory;
    Compressor g = ws.compressor;
    boolean independent = type == Type.I || (type == Type.ID && pass == 0 && slice < 2);
    long[] address = ws.address;
    long[] input = ws.input;
    long[] zero = ws.zero;
    int start = 0;
    if (independent) {
      Arrays.fill(input, 0L);
      input[0] = pass;
      input[1] = lane;
      input[2] = slice;
      input[3] = blocks;
      input[4] = iterations;
      input[5] = type.code;
    }
    if (pass == 0 && slice == 0) {
      start = 2;
      if (independent) {
        nextAddresses(g, zero, input, address);
      }
    }
    int laneStart = lane * laneLength;
    int current = laneStart + slice * segmentLength + start;
    int previous = (current % laneLength == 0) ? current + laneLength - 1 : current - 1;
    for (int index = start; index < segmentLength; index++, current++, previous++) {
      if (current % laneLength == 1) {
        previous = current - 1;
      }
      long pseudoRandom;
      if (independent) {
        if (index % BLOCK_WORDS == 0) {
          nextAddresses(g, zero, input, address);
        }
        pseudoRandom = address[index % BLOCK_WORDS];
      } else {
        pseudoRandom = memory[previous * BLOCK_WORDS];
      }
      int referenceLane = (int) ((pseudoRandom >>> 32) % parallelism);
      if (pass == 0 && slice == 0) {
        referenceLane = lane;
      }
      boolean sameLane = referenceLane == lane;
      long area;
      if (pass == 0) {
        if (slice == 0) {
          area = index - 1;
        } else if (sameLane) {
          area = (long) slice * segmentLength + index - 1;
        } else {
          area = (long) slice * segmentLength + (index == 0 ? -1 : 0);
        }
      } else if (sameLane) {
        area = laneLength - segmentLength + index - 1;
      } else {
        area = laneLength - segmentLength + (index == 0 ? -1 : 0);
      }
      long j1 = pseudoRandom & 0xFFFFFFFFL;
      long x = (j1 * j1) >>> 32;
      long relative = area - 1 - ((area * x) >>> 32);
      long startPosition = (pass != 0 && slice != SYNC_POINTS - 1)
          ? (long) (slice + 1) * segmentLength : 0;
      int referenceIndex = (int) ((startPosition + relative) % laneLength);
      int reference = referenceLane * laneLength + referenceIndex;
      g.compress(memory, previous * BLOCK_WORDS, memory, reference * BLOCK_WORDS,
          memory, current * BLOCK_WORDS, pass != 0);
    }
  }

  private static void nextAddresses(Compressor g, long[] zero, long[] input, long[] address) {
    input[6]++;
    g.compress(zero, 0, input, 0, address, 0, false);
    g.compress(zero, 0, address, 0, address, 0, false);
  }

  /** H' (RFC 9106 §3.3): the variable-length hash of {@code in[0 .. inLength)}. */
  private static void hPrime(BlockMemoryPool.Workspace ws, byte[] in, int inLength,
      int outLength, byte[] out, int outOffset) {
    Blake2b blake = ws.blake;
    if (outLength <= Blake2b.MAX_DIGEST_BYTES) {
      blake.reset(outLength).updateInt(outLength).update(in, 0, inLength).digest(out, outOffset);
      return;
    }
    byte[] v = ws.chain;
    blake.reset(Blake2b.MAX_DIGEST_BYTES).updateInt(outLength).update(in, 0, inLength)
        .digest(v, 0);
    System.arraycopy(v, 0, out, outOffset, 32);
    int at = outOffset + 32;
    int remaining = outLength - 32;
    while (remaining > Blake2b.MAX_DIGEST_BYTES) {
      blake.reset(Blake2b.MAX_DIGEST_BYTES).update(v, 0, Blake2b.MAX_DIGEST_BYTES).digest(v, 0);
      System.arraycopy(v, 0, out, at, 32);
      at += 32;
      remaining -= 32;
    }
    blake.reset(remaining).update(v, 0, Blake2b.MAX_DIGEST_BYTES).digest(out, at);
  }

  private static void putInt(byte[] out, int at, int value) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >>> 8);
    out[at + 2] = (byte) (value >>> 16);
    out[at + 3] = (byte) (value >>> 24);
  }

  private static void toWords(byte[] bytes, long[] words, int offset) {
    for (int i = 0; i < BLOCK_WORDS; i++) {
      int at = 8 * i;
      words[offset + i] = (bytes[at] & 0xFFL)
          | (bytes[at + 1] & 0xFFL) << 8
          | (bytes[at + 2] & 0xFFL) << 16
          | (bytes[at + 3] & 0xFFL) << 24
          | (bytes[at + 4] & 0xFFL) << 32
          | (bytes[at + 5] & 0xFFL) << 40
          | (bytes[at + 6] & 0xFFL) << 48
          | (bytes[at + 7] & 0xFFL) << 56;
    }
  }

  private static void toBytes(long[] words, byte[] bytes) {
    for (int i = 0; i < BLOCK_WORDS; i++) {
      long w = words[i];
      for (int b = 0; b < 8; b++) {
        bytes[8 * i + b] = (byte) (w >>> (8 * b));
      }
    }
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

}
