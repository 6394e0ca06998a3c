package dev.latchkey.benchmarks;

import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Sixteen contenders on one key: one operation is sixteen redemptions of the same fresh key, each
 * with a login name of its own, released together from a start gate, timed until the last one
 * answers. Exactly one must create the login and fifteen must answer KEY_ALREADY_USED (K4);
 * anything else fails the benchmark.
 *
 * <p>Each contender checks the key and then hashes its password before the store decides, so the
 * floor is sixteen hashes spread over the machine's cores: {@link Summary} prints the time
 * against {@code 16 x t(bareHash) / cores} and against one uncontended {@code redeem} of
 * {@link RedemptionBenchmark}, both from the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
    "-Xms2g", "-Xmx2g", "-Dorg.jboss.logging.provider=slf4j"})
public class RedemptionContentionBenchmark {
  static final int CONTENDERS = 16;

  /** A facade, sixteen contender threads, and the keys waiting to be fought over. */
  @State(Scope.Benchmark)
  public static class Contest {
    @Param({"inmemory", "h2", "postgres"})
    public String backend;

    Fixture fixture;
    ExecutorService contenders;
    final Queue<Redemption> keys = new ArrayDeque<>();
    private long hashNanos;

    @Setup(Level.Trial)
    public void open() {
      fixture = Fixture.open(backend, CONTENDERS + 2);
      contenders = Executors.newFixedThreadPool(CONTENDERS);
      hashNanos = Fixture.fastestHashNanos(3);
    }

    /**
     * Enough keys for the iteration if sixteen redemptions took only the time of sixteen hashes
     * on twice the machine's cores, which they cannot beat; plus a margin.
     */
    @Setup(Level.Iteration)
    public void issueKeys(IterationParams iteration) {
      long iterationNanos = iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
      int cores = Runtime.getRuntime().availableProcessors();
      long floor = Math.max(1, hashNanos * CONTENDERS / (2L * cores));
      long wanted = iterationNanos / floor + 4;
      try {
        while (keys.size() < wanted) {
          keys.add(fixture.newGuardianWithKey());
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      contenders.shutdownNow();
      fixture.close();
    }
  }

  @Benchmark
  public Map<RedeemCode, Integer> sixteenOnOneKey(Contest contest)
      throws InterruptedException, ExecutionException {
    Redemption key = contest.keys.poll();
    if (key == null) {
      throw new IllegalStateException("the key pool ran dry: sixteen redemptions ran faster "
          + "than sixteen hashes on twice the cores, which they cannot; report this");
    }
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<RedeemResult>> answers = new ArrayList<>(CONTENDERS);
    for (int i = 0; i < CONTENDERS; i++) {
      Redemption mine = new Redemption(key.key(), key.loginName() + "-c" + i, key.password(),
          key.confirmation());
      answers.add(contest.contenders.submit(() -> {
        gate.await();
        return contest.fixture.latchkey.activation().redeem(mine, Fixture.REQUEST);
      }));
    }
    gate.countDown();
    Map<RedeemCode, Integer> codes = new EnumMap<>(RedeemCode.class);
    for (Future<RedeemResult> answer : answers) {
      codes.merge(answer.get().code(), 1, Integer::sum);
    }
    if (codes.getOrDefault(RedeemCode.REDEEMED, 0) != 1
        || codes.getOrDefault(RedeemCode.KEY_ALREADY_USED, 0) != CONTENDERS - 1) {
      throw new IllegalStateException("sixteen contenders on one key answered " + codes
          + "; expected one REDEEMED and fifteen KEY_ALREADY_USED");
    }
    return codes;
  }
}
