package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Latchkey's Argon2 engine: RFC 9106 vectors, path refusal, pooled memory and its wiping. Tests
 * taking a path run for every path this JVM offers: the scalar one always, the vector one in the
 * build's second test run, which starts the JVM with the Vector API.
 */
class Argon2EngineTest {

  private static final byte[] P = filled(32, 0x01);
  private static final byte[] S = filled(16, 0x02);
  private static final byte[] K = filled(8, 0x03);
  private static final byte[] X = filled(12, 0x04);

  private final Argon2Engine engine = new Argon2Engine(Argon2Engine.SCALAR, new BlockMemoryPool(2));

  static List<Argon2Engine.Path> paths() {
    return Argon2Engine.candidatePaths();
  }

  private static Argon2Engine on(Argon2Engine.Path path) {
    return new Argon2Engine(path, new BlockMemoryPool(2));
  }

  @ParameterizedTest
  @MethodSource("paths")
  @DisplayName("RFC 9106 §5.1 Argon2d test vector")
  void argon2dVector(Argon2Engine.Path path) {
    assertThat(hex(on(path).hash(Argon2Engine.Type.D, P, S, K, X, 32, 3, 4, 32)))
        .isEqualTo("512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb");
  }

  @ParameterizedTest
  @MethodSource("paths")
  @DisplayName("RFC 9106 §5.2 Argon2i test vector")
  void argon2iVector(Argon2Engine.Path path) {
    assertThat(hex(on(path).hash(Argon2Engine.Type.I, P, S, K, X, 32, 3, 4, 32)))
        .isEqualTo("c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8");
  }

  @ParameterizedTest
  @MethodSource("paths")
  @DisplayName("RFC 9106 §5.3 Argon2id test vector")
  void argon2idVector(Argon2Engine.Path path) {
    assertThat(hex(on(path).hash(Argon2Engine.Type.ID, P, S, K, X, 32, 3, 4, 32)))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void referenceImplementationVectorWithLongerSegments(Argon2Engine.Path path) {
    byte[] tag = on(path).hash(Argon2Engine.Type.ID, ascii("password"), ascii("somesalt"),
        null, null, 65_536, 2, 1, 32);
    assertThat(PhcArgon2id.encodeBase64(tag)).isEqualTo("CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
  }

  @ParameterizedTest
  @MethodSource("paths")
  void everyOfferedPathPassesItsSelfTest(Argon2Engine.Path path) {
    assertThat(on(path).selfTest()).isNull();
  }

  @Test
  @DisplayName("a path whose compression is one bit off is refused; the next candidate is used")
  void disagreeingPathIsRefused() {
    Argon2Engine.Path broken = corrupting();
    assertThat(new Argon2Engine(broken, new BlockMemoryPool(1)).selfTest())
        .isEqualTo("RFC 9106 Argon2d vector");

    Argon2Engine chosen =
        Argon2Engine.select(List.of(broken, Argon2Engine.SCALAR), new BlockMemoryPool(1));

    assertThat(chosen.pathName()).isEqualTo("scalar");
  }

  @Test
  void startUpFailsRatherThanUseAWrongPath() {
    Argon2Engine.Path throwing = new Argon2Engine.Path() {
      @Override
      public String name() {
        return "throwing";
      }

      @Override
      public Argon2Engine.Compressor newCompressor() {
        throw new UnsupportedOperationException("no such instructions");
      }
    };

    assertThat(new Argon2Engine(throwing, new BlockMemoryPool(1)).selfTest())
        .isEqualTo("threw java.lang.UnsupportedOperationException");
    assertThatIllegalStateException().isThrownBy(
        () -> Argon2Engine.select(List.of(corrupting(), throwing), new BlockMemoryPool(1)));
  }

  @Test
  void sharedEngineIsVectorExactlyWhenTheModuleIsPresent() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertThat(Argon2Engine.vectorModulePresent()).isEqualTo(present);
    assertThat(Argon2Engine.shared().pathName()).isEqualTo(present ? "vector" : "scalar");
    assertThat(Argon2Engine.candidatePaths()).hasSize(present ? 2 : 1);
  }

  @Test
  @DisplayName("memory goes back to the pool wiped, and a warm pool builds no more workspaces")
  void memoryIsReusedAndWiped() {
    BlockMemoryPool pool = new BlockMemoryPool(1);
    Argon2Engine pooled = new Argon2Engine(Argon2Engine.SCALAR, pool);
    pooled.hash(Argon2Engine.Type.ID, P, S, K, X, 256, 2, 1, 32);
    long created = pool.created();

    for (int i = 0; i < 5; i++) {
      pooled.hash(Argon2Engine.Type.ID, P, S, K, X, 256, 2, 1, 32);
    }

    assertThat(pool.created()).isEqualTo(created).isEqualTo(1);
    assertThat(pool.idleCount()).isEqualTo(1);
    BlockMemoryPool.Workspace ws = pool.borrow(256, Argon2Engine.SCALAR);
    assertThat(Arrays.stream(ws.memory).allMatch(w -> w == 0)).isTrue();
    assertThat(Arrays.stream(ws.address).allMatch(w -> w == 0)).isTrue();
    byte[] h0 = ws.h0.clone();
    assertThat(h0).containsOnly(0);
  }

  @Test
  void aSmallerHashAfterALargerOneReusesTheLargerMemory() {
    BlockMemoryPool pool = new BlockMemoryPool(1);
    Argon2Engine pooled = new Argon2Engine(Argon2Engine.SCALAR, pool);
    pooled.hash(Argon2Engine.Type.ID, P, S, K, X, 1024, 1, 1, 32);

    byte[] tag = pooled.hash(Argon2Engine.Type.ID, P, S, K, X, 32, 3, 4, 32);

    assertThat(hex(tag))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    assertThat(pool.created()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("paths")
  @DisplayName("an owasp2025 hash on a warm pool allocates at most 64 KB")
  void owaspHashAllocatesAtMost64KiB(Argon2Engine.Path path) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Argon2Engine pooled = new Argon2Engine(path, new BlockMemoryPool(1));
    for (int warm = 0; warm < 3; warm++) {
      pooled.hash(Argon2Engine.Type.ID, P, S, null, null, 19_456, 2, 1, 32);
    }
    long thread = Thread.currentThread().getId();

    // The least of several hashes: the JIT may still be compiling the path on a busy machine.
    long allocated = Long.MAX_VALUE;
    for (int run = 0; run < 10 && allocated > 64 * 1024; run++) {
      long before = threads.getThreadAllocatedBytes(thread);
      pooled.hash(Argon2Engine.Type.ID, P, S, null, null, 19_456, 2, 1, 32);
      allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
    }

    assertThat(allocated).isLessThanOrEqualTo(64 * 1024);
  }

  @ParameterizedTest
  @MethodSource("paths")
  @DisplayName("hashes beyond the pool's capacity wait for its memory: correct, and never more")
  void concurrentHashesDoNotShareMemory(Argon2Engine.Path path) throws Exception {
    BlockMemoryPool pool = new BlockMemoryPool(2);
    Argon2Engine shared = new Argon2Engine(path, pool);
    int threads = 6;
    byte[][] expected = new byte[threads][];
    for (int i = 0; i < threads; i++) {
      expected[i] = engine.hash(Argon2Engine.Type.ID, filled(8, i), S, null, null, 64 + 8 * i, 2,
          1 + i % 3, 32);
    }
    ExecutorService pool6 = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        results.add(pool6.submit(() -> {
          start.await();
          boolean same = true;
          for (int round = 0; round < 50; round++) {
            byte[] tag = shared.hash(Argon2Engine.Type.ID, filled(8, n), S, null, null,
                64 + 8 * n, 2, 1 + n % 3, 32);
            same &= Arrays.equals(tag, expected[n]);
          }
          return same;
        }));
      }
      start.countDown();
      for (Future<Boolean> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool6.shutdownNow();
    }
    assertThat(pool.idleCount()).isLessThanOrEqualTo(2);
    assertThat(pool.created()).isLessThanOrEqualTo(2);
  }

  @Test
  void anInterruptedWaiterComputesWithMemoryOfItsOwn() throws Exception {
    BlockMemoryPool pool = new BlockMemoryPool(1);
    Argon2Engine pooled = new Argon2Engine(Argon2Engine.SCALAR, pool);
    BlockMemoryPool.Workspace held = pool.borrow(32, Argon2Engine.SCALAR);
    byte[][] tag = new byte[1][];
    boolean[] stillInterrupted = new boolean[1];
    Thread waiter = new Thread(() -> {
      tag[0] = pooled.hash(Argon2Engine.Type.ID, P, S, K, X, 32, 3, 4, 32);
      stillInterrupted[0] = Thread.currentThread().isInterrupted();
    });
    waiter.start();
    while (waiter.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    waiter.interrupt();
    waiter.join(10_000);
    pool.release(held, 32);

    assertThat(hex(tag[0]))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    assertThat(stillInterrupted[0]).isTrue();
    assertThat(pool.created()).isEqualTo(2);
    assertThat(pool.idleCount()).isEqualTo(1);
  }

  /** The scalar path with the lowest bit of every output word flipped. */
  private static Argon2Engine.Path corrupting() {
    return new Argon2Engine.Path() {
      @Override
      public String name() {
        return "corrupt";
      }

      @Override
      public Argon2Engine.Compressor newCompressor() {
        ScalarCompressor real = new ScalarCompressor();
        return new Argon2Engine.Compressor() {
          @Override
          public void compress(long[] x, int xOffset, long[] y, int yOffset, long[] out,
              int outOffset, boolean xorInto) {
            real.compress(x, xOffset, y, yOffset, out, outOffset, xorInto);
            out[outOffset + 127] ^= 1L << 40;
          }

          @Override
          public void wipe() {
            real.wipe();
          }
        };
      }
    };
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
