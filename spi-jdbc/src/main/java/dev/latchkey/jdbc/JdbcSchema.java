package dev.latchkey.jdbc;

import dev.latchkey.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Applies Latchkey's schema migrations, for hosts without Flyway. The scripts ship in the jar in
 * Flyway's layout ({@code db/migration/postgresql/V1__latchkey_schema.sql}, and
 * {@code db/migration/h2/...}), so a host with Flyway points it at that folder instead; either
 * way, use one tool per database, not both. Versions applied are kept in
 * {@code lk_schema_version}; each runs in its own transaction and is applied once.
 */
public final class JdbcSchema {
  /** The migrations, oldest first: version and script name. */
  private static final List<String> SCRIPTS = List.of("V1__latchkey_schema.sql",
      "V2__account_guardian_index.sql");

  private JdbcSchema() {}

  /**
   * Brings the schema up to date. Safe to call on every start, from every process: on
   * PostgreSQL concurrent callers queue behind an advisory lock.
   *
   * @return how many migrations were applied now
   */
  public static int migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try (Connection c = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(c);
      c.setAutoCommit(false);
      try {
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(7283012)");
          }
        }
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS lk_schema_version (version INTEGER PRIMARY KEY, "
              + "script VARCHAR(200) NOT NULL, installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int applied = 0;
        for (int i = 0; i < SCRIPTS.size(); i++) {
          int version = i + 1;
          if (isApplied(c, version)) {
            continue;
          }
          for (String statement : statements(dialect, SCRIPTS.get(i))) {
            try (Statement s = c.createStatement()) {
              s.execute(statement);
            }
          }
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO lk_schema_version (version, script, installed_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, SCRIPTS.get(i));
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
          }
          applied++;
        }
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("migrate", e);
    }
  }

  private static boolean isApplied(Connection c, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM lk_schema_version WHERE version = ?")) {
      ps.setInt(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The script's statements: ours end each statement with a semicolon at the end of a line. */
  static List<String> statements(Dialect dialect, String script) {
    String path = dialect.migrationFolder() + "/" + script;
    String text;
    try (InputStream in = JdbcSchema.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new StoreException("migration " + path + " is missing from the jar", null, false);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("migration " + path + " is unreadable", e, false);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }
}
