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
  private final KeyInbox inbox = new KeyInbox();
  private final Runnable release;
  private final AtomicInteger guardians = new AtomicInteger();

  private Fixture(LatchkeyStore store, ServerSecrets secrets, Runnable release) {
    this.release = release;
    this.latchkey = Latchkey.builder()
        .store(store)
        .notifier(inbox)
        .secrets(secrets)
        .passwordHasher(productionHasher())
        .throttlePolicy(new ThrottlePolicy(1_000_000, 1_000_000, 1_000_000,
            Duration.ofMinutes(15)))
        .build();
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

  /**
   * A fixture over a new, empty, migrated backend.
   *
   * @param backend {@code inmemory}, {@code h2} or {@code postgres}
   * @param connections the pool size for the JDBC backends
   */
  static Fixture open(String backend, int connections) {
    ServerSecrets secrets = ServerSecrets.ephemeral(new SecureRandom());
    switch (backend) {
      case "inmemory":
        return new Fixture(InMemoryStore.create(), secrets, () -> { });
      case "h2": {
        String url = "jdbc:h2:mem:lk_bench_" + randomSuffix() + ";DB_CLOSE_DELAY=-1;"
            + "LOCK_TIMEOUT=10000";
        return overPool(url, connections, secrets, () -> execute(url, "SHUTDOWN"));
      }
      case "postgres": {
        String schema = "lk_bench_" + randomSuffix();
        execute(PG_URL, "CREATE SCHEMA " + schema);
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return overPool(url, connections, secrets,
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
      Runnable drop) {
    HikariDataSource pool = null;
    try {
      pool = pool(url, connections);
      JdbcSchema.migrate(pool);
      HikariDataSource opened = pool;
      return new Fixture(JdbcStore.create(pool, secrets), secrets, () -> {
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

  /** Keeps each guardian's newest activation key until it is taken; drops every other message. */
  private static final class KeyInbox implements Notifier {
    private final Map<EmailAddress, String> keys = new ConcurrentHashMap<>();

    @Override
    public void send(Notification notification) {
      if (notification.type() == NotificationType.ACTIVATION_KEY) {
        notification.secret().map(SecretText::reveal)
            .ifPresent(key -> keys.put(notification.recipient(), key));
      }
    }

    String take(EmailAddress to) {
      String key = keys.remove(to);
      if (key == null) {
        throw new IllegalStateException("no activation key was delivered to " + to);
      }
      return key;
    }
  }
}
