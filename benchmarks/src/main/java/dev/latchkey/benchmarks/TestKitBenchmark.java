package dev.latchkey.benchmarks;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.Redemption;
import dev.latchkey.inmemory.InMemoryStore;
import dev.latchkey.model.District;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.testkit.CapturingAuditSink;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The test kit's speed, as a host's test suite meets it: 10,000 successful sign-ins, one after
 * another, through a facade wired the way a test wires it — {@link InMemoryStore},
 * {@link CapturingNotifier}, {@link CapturingAuditSink}, {@link MutableClock} and Argon2id at the
 * test-only preset ({@link Argon2Parameters#insecureForTestsOnly()}). One operation is all
 * 10,000 ({@code SingleShotTime}, in seconds); issue 8's target is under one second. The
 * baseline {@link #tenThousandBareVerifies} is 10,000 verifications at the same preset, so the
 * ratio says how much of that second is the hash.
 *
 * <p>A fresh facade with ten accounts is made before every iteration, outside the timing, so
 * the audit events one iteration captures do not weigh on the next.
 */
@BenchmarkMode(Mode.SingleShotTime)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TestKitBenchmark {
  static final int SIGN_INS = 10_000;
  private static final int ACCOUNTS = 10;

  /** A test kit facade with a few accounts. */
  @State(Scope.Benchmark)
  public static class Kit {
    Latchkey latchkey;
    final Credentials[] accounts = new Credentials[ACCOUNTS];

    @Setup(Level.Iteration)
    public void open() {
      SecureRandom random = new SecureRandom();
      CapturingNotifier notifier = new CapturingNotifier();
      latchkey = Latchkey.builder()
          .store(InMemoryStore.create())
          .notifier(notifier)
          .audit(new CapturingAuditSink())
          .clock(MutableClock.at(Instant.parse("2026-09-01T07:00:00Z")))
          .secrets(ServerSecrets.ephemeral(random))
          .passwordHasher(Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), random))
          .deliverSynchronously()   // as a host's test suite wires it
          .build();
      latchkey.roster().putDistrict(new District(Fixture.DISTRICT, "Test Kit District", "IL",
          ZoneId.of("America/Chicago"), EmailAddress.of("helpdesk@example.org"),
          "630.555.0100"));
      for (int i = 0; i < ACCOUNTS; i++) {
        GuardianId guardian = GuardianId.of("g-" + i);
        EmailAddress email = EmailAddress.of("guardian-" + i + "@example.org");
        latchkey.roster().putGuardian(Guardian.of(guardian, Fixture.DISTRICT, "Alex",
            "Parent" + i, email));
        IssueResult issued = latchkey.activation().issue(guardian, Fixture.REQUEST);
        if (issued.code() != IssueResult.IssueCode.ISSUED) {
          throw new IllegalStateException("issuing a key failed: " + issued.code());
        }
        String key = notifier.lastKeyFor(email).orElseThrow();
        String login = "parent-" + i;
        RedeemCode redeemed = latchkey.activation().redeem(
            new Redemption(key, login, Fixture.PASSWORD, Fixture.PASSWORD), Fixture.REQUEST)
            .code();
        if (redeemed != RedeemCode.REDEEMED) {
          throw new IllegalStateException("redeeming a key failed: " + redeemed);
        }
        accounts[i] = new Credentials(Fixture.DISTRICT, login, Fixture.PASSWORD);
      }
    }
  }

  /** A hash at the test preset, for the baseline. */
  @State(Scope.Benchmark)
  public static class Hash {
    Argon2idHasher hasher;
    PasswordHash stored;

    @Setup(Level.Trial)
    public void hash() {
      hasher = Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom());
      stored = hasher.hash(Fixture.PASSWORD);
    }
  }

  @Benchmark
  public int tenThousandSignIns(Kit kit) {
    int signedIn = 0;
    for (int i = 0; i < SIGN_INS; i++) {
      SignInResult result = kit.latchkey.signIn().signIn(kit.accounts[i % ACCOUNTS],
          Fixture.REQUEST);
      if (result.code() == SignInResult.Code.SIGNED_IN) {
        signedIn++;
      }
    }
    if (signedIn != SIGN_INS) {
      throw new IllegalStateException((SIGN_INS - signedIn) + " sign-ins did not succeed");
    }
    return signedIn;
  }

  @Benchmark
  public int tenThousandBareVerifies(Hash hash) {
    int verified = 0;
    for (int i = 0; i < SIGN_INS; i++) {
      if (hash.hasher.verify(Fixture.PASSWORD, hash.stored)) {
        verified++;
      }
    }
    if (verified != SIGN_INS) {
      throw new IllegalStateException("the baseline hash did not verify");
    }
    return verified;
  }
}
