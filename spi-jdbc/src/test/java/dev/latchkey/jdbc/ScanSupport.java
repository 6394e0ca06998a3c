package dev.latchkey.jdbc;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.ThrottlePolicy;
import dev.latchkey.activation.ActivationKey;
import dev.latchkey.audit.AuditSink;
import dev.latchkey.notify.Notifier;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.spi.LatchkeyStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Shared by the JDBC safety tests (column scan, SQL metacharacters, crash safety, lock
 * timeouts): the two databases, a facade wired for tests, the digest a key must be stored as, and
 * a dump of every value of every column of every table of the test's schema.
 */
final class ScanSupport {
  /** Every table the V1 migration (and the migrator) creates, lower case. */
  static final List<String> LATCHKEY_TABLES = List.of("lk_account", "lk_activation_key",
      "lk_adult_consent", "lk_audit", "lk_district", "lk_guardian", "lk_link", "lk_outbox",
      "lk_restriction", "lk_schema_version", "lk_school", "lk_student");

  private ScanSupport() {}

  /** The databases every JDBC test runs on. */
  enum Backend {
    H2, POSTGRESQL;

    TestDatabase open() {
      return this == H2 ? TestDatabase.h2() : TestDatabase.postgres();
    }
  }

  /**
   * A facade for tests: the cheap test-only hashing preset, throttles out of the way, every
   * other policy at its default.
   */
  static Latchkey facade(LatchkeyStore store, Notifier notifier, AuditSink audit, Clock clock,
      ServerSecrets secrets) {
    return Latchkey.builder()
        .store(store)
        .notifier(notifier)
        .audit(audit)
        .clock(clock)
        .secrets(secrets)
        .passwordHasher(
            Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom()))
        .throttlePolicy(new ThrottlePolicy(100_000, 100_000, 100_000, Duration.ofMinutes(15)))
        // The scans read the captured mail right after each call.
        .deliverSynchronously()
        .build();
  }

  /** The digest S17 says the store keeps for a key as mailed: HMAC-SHA256 under the secret. */
  static String digestHex(ServerSecrets secrets, String mailedKey) {
    byte[] canonical = ActivationKey.parse(mailedKey)
        .orElseThrow(() -> new AssertionError("a mailed key does not parse"))
        .canonicalBytes();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secrets.digestKey(), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(canonical));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** One stored value: its table and column, as text, and as bytes for binary columns. */
  record Cell(String table, String column, String text, byte[] bytes) {}

  /** The base tables of the connection's current schema, lower-cased name to name as stored. */
  static Map<String, String> tables(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    Map<String, String> tables = new TreeMap<>();
    try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", null)) {
      while (rs.next()) {
        String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
        if (type.equals("TABLE") || type.equals("BASE TABLE")) {
          String name = rs.getString("TABLE_NAME");
          tables.put(name.toLowerCase(Locale.ROOT), name);
        }
      }
    }
    return tables;
  }

  /** Rows per table of the current schema, by lower-cased table name. */
  static Map<String, Long> rowCounts(DataSource dataSource) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = dataSource.getConnection()) {
      for (Map.Entry<String, String> table : tables(c).entrySet()) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(c, table.getValue()))) {
          rs.next();
          counts.put(table.getKey(), rs.getLong(1));
        }
      }
    }
    return counts;
  }

  /**
   * Every non-null value of every column (listed through {@link DatabaseMetaData}) of every table
   * of the current schema.
   */
  static List<Cell> everyValue(DataSource dataSource) throws SQLException {
    List<Cell> cells = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      for (Map.Entry<String, String> table : tables(c).entrySet()) {
        Map<String, Integer> columns = new TreeMap<>();
        try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table.getValue(),
            "%")) {
          while (rs.next()) {
            columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
          }
        }
        if (columns.isEmpty()) {
          throw new AssertionError("no columns listed for " + table.getKey());
        }
        StringBuilder select = new StringBuilder("SELECT ");
        List<String> names = new ArrayList<>(columns.keySet());
        for (int i = 0; i < names.size(); i++) {
          select.append(i == 0 ? "" : ", ").append(quote(c, names.get(i)));
        }
        select.append(" FROM ").append(quote(c, table.getValue()));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
          ResultSetMetaData rsMeta = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= names.size(); i++) {
              String column = names.get(i - 1).toLowerCase(Locale.ROOT);
              byte[] bytes = isBinary(rsMeta.getColumnType(i)) ? rs.getBytes(i) : null;
              String text = rs.getString(i);
              if (text != null || bytes != null) {
                cells.add(new Cell(table.getKey(), column, text, bytes));
              }
            }
          }
        }
      }
    }
    return cells;
  }

  /**
   * Where {@code secret} shows in {@code cell}, or null: as is, without dashes and spaces, in
   * any letter case, in hex or base64 of its UTF-8 bytes; in text, in the raw bytes, and in the
   * bytes read as UTF-8 and as Latin-1.
   */
  static String find(Cell cell, String secret) {
    List<String> needles = needles(secret);
    if (cell.text() != null) {
      String hay = cell.text().toLowerCase(Locale.ROOT);
      for (String needle : needles) {
        if (hay.contains(needle)) {
          return "text";
        }
      }
    }
    if (cell.bytes() != null) {
      for (String decoded : List.of(new String(cell.bytes(), StandardCharsets.UTF_8),
          new String(cell.bytes(), StandardCharsets.ISO_8859_1))) {
        String hay = decoded.toLowerCase(Locale.ROOT);
        for (String needle : needles) {
          if (hay.contains(needle)) {
            return "decoded bytes";
          }
        }
      }
      for (String needle : List.of(secret, secret.toLowerCase(Locale.ROOT),
          secret.toUpperCase(Locale.ROOT), compact(secret))) {
        if (indexOf(cell.bytes(), needle.getBytes(StandardCharsets.UTF_8)) >= 0) {
          return "raw bytes";
        }
      }
    }
    return null;
  }

  private static List<String> needles(String secret) {
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    return List.of(secret.toLowerCase(Locale.ROOT), compact(secret).toLowerCase(Locale.ROOT),
        HexFormat.of().formatHex(utf8),
        java.util.Base64.getEncoder().withoutPadding().encodeToString(utf8)
            .toLowerCase(Locale.ROOT));
  }

  /** The secret without dashes and spaces: a key as its canonical 25 characters. */
  static String compact(String secret) {
    return secret.replace("-", "").replace(" ", "");
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean isBinary(int type) {
    return type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
        || type == Types.BLOB;
  }

  private static String quote(Connection c, String identifier) throws SQLException {
    String q = c.getMetaData().getIdentifierQuoteString().strip();
    return q + identifier.replace(q, q + q) + q;
  }
}
