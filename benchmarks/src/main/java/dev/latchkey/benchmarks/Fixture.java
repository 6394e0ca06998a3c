package dev.latchkey.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.ThrottlePolicy;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.inmemory.InMemoryStore;
import dev.latchkey.jdbc.JdbcSchema;
import dev.latchkey.jdbc.JdbcStore;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.notify.Notifier;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.signin.Credentials;
import dev.latchkey.spi.LatchkeyStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One facade over one freshly made backend, wired as a production host wires it — the default
 * Argon2id cost ({@link Argon2Parameters#owasp2025()}), the default audit sink, the system clock
 * — except for per-source throttles so high they never trip (every benchmark request comes from
 * one address) and an ephemeral server secret. It makes guardians with keys and accounts on
 * demand. {@link #close()} drops what {@link #open} made: a PostgreSQL schema, an H2 database.
 */
final class Fixture implements AutoCloseable {
  static final String PASSWORD = "orange kite under seven bridges";
  static final RequestContext REQUEST = RequestContext.of("198.51.100.7", "latchkey-benchmarks");
  static final DistrictId DISTRICT = DistrictId.of("bench-district");
  /** The same variable and default as the JDBC module's tests. */
  static final String PG_URL = System.getenv().getOrDefault("LATCHKEY_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  final Latchkey latchkey;
  final LatchkeyStore store;
  private final KeyInbox inbox = new KeyInbox();
  private final Runnable release;
  private final AtomicInteger guardians = new AtomicInteger();

  private Fixture(LatchkeyStore store, ServerSecrets secrets, Argon2Parameters cost,
      Executor relay, Runnable release) {
    this.release = release;
    this.store = store;
    Latchkey.Builder builder = Latchkey.builder()
        .store(store)
        .notifier(inbox)
        .secrets(secrets)
        .passwordHasher(Argon2idHasher.create(cost, new SecureRandom()))
        .throttlePolicy(new ThrottlePolicy(1_000_000, 1_000_000, 1_000_000,
            Duration.ofMinutes(15)));
    // Without a relay executor each operation delivers its own mail to the inbox, as before
    // the relay moved off the request thread: the figures stay comparable with earlier runs.
    this.latchkey = (relay == null ? builder.deliverSynchronously()
        : builder.relayExecutor(relay)).build();
    latchkey.roster().putDistrict(new District(DISTRICT, "Benchmark Unified School District",
        "IL", ZoneId.of("America/Chicago"), EmailAddress.of("helpdesk@example.org"),
        "630.555.0100"));
  }

  /**
   * The hasher the facade uses, and the baselines too: Argon2id at the production default.
   */
  static Argon2idHasher productionHasher() {
    return Argon2idHasher.create(Argon2Parameters.owasp2025(), new SecureRandom());
  }

  /** The fastest of {@code tries} production-cost hashes on this machine, in nanoseconds. */
  static long fastestHashNanos(int tries) {
    Argon2idHasher hasher = productionHasher();
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < tries; i++) {
      long start = System.nanoTime();
      hasher.hash(PASSWORD);
      fastest = Math.min(fastest, System.nanoTime() - start);
    }
    return fastest;
  }

  /**
   * The Argon2id cost a benchmark's {@code cost} parameter names: {@code owasp2025}, the
   * production default, or {@code test}, the test kit's {@link Argon2Parameters#insecureForTestsOnly}
   * preset, which makes the hash so cheap that what the library adds around it stands out.
   */
  static Argon2Parameters cost(String name) {
    switch (name) {
      case "owasp2025":
        return Argon2Parameters.owasp2025();
      case "test":
        return Argon2Parameters.insecureForTestsOnly();
      default:
        throw new IllegalArgumentException("unknown cost " + name + "; expected owasp2025 or test");
    }
  }

  /**
   * A fixture over a new, empty, migrated backend.
   *
   * @param backend {@code inmemory}, {@code h2} or {@code postgres}
   * @param connections the pool size for the JDBC backends
   */
  static Fixture open(String backend, int connections) {
    return open(backend, connections, Argon2Parameters.owasp2025());
  }

  /** As {@link #open(String, int)}, with the facade hashing at {@code cost}. */
  static Fixture open(String backend, int connections, Argon2Parameters cost) {
    return open(backend, connections, cost, null);
  }

  /**
   * As {@link #open(String, int, Argon2Parameters)}, with the relay on {@code relay} as a
   * production host runs it (null: each call delivers its own mail before it returns).
   */
  static Fixture open(String backend, int connections, Argon2Parameters cost, Executor relay) {
    ServerSecrets secrets = ServerSecrets.ephemeral(new SecureRandom());
    switch (backend) {
      case "inmemory":
        return new Fixture(InMemoryStore.create(), secrets, cost, relay, () -> { });
      case "h2": {
        String url = "jdbc:h2:mem:lk_bench_" + randomSuffix() + ";DB_CLOSE_DELAY=-1;"
            + "LOCK_TIMEOUT=10000";
        return overPool(url, connections, secrets, cost, relay,
            () -> execute(url, "SHUTDOWN"));
      }
      case "postgres": {
        String schema = "lk_bench_" + randomSuffix();
        execute(PG_URL, "CREATE SCHEMA " + schema);
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return overPool(url, connections, secrets, cost, relay,
            () -> execute(PG_URL, "DROP SCHEMA " + schema + " CASCADE"));
      }
      default:
        throw new IllegalArgumentException(
            "unknown backend " + backend + "; expected inmemory, h2 or postgres");
    }
  }

  /**
   * Puts a new guardian (with one enrolled student) on the roster, issues the guardian a key and
   * returns the redemption form a parent would fill in with it.
   */
  Redemption newGuardianWithKey() {
    int n = guardians.incrementAndGet();
    GuardianId guardian = GuardianId.of("g-" + n);
    StudentId student = StudentId.of("s-" + n);
    EmailAddress email = EmailAddress.of("guardian-" + n + "@example.org");
    latchkey.roster().putGuardian(Guardian.of(guardian, DISTRICT, "Alex", "Parent" + n, email));
    latchkey.roster().putStudent(new Student(student, DISTRICT, String.valueOf(100_000 + n),
        "Sam", "Parent" + n, Optional.of(LocalDate.of(2014, 3, 1)), Grade.G5,
        "Maplebrook Elementary", EnrollmentStatus.ENROLLED));
    latchkey.roster().link(new GuardianLink(guardian, student, Relationship.PARENT, true));
    IssueResult issued = latchkey.activation().issue(guardian, REQUEST);
    if (issued.code() != IssueResult.IssueCode.ISSUED) {
      throw new IllegalStateException("issuing a key failed: " + issued.code());
    }
    String key = inbox.take(email);
    return new Redemption(key, "parent-" + n, PASSWORD, PASSWORD);
  }

  /** How many ACCOUNT_LOCKED notices went to {@code to}. */
  int lockNotices(EmailAddress to) {
    return inbox.lockNotices.getOrDefault(to, new AtomicInteger()).get();
  }

  /** How many messages of {@code type} were delivered so far. */
  int delivered(NotificationType type) {
    return inbox.delivered.getOrDefault(type, new AtomicInteger()).get();
  }

  /** The address of record of the guardian whose login is {@code loginName}. */
  static EmailAddress emailOf(String loginName) {
    return EmailAddress.of(loginName.replace("parent-", "guardian-") + "@example.org");
  }

  /** A new guardian account, redeemed with {@link #PASSWORD}; returns its sign-in. */
  Credentials newAccount() {
    Redemption redemption = newGuardianWithKey();
    RedeemResult result = latchkey.activation().redeem(redemption, REQUEST);
    if (result.code() != RedeemCode.REDEEMED) {
      throw new IllegalStateException("redeeming a key failed: " + result.code());
    }
    return new Credentials(DISTRICT, redemption.loginName(), PASSWORD);
  }

  @Override
  public void close() {
    release.run();
  }

  /** A migrated JDBC backend over a new pool; {@code drop} removes the database or schema. */
  private static Fixture overPool(String url, int connections, ServerSecrets secrets,
      Argon2Parameters cost, Executor relay, Runnable drop) {
    HikariDataSource pool = null;
    try {
      pool = pool(url, connections);
      JdbcSchema.migrate(pool);
      HikariDataSource opened = pool;
      return new Fixture(JdbcStore.create(pool, secrets), secrets, cost, relay, () -> {
        opened.close();
        drop.run();
      });
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      drop.run();
      throw e;
    }
  }

  private static HikariDataSource pool(String url, int connections) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("latchkey-bench");
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(connections);
    config.setConnectionTimeout(30_000);
    return new HikariDataSource(config);
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("benchmark database setup failed: " + sql
          + " on " + url.replaceAll("password=[^&;]*", "password=***"), e);
    }
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
  }

  /**
   * Keeps each guardian's newest activation key until it is taken and counts ACCOUNT_LOCKED
   * notices per address; drops every other message.
   */
  private static final class KeyInbox implements Notifier {
    private final Map<EmailAddress, String> keys = new ConcurrentHashMap<>();
    final Map<EmailAddress, AtomicInteger> lockNotices = new ConcurrentHashMap<>();
    final Map<NotificationType, AtomicInteger> delivered = new ConcurrentHashMap<>();

    @Override
    public void send(Notification notification) {
      delivered.computeIfAbsent(notification.type(), k -> new AtomicInteger()).incrementAndGet();
      if (notification.type() == NotificationType.ACTIVATION_KEY) {
        notification.secret().map(SecretText::reveal)
            .ifPresent(key -> keys.put(notification.recipient(), key));
      } else if (notification.type() == NotificationType.ACCOUNT_LOCKED) {
        lockNotices.computeIfAbsent(notification.recipient(), k -> new AtomicInteger())
            .incrementAndGet();
      }
    }

    /** The key delivered to {@code to}, waiting a little for a relay on another thread. */
    String take(EmailAddress to) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      String key = keys.remove(to);
      while (key == null && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        key = keys.remove(to);
      }
      if (key == null) {
        throw new IllegalStateException("no activation key was delivered to " + to);
      }
      return key;
    }
  }
}
