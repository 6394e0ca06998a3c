package dev.latchkey.benchmarks;

import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.PasswordHash;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Key redemption: one {@code latchkey.activation().redeem(...)} of a fresh, valid key — the
 * "New User?" form, creating a login — on each backend. The in-memory backend is the baseline
 * for the databases ({@code redeem(h2) / redeem(inmemory)}); a redemption hashes the new password
 * once, so {@link #bareHash} is reported too, the floor under all three.
 *
 * <p>Keys are issued, each to a new guardian, before every iteration (outside the measurement)
 * and redeemed in order, one per invocation. The pool is sized from the iteration time and the
 * cost of one hash, which no redemption can beat.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// One heap size in every fork, so GC sizing is not a difference between subject and baseline.
@Fork(value = 1, jvmArgsAppend = {
    "-Xms2g", "-Xmx2g", "-Dorg.jboss.logging.provider=slf4j"})
public class RedemptionBenchmark {

  /** A facade over one backend, made once per trial, and the keys waiting to be redeemed. */
  @State(Scope.Benchmark)
  public static class Backend {
    @Param({"inmemory", "h2", "postgres"})
    public String backend;

    Fixture fixture;
    final Queue<Redemption> keys = new ConcurrentLinkedQueue<>();
    private int threads;
    private long hashNanos;
    private long poolAfterSetup;
    private long lastIterationNanos;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
      threads = params.getThreads();
      fixture = Fixture.open(backend, threads + 2);
      hashNanos = Fixture.fastestHashNanos(5);
    }

    /**
     * Tops the pool up to what this iteration can use: every thread redeeming for the whole
     * iteration at twice the speed of one hash, or half as fast again as the last iteration
     * consumed, whichever is more; plus a margin for the invocation that overruns.
     */
    @Setup(Level.Iteration)
    public void issueKeys(IterationParams iteration) {
      long iterationNanos = iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
      long margin = 8L * threads;
      long wanted = iterationNanos / Math.max(1, hashNanos / 2) * threads + margin;
      if (lastIterationNanos > 0) {
        long used = poolAfterSetup - keys.size();
        wanted = Math.max(wanted, used * 3 / 2 * iterationNanos / lastIterationNanos + margin);
      }
      try {
        while (keys.size() < wanted) {
          keys.add(fixture.newGuardianWithKey());
        }
      } catch (RuntimeException e) {
        fixture.close(); // JMH skips the teardown of a failed setup: drop the schema here
        throw e;
      }
      poolAfterSetup = keys.size();
      lastIterationNanos = iterationNanos;
    }

    @TearDown(Level.Trial)
    public void close() {
      fixture.close();
    }
  }

  /** A hasher at the production parameters, for the floor. */
  @State(Scope.Benchmark)
  public static class Hash {
    Argon2idHasher hasher;

    @Setup(Level.Trial)
    public void create() {
      hasher = Fixture.productionHasher();
    }
  }

  @Benchmark
  public RedeemResult redeem(Backend backend) {
    Redemption redemption = backend.keys.poll();
    if (redemption == null) {
      throw new IllegalStateException("the key pool ran dry: redemption ran faster than half "
          + "a hash, which it cannot; rerun, and report this if it repeats");
    }
    RedeemResult result = backend.fixture.latchkey.activation().redeem(redemption,
        Fixture.REQUEST);
    if (result.code() != RedeemCode.REDEEMED) {
      throw new IllegalStateException("redemption did not succeed: " + result.code());
    }
    return result;
  }

  /** The floor: the one hash a redemption cannot do without. */
  @Benchmark
  public PasswordHash bareHash(Hash hash) {
    return hash.hasher.hash(Fixture.PASSWORD);
  }
}
