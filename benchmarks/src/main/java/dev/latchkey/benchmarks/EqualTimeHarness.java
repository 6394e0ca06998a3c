package dev.latchkey.benchmarks;

import dev.latchkey.Latchkey;
import dev.latchkey.activation.Redemption;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.signin.Credentials;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Does "Forgot password?", "Forgot username?" or "Resend my key" answer an existing account
 * faster or slower than an unknown one? For each, on H2 and PostgreSQL, as a production host
 * wires the facade (the relay on an executor of its own): pairs of requests, one for an identity
 * that exists and one for a name nobody has, in a random order within each pair, every request
 * for a fresh identity (so no per-account limit is reached). Reports each state's median and the
 * fraction of pairs in which the existing identity's request was the slower: 0.5 is a coin,
 * 1.0 tells every account apart.
 *
 * <p>Before each timed request the harness waits until the outbox is empty, so a request never
 * shares the machine with the relay delivering the previous one's mail: what is compared is the
 * request path alone. Per-source throttles are set so high they never trip.
 *
 * <p>A one-shot harness rather than a JMH benchmark: each sample needs an identity of its own,
 * made beforehand, and the figure is a distribution over pairs, not a throughput.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.latchkey.benchmarks.EqualTimeHarness
 *     [h2,postgres] [samples per state, default 300]</pre>
 */
public final class EqualTimeHarness {
  private static final int WARM_UP_PAIRS = 50;

  private EqualTimeHarness() {}

  /** One operation's figures on one backend. */
  public record Result(String backend, String operation, int pairs, double existingMedianMicros,
      double unknownMedianMicros, double existingSlowerFraction) {
    String line() {
      return String.format(Locale.ROOT,
          "%-9s %-16s pairs %4d  median existing %8.1f us  unknown %8.1f us  "
              + "existing slower in %.3f of pairs",
          backend, operation, pairs, existingMedianMicros, unknownMedianMicros,
          existingSlowerFraction);
    }
  }

  public static void main(String[] args) {
    List<String> backends = List.of((args.length > 0 ? args[0] : "h2,postgres").split(","));
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    for (String backend : backends) {
      for (Result result : run(backend, samples)) {
        System.out.println(result.line());
      }
    }
  }

  /** Every operation's figures on {@code backend}, {@code samples} pairs each. */
  public static List<Result> run(String backend, int samples) {
    ExecutorService relay = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bench-relay");
      t.setDaemon(true);
      return t;
    });
    int identities = samples + WARM_UP_PAIRS;
    try (Fixture fixture = Fixture.open(backend, 4, Argon2Parameters.insecureForTestsOnly(),
        relay)) {
      Latchkey latchkey = fixture.latchkey;
      List<String> logins = new ArrayList<>();
      for (int i = 0; i < identities; i++) {
        Credentials account = fixture.newAccount();
        logins.add(account.loginName());
      }
      List<String> awaitingKey = new ArrayList<>();
      for (int i = 0; i < identities; i++) {
        Redemption unused = fixture.newGuardianWithKey();
        awaitingKey.add(Fixture.emailOf(unused.loginName()).value());
      }
      List<Result> results = new ArrayList<>();
      results.add(measure(fixture, backend, "forgot-password", samples,
          i -> latchkey.recovery().forgotPassword(Fixture.DISTRICT, logins.get(i),
              Fixture.REQUEST),
          i -> latchkey.recovery().forgotPassword(Fixture.DISTRICT, "nobody-" + i,
              Fixture.REQUEST)));
      results.add(measure(fixture, backend, "forgot-username", samples,
          i -> latchkey.recovery().forgotUsername(Fixture.DISTRICT,
              Fixture.emailOf(logins.get(i)).value(), Fixture.REQUEST),
          i -> latchkey.recovery().forgotUsername(Fixture.DISTRICT,
              "nobody-" + i + "@example.org", Fixture.REQUEST)));
      results.add(measure(fixture, backend, "resend-key", samples,
          i -> latchkey.activation().resend(Fixture.DISTRICT, awaitingKey.get(i),
              Fixture.REQUEST),
          i -> latchkey.activation().resend(Fixture.DISTRICT,
              "nobody-" + i + "@example.org", Fixture.REQUEST)));
      return results;
    } finally {
      relay.shutdownNow();
    }
  }

  private static Result measure(Fixture fixture, String backend, String operation, int samples,
      IntConsumer existing, IntConsumer unknown) {
    SecureRandom coin = new SecureRandom();
    for (int i = 0; i < WARM_UP_PAIRS; i++) {
      existing.accept(samples + i);
      unknown.accept(samples + i);
    }
    long[] existingNanos = new long[samples];
    long[] unknownNanos = new long[samples];
    int existingSlower = 0;
    for (int i = 0; i < samples; i++) {
      boolean existingFirst = coin.nextBoolean();
      long first = time(fixture, existingFirst ? existing : unknown, i);
      long second = time(fixture, existingFirst ? unknown : existing, i);
      existingNanos[i] = existingFirst ? first : second;
      unknownNanos[i] = existingFirst ? second : first;
      if (existingNanos[i] > unknownNanos[i]) {
        existingSlower++;
      }
    }
    return new Result(backend, operation, samples, median(existingNanos) / 1e3,
        median(unknownNanos) / 1e3, existingSlower / (double) samples);
  }

  private static long time(Fixture fixture, IntConsumer request, int i) {
    quiesce(fixture);
    long start = System.nanoTime();
    request.accept(i);
    return System.nanoTime() - start;
  }

  /** Waits (untimed) until the relay has delivered everything queued so far. */
  private static void quiesce(Fixture fixture) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fixture.store.pendingCount() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(200_000);
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
