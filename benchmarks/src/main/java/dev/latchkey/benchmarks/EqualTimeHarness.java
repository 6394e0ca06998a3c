package dev.latchkey.benchmarks;

import dev.latchkey.Latchkey;
import dev.latchkey.activation.Redemption;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.signin.Credentials;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * wires the facade (the relay on an executor of its own): requests for identities that exist and
 * for names nobody has, interleaved in one shuffled sequence and paired in order (the k-th of
 * each state), every request for a fresh identity (so no per-account limit is reached).
 * Reports each state's median and the fraction of pairs in which the existing identity's
 * request was the slower: 0.5 is a coin, 1.0 tells every account apart.
 *
 * <p>Before each timed request the harness waits until the relay's thread is idle and the
 * outbox empty, so a request never shares the machine with the previous one's deferred work
 * or mail: what is compared is the request path alone. Per-source throttles are set so high they never trip.
 *
 * <p>A one-shot harness rather than a JMH benchmark: each sample needs an identity of its own,
 * made beforehand, and the figure is a distribution over pairs, not a throughput.
 *
 * <p>The baseline in the same run: the same requests on a facade built with
 * {@code deliverSynchronously()}, where the lookup, token and mail happen before the call returns.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.latchkey.benchmarks.EqualTimeHarness
 *     [h2,postgres] [samples per state, default 300] [executor,synchronous]</pre>
 */
public final class EqualTimeHarness {
  private static final int WARM_UP_PAIRS = 50;

  private EqualTimeHarness() {}

  /** One operation's figures on one backend. */
  public record Result(String backend, String mode, String operation, int pairs,
      double existingMedianMicros,
      double unknownMedianMicros, double existingSlowerFraction) {
    String line() {
      return String.format(Locale.ROOT,
          "%-9s %-12s %-16s pairs %4d  median existing %8.1f us  unknown %8.1f us  "
              + "existing slower in %.3f of pairs",
          backend, mode, operation, pairs, existingMedianMicros, unknownMedianMicros,
          existingSlowerFraction);
    }
  }

  public static void main(String[] args) {
    List<String> backends = List.of((args.length > 0 ? args[0] : "h2,postgres").split(","));
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    List<String> modes = List.of((args.length > 2 ? args[2] : "executor,synchronous")
        .split(","));
    for (String backend : backends) {
      for (String mode : modes) {
        for (Result result : run(backend, samples, mode.equals("synchronous"))) {
          System.out.println(result.line());
        }
      }
    }
  }

  /** Every operation's figures on {@code backend}, {@code samples} pairs each. */
  public static List<Result> run(String backend, int samples) {
    return run(backend, samples, false);
  }

  /**
   * As {@link #run(String, int)}; {@code synchronous}: the baseline, a facade built with
   * {@code deliverSynchronously()}, where every call does its work and sends its mail before it
   * returns.
   */
  public static List<Result> run(String backend, int samples, boolean synchronous) {
    ExecutorService relay = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bench-relay");
      t.setDaemon(true);
      return t;
    });
    int identities = samples + WARM_UP_PAIRS;
    String mode = synchronous ? "synchronous" : "executor";
    try (Fixture fixture = Fixture.open(backend, 4, Argon2Parameters.insecureForTestsOnly(),
        synchronous ? null : relay)) {
      Latchkey latchkey = fixture.latchkey;
      // Every argument is made before the clock starts, the unknown ones as long as the real.
      List<String> logins = new ArrayList<>();
      List<String> emails = new ArrayList<>();
      List<String> unknownLogins = new ArrayList<>();
      List<String> unknownEmails = new ArrayList<>();
      for (int i = 0; i < identities; i++) {
        Credentials account = fixture.newAccount();
        logins.add(account.loginName());
        emails.add(Fixture.emailOf(account.loginName()).value());
        unknownLogins.add(account.loginName().replace("parent-", "nobody-"));
        unknownEmails.add(emails.get(i).replace("guardian-", "stranger-"));
      }
      List<String> awaitingKey = new ArrayList<>();
      for (int i = 0; i < identities; i++) {
        Redemption unused = fixture.newGuardianWithKey();
        awaitingKey.add(Fixture.emailOf(unused.loginName()).value());
      }
      List<Result> results = new ArrayList<>();
      results.add(measure(relay, fixture, backend, mode, "forgot-password",
          NotificationType.PASSWORD_RESET, samples,
          i -> latchkey.recovery().forgotPassword(Fixture.DISTRICT, logins.get(i),
              Fixture.REQUEST),
          i -> latchkey.recovery().forgotPassword(Fixture.DISTRICT, unknownLogins.get(i),
              Fixture.REQUEST)));
      results.add(measure(relay, fixture, backend, mode, "forgot-username",
          NotificationType.USERNAME_REMINDER, samples,
          i -> latchkey.recovery().forgotUsername(Fixture.DISTRICT, emails.get(i),
              Fixture.REQUEST),
          i -> latchkey.recovery().forgotUsername(Fixture.DISTRICT, unknownEmails.get(i),
              Fixture.REQUEST)));
      results.add(measure(relay, fixture, backend, mode, "resend-key",
          NotificationType.ACTIVATION_KEY, samples,
          i -> latchkey.activation().resend(Fixture.DISTRICT, awaitingKey.get(i),
              Fixture.REQUEST),
          i -> latchkey.activation().resend(Fixture.DISTRICT, unknownEmails.get(i),
              Fixture.REQUEST)));
      return results;
    } finally {
      relay.shutdownNow();
    }
  }

  private static Result measure(ExecutorService relay, Fixture fixture, String backend,
      String mode, String operation, NotificationType mail, int samples, IntConsumer existing,
      IntConsumer unknown) {
    SecureRandom coin = new SecureRandom();
    int mailedBefore = fixture.delivered(mail);
    for (int i = 0; i < WARM_UP_PAIRS; i++) {
      existing.accept(samples + i);
      quiesce(relay, fixture);
      unknown.accept(samples + i);
      quiesce(relay, fixture);
    }
    // The two states in one shuffled sequence, the k-th existing request paired with the k-th
    // unknown one: each request's predecessor (whose deferred work ran just before it) is as
    // likely to be of either state, whatever its own.
    List<Boolean> order = new ArrayList<>(2 * samples);
    for (int i = 0; i < samples; i++) {
      order.add(true);
      order.add(false);
    }
    Collections.shuffle(order, coin);
    long[] existingNanos = new long[samples];
    long[] unknownNanos = new long[samples];
    int nextExisting = 0;
    int nextUnknown = 0;
    for (boolean isExisting : order) {
      if (isExisting) {
        existingNanos[nextExisting] = time(relay, fixture, existing, nextExisting);
        nextExisting++;
      } else {
        unknownNanos[nextUnknown] = time(relay, fixture, unknown, nextUnknown);
        nextUnknown++;
      }
    }
    int existingSlower = 0;
    for (int i = 0; i < samples; i++) {
      if (existingNanos[i] > unknownNanos[i]) {
        existingSlower++;
      }
    }
    quiesce(relay, fixture);
    // Every existing identity was mailed and no unknown one: the two states did differ.
    int mailed = fixture.delivered(mail) - mailedBefore;
    if (mailed != samples + WARM_UP_PAIRS) {
      throw new IllegalStateException(operation + " mailed " + mailed + " " + mail
          + " messages for " + (samples + WARM_UP_PAIRS) + " existing identities");
    }
    return new Result(backend, mode, operation, samples, median(existingNanos) / 1e3,
        median(unknownNanos) / 1e3, existingSlower / (double) samples);
  }

  private static long time(ExecutorService relay, Fixture fixture, IntConsumer request,
      int i) {
    quiesce(relay, fixture);
    long start = System.nanoTime();
    request.accept(i);
    return System.nanoTime() - start;
  }

  /**
   * Waits (untimed) until the relay's thread is idle: the previous request's deferred work has
   * run, and the mail it queued is delivered.
   */
  private static void quiesce(ExecutorService relay, Fixture fixture) {
    idle(relay); // the deferred work has run, and any drain it woke is queued behind this
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fixture.store.pendingCount() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(200_000);
    }
    idle(relay);
  }

  private static void idle(ExecutorService relay) {
    try {
      relay.submit(() -> { }).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the relay's thread did not come back", e);
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
