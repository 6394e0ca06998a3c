package dev.latchkey.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.BulkIssueProgress;
import dev.latchkey.activation.BulkIssueReport;
import dev.latchkey.jdbc.JdbcSchema;
import dev.latchkey.jdbc.JdbcStore;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.roster.BatchReport;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.roster.StudentAccountPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The back-to-school run at district scale, on H2 and PostgreSQL: import 100,000 guardians,
 * 150,000 students and their links through {@code roster().importBatch}, then
 * {@code activation().issueAll} for 100,000 keys — each measured against a plain JDBC batch
 * insert of the same rows into the same tables (a second, identically migrated schema) in the
 * same run. Then the nightly sync: the same district again as a bulk file (every kind), which
 * compares every record and walks the district for anything to delete. Records per second and
 * the ratios Latchkey ÷ plain insert are printed and written to
 * {@code benchmarks/target/roster-import.json}.
 *
 * <p>A one-shot harness rather than a JMH benchmark: each phase is minutes of database work on
 * a fresh schema, where JMH's repeated iterations would measure a growing database. A run at a
 * tenth of the size first warms up both paths.
 *
 * <p>Student logins are off ({@link StudentAccountPolicy#none()}) for the import: creating one
 * costs an Argon2id hash, which is the hash's cost, not the roster's; their rate is the sign-in
 * benchmark's business.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.latchkey.benchmarks.RosterImportBenchmark
 *     [h2,postgres] [guardians] [students]</pre>
 */
public final class RosterImportBenchmark {
  private static final String PG_URL = System.getenv().getOrDefault("LATCHKEY_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
  private static final DistrictId DISTRICT = DistrictId.of("bench-import");
  private static final int BATCH = 1000;

  private RosterImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> backends = List.of((args.length > 0 ? args[0] : "h2,postgres").split(","));
    int guardians = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int students = args.length > 2 ? Integer.parseInt(args[2]) : 150_000;
    StringBuilder json = new StringBuilder("[\n");
    for (String backend : backends) {
      System.out.printf(Locale.ROOT, "%s: warm-up at a tenth of the size%n", backend);
      run(backend, guardians / 10, students / 10);
      System.out.printf(Locale.ROOT, "%s: %,d guardians, %,d students%n", backend, guardians,
          students);
      Result r = run(backend, guardians, students);
      System.out.println(r.summary());
      json.append(json.length() > 2 ? ",\n" : "").append(r.json());
    }
    json.append("\n]\n");
    Path out = Path.of("benchmarks", "target", "roster-import.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json.toString(), StandardCharsets.UTF_8);
    System.out.println("written " + out);
  }

  /** The figures of one backend. */
  record Result(String backend, int records, int keys, double importSeconds,
      double plainImportSeconds, double issueSeconds, double plainIssueSeconds,
      double resyncSeconds) {
    String summary() {
      return String.format(Locale.ROOT,
          "%-8s import %,d records: Latchkey %,.0f/s, plain insert %,.0f/s, ratio %.2fx%n"
              + "%-8s issue %,d keys:      Latchkey %,.0f/s, plain insert %,.0f/s, ratio %.2fx%n"
              + "%-8s bulk re-sync, nothing changed: Latchkey %,.0f records/s, "
              + "%.2fx the plain insert of the same rows",
          backend, records, records / importSeconds, records / plainImportSeconds,
          importSeconds / plainImportSeconds,
          backend, keys, keys / issueSeconds, keys / plainIssueSeconds,
          issueSeconds / plainIssueSeconds,
          backend, records / resyncSeconds, resyncSeconds / plainImportSeconds);
    }

    String json() {
      return String.format(Locale.ROOT, "  {\"backend\": \"%s\", \"records\": %d, \"keys\": %d, "
              + "\"importSeconds\": %.3f, \"plainImportSeconds\": %.3f, \"importRatio\": %.3f, "
              + "\"issueSeconds\": %.3f, \"plainIssueSeconds\": %.3f, \"issueRatio\": %.3f, "
              + "\"bulkResyncSeconds\": %.3f, \"bulkResyncRatio\": %.3f}",
          backend, records, keys, importSeconds, plainImportSeconds,
          importSeconds / plainImportSeconds, issueSeconds, plainIssueSeconds,
          issueSeconds / plainIssueSeconds, resyncSeconds, resyncSeconds / plainImportSeconds);
    }
  }

  static Result run(String backend, int guardians, int students) throws Exception {
    Data data = Data.generate(guardians, students);
    try (Database latchkeyDb = Database.open(backend); Database plainDb = Database.open(backend)) {
      // The baseline: the same rows, plain batches, into identically migrated tables.
      long t0 = System.nanoTime();
      plainImport(plainDb, data);
      double plainImport = seconds(t0);

      ServerSecrets secrets = ServerSecrets.ephemeral(new SecureRandom());
      Latchkey latchkey = Latchkey.builder()
          .store(JdbcStore.create(latchkeyDb.pool, secrets))
          .notifier(n -> { })
          .audit(e -> { })
          .secrets(secrets)
          .passwordHasher(Argon2idHasher.create(Argon2Parameters.owasp2025(), new SecureRandom()))
          .studentAccountPolicy(StudentAccountPolicy.none())
          .build();
      latchkey.roster().putDistrict(district());
      long t1 = System.nanoTime();
      BatchReport report = latchkey.roster().importBatch(data.batch);
      double latchkeyImport = seconds(t1);
      if (!report.errors().isEmpty() || report.applied() != data.records()) {
        throw new IllegalStateException("import did not apply every record: " + report.applied()
            + " of " + data.records() + ", first error " + report.errors().stream().findFirst());
      }

      long t3 = System.nanoTime();
      BulkIssueReport issued = latchkey.activation().issueAll(DISTRICT, BulkIssueProgress.NONE);
      double latchkeyIssue = seconds(t3);
      if (issued.issued() != guardians) {
        throw new IllegalStateException("issued " + issued.issued() + " of " + guardians);
      }

      // The nightly sync: the same district again as a bulk file, so every record is compared
      // and everything on file but absent from it would be deleted (nothing is).
      RosterBatch bulk = Data.generate(guardians, students, true).batch;
      long t4 = System.nanoTime();
      BatchReport resync = latchkey.roster().importBatch(bulk);
      double latchkeyResync = seconds(t4);
      if (!resync.errors().isEmpty() || resync.applied() != data.records()
          || resync.deleted() != 0) {
        throw new IllegalStateException("the bulk re-sync changed the roster: " + resync);
      }
      // The same rows: key rows, and outbox rows as long as the messages Latchkey wrote.
      int payload = averagePayload(latchkeyDb);
      long t2 = System.nanoTime();
      plainIssue(plainDb, guardians, payload);
      double plainIssue = seconds(t2);
      return new Result(backend, data.records(), guardians, latchkeyImport, plainImport,
          latchkeyIssue, plainIssue, latchkeyResync);
    }
  }

  private static District district() {
    return new District(DISTRICT, "Benchmark Import School District", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("helpdesk@example.org"), "630.555.0100");
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  // ---- the baseline ----

  private static void plainImport(Database db, Data data) throws SQLException {
    try (Connection c = db.pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement d = c.prepareStatement("INSERT INTO lk_district (id, name, state, "
          + "time_zone, helpdesk_email, helpdesk_phone) VALUES (?, ?, ?, ?, ?, ?)")) {
        District district = district();
        d.setString(1, district.id().value());
        d.setString(2, district.name());
        d.setString(3, district.state());
        d.setString(4, district.timeZone().getId());
        d.setString(5, district.helpdeskEmail().value());
        d.setString(6, district.helpdeskPhone());
        d.executeUpdate();
      }
      c.commit();
      batches(c, "INSERT INTO lk_guardian (id, district_id, given_name, family_name, email, "
          + "email_key, phone, postal_code, preferred_language, sign_in_enabled) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", data.batch.guardians(), (ps, g) -> {
            ps.setString(1, g.id());
            ps.setString(2, DISTRICT.value());
            ps.setString(3, g.givenName());
            ps.setString(4, g.familyName());
            ps.setString(5, g.email());
            ps.setString(6, g.email());
            ps.setString(7, g.phone());
            ps.setString(8, g.postalCode());
            ps.setString(9, g.language());
            ps.setBoolean(10, true);
          });
      batches(c, "INSERT INTO lk_student (id, district_id, student_number, given_name, "
          + "family_name, date_of_birth, grade, school, status, school_id, sign_in_enabled) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", data.batch.students(), (ps, s) -> {
            ps.setString(1, s.id());
            ps.setString(2, DISTRICT.value());
            ps.setString(3, s.studentNumber());
            ps.setString(4, s.givenName());
            ps.setString(5, s.familyName());
            ps.setObject(6, LocalDate.parse(s.birthDate()));
            ps.setString(7, "G" + s.grade());
            ps.setString(8, "Benchmark Import School District");
            ps.setString(9, "ENROLLED");
            ps.setString(10, null);
            ps.setBoolean(11, true);
          });
      batches(c, "INSERT INTO lk_link (guardian_id, student_id, relationship, portal_access) "
          + "VALUES (?, ?, ?, ?)", data.batch.links(), (ps, l) -> {
            ps.setString(1, l.guardianId());
            ps.setString(2, l.studentId());
            ps.setString(3, "PARENT");
            ps.setBoolean(4, true);
          });
    }
  }

  private static int averagePayload(Database db) throws SQLException {
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(
            "SELECT AVG(OCTET_LENGTH(payload)) FROM lk_outbox")) {
      rs.next();
      return (int) Math.round(rs.getDouble(1));
    }
  }

  /** A key row and an outbox row of the same sizes as Latchkey's, for each guardian. */
  private static void plainIssue(Database db, int guardians, int payloadBytes)
      throws SQLException {
    Instant now = Instant.now();
    Timestamp issued = Timestamp.from(now);
    Timestamp expires = Timestamp.from(now.plusSeconds(7 * 86_400));
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<Integer> ids = new ArrayList<>(guardians);
    for (int i = 0; i < guardians; i++) {
      ids.add(i);
    }
    try (Connection c = db.pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement key = c.prepareStatement("INSERT INTO lk_activation_key (digest, "
          + "guardian_id, district_id, live_guardian_id, sent_to, issued_at, expires_at, state) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement mail = c.prepareStatement("INSERT INTO lk_outbox (id, district_id, "
              + "type, payload, created_at, next_attempt_at, attempts, parked) "
              + "VALUES (?, ?, ?, ?, ?, ?, 0, FALSE)")) {
        int n = 0;
        for (int i : ids) {
          byte[] digest = new byte[32];
          random.nextBytes(digest);
          key.setString(1, HexFormat.of().formatHex(digest));
          key.setString(2, Data.guardianId(i));
          key.setString(3, DISTRICT.value());
          key.setString(4, Data.guardianId(i));
          key.setString(5, Data.email(i));
          key.setTimestamp(6, issued);
          key.setTimestamp(7, expires);
          key.setString(8, "LIVE");
          key.addBatch();
          byte[] id = new byte[16];
          random.nextBytes(id);
          byte[] payload = new byte[payloadBytes];
          random.nextBytes(payload);
          mail.setString(1, HexFormat.of().formatHex(id));
          mail.setString(2, DISTRICT.value());
          mail.setString(3, "ACTIVATION_KEY");
          mail.setBytes(4, payload);
          mail.setTimestamp(5, issued);
          mail.setTimestamp(6, issued);
          mail.addBatch();
          if (++n % BATCH == 0) {
            key.executeBatch();
            mail.executeBatch();
            c.commit();
          }
        }
        key.executeBatch();
        mail.executeBatch();
        c.commit();
      }
    }
  }

  /** Binds one row to a prepared statement. */
  @FunctionalInterface
  private interface Binder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  private static <T> void batches(Connection c, String sql, List<T> rows, Binder<T> binder)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int n = 0;
      for (T row : rows) {
        binder.bind(ps, row);
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
          c.commit();
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  // ---- the data ----

  /** A synthetic district: each student has one or two parents among the guardians. */
  private record Data(RosterBatch batch) {
    static String guardianId(int i) {
      return String.format(Locale.ROOT, "g-%07d", i);
    }

    static String email(int i) {
      return String.format(Locale.ROOT, "parent%07d@example.org", i);
    }

    static Data generate(int guardians, int students) {
      return generate(guardians, students, false);
    }

    static Data generate(int guardians, int students, boolean bulk) {
      RosterBatch.Builder b = RosterBatch.builder(DISTRICT);
      if (bulk) {
        b.bulk(RosterBatch.Kind.values());
      }
      for (int i = 0; i < guardians; i++) {
        b.guardian(new RosterBatch.GuardianRow("gen:" + i, guardianId(i), "Given" + i,
            "Family" + (i / 2), email(i), "630-555-" + (1000 + i % 9000), "605" + (i % 100),
            i % 5 == 0 ? "es" : null, true));
      }
      for (int s = 0; s < students; s++) {
        String id = String.format(Locale.ROOT, "s-%07d", s);
        int grade = 1 + s % 12;
        b.student(new RosterBatch.StudentRow("gen:s" + s, id, Integer.toString(500_000 + s),
            "Kid" + s, "Family" + (s % guardians / 2), LocalDate.of(2008 + s % 12, 1 + s % 12,
            1 + s % 28).toString(), Integer.toString(grade), null, true, true));
        int first = s % guardians;
        b.link(new RosterBatch.LinkRow("gen:l" + s, guardianId(first), id, "parent", true));
        if (s % 2 == 0) {
          int second = (first + 1) % guardians;
          b.link(new RosterBatch.LinkRow("gen:m" + s, guardianId(second), id, "parent", true));
        }
      }
      return new Data(b.build());
    }

    int records() {
      return batch.guardians().size() + batch.students().size() + batch.links().size();
    }
  }

  /** A fresh, migrated database: a PostgreSQL schema or an in-memory H2 database. */
  private static final class Database implements AutoCloseable {
    final HikariDataSource pool;
    private final Runnable drop;

    private Database(HikariDataSource pool, Runnable drop) {
      this.pool = pool;
      this.drop = drop;
    }

    static Database open(String backend) {
      String suffix = Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
      String url;
      Runnable drop;
      switch (backend) {
        case "h2" -> {
          url = "jdbc:h2:mem:lk_import_" + suffix + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
          String u = url;
          drop = () -> execute(u, "SHUTDOWN");
        }
        case "postgres" -> {
          String schema = "lk_import_" + suffix;
          execute(PG_URL, "CREATE SCHEMA " + schema);
          url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
          drop = () -> execute(PG_URL, "DROP SCHEMA " + schema + " CASCADE");
        }
        default -> throw new IllegalArgumentException("backend must be h2 or postgres");
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(4);
      config.setPoolName("latchkey-import");
      HikariDataSource pool = new HikariDataSource(config);
      JdbcSchema.migrate(pool);
      return new Database(pool, drop);
    }

    @Override
    public void close() {
      pool.close();
      drop.run();
    }

    private static void execute(String url, String sql) {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("benchmark database setup failed: " + sql, e);
      }
    }
  }
}
