package dev.latchkey.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway database for one test: an in-memory H2 database, or a fresh schema on the
 * PostgreSQL server named by {@code LATCHKEY_PG_URL} (default: the local server on 5432, user
 * postgres). Either way, migrated, and dropped by {@link #close()}. Each {@link #pool()} is a
 * separate HikariCP pool, as a separate host process would have.
 *
 * <p>When PostgreSQL cannot be reached, PostgreSQL tests fail under CI (CI=true) and are
 * skipped, loudly, elsewhere; the project's test script always provides a server.
 */
final class TestDatabase implements AutoCloseable {
  static final String PG_URL = System.getenv().getOrDefault("LATCHKEY_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private final String url;
  private final Runnable drop;
  private final java.util.List<HikariDataSource> pools = new java.util.ArrayList<>();

  private TestDatabase(String url, Runnable drop) {
    this.url = url;
    this.drop = drop;
  }

  static TestDatabase h2() {
    String name = "lk" + randomSuffix();
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    TestDatabase db = new TestDatabase(url, () -> execute(url, "SHUTDOWN"));
    JdbcSchema.migrate(db.pool());
    return db;
  }

  static TestDatabase postgres() {
    requirePostgres();
    String schema = "lk_test_" + randomSuffix();
    execute(PG_URL, "CREATE SCHEMA " + schema);
    String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    TestDatabase db = new TestDatabase(url,
        () -> execute(PG_URL, "DROP SCHEMA " + schema + " CASCADE"));
    JdbcSchema.migrate(db.pool());
    return db;
  }

  /** A new connection pool over this database: one per simulated host process. */
  HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(12);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(30_000);
    HikariDataSource pool = new HikariDataSource(config);
    synchronized (pools) {
      pools.add(pool);
    }
    return pool;
  }

  String url() {
    return url;
  }

  @Override
  public void close() {
    synchronized (pools) {
      pools.forEach(HikariDataSource::close);
      pools.clear();
    }
    drop.run();
  }

  static void requirePostgres() {
    try (Connection c = DriverManager.getConnection(PG_URL)) {
      c.isValid(2);
    } catch (SQLException e) {
      String message = "PostgreSQL is not reachable at " + PG_URL.replaceAll("password=[^&]*",
          "password=***") + " (" + e.getSQLState() + "); run the project's test script, which "
          + "starts one";
      if ("true".equals(String.valueOf(System.getenv("CI")).toLowerCase(Locale.ROOT))) {
        throw new IllegalStateException(message, e);
      }
      System.err.println("SKIPPING PostgreSQL tests: " + message);
      Assumptions.abort(message);
    }
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database setup failed: " + sql, e);
    }
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
