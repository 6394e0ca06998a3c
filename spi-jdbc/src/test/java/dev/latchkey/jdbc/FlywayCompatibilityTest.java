package dev.latchkey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.Redemption;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.testkit.CapturingNotifier;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The migrations ship in Flyway's layout so that a host with Flyway can run them instead of
 * {@link JdbcSchema}: Flyway applies them to a fresh database, and a {@link JdbcStore} over the
 * result works end to end. {@link JdbcSchema} is deliberately never called here.
 */
class FlywayCompatibilityTest {
  private static final ServerSecrets SECRETS = ServerSecrets.ephemeral(new SecureRandom());

  @Test
  @DisplayName("Flyway migrates a fresh H2 database from db/migration/h2, and JdbcStore runs on it")
  void flywayMigratesH2() throws SQLException {
    String url = "jdbc:h2:mem:lkfw" + randomSuffix() + ";DB_CLOSE_DELAY=-1";
    try (HikariDataSource pool = pool(url)) {
      assertMigratesAndServes(pool, "classpath:db/migration/h2");
    } finally {
      execute(url, "SHUTDOWN");
    }
  }

  @Test
  @DisplayName("Flyway migrates a fresh PostgreSQL schema from db/migration/postgresql, and "
      + "JdbcStore runs on it")
  void flywayMigratesPostgres() throws SQLException {
    TestDatabase.requirePostgres();
    String schema = "lk_flyway_" + randomSuffix();
    execute(TestDatabase.PG_URL, "CREATE SCHEMA " + schema);
    String url = TestDatabase.PG_URL + (TestDatabase.PG_URL.contains("?") ? "&" : "?")
        + "currentSchema=" + schema;
    try (HikariDataSource pool = pool(url)) {
      assertMigratesAndServes(pool, "classpath:db/migration/postgresql");
    } finally {
      execute(TestDatabase.PG_URL, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void assertMigratesAndServes(DataSource dataSource, String location)
      throws SQLException {
    Flyway flyway = Flyway.configure().dataSource(dataSource).locations(location).load();
    MigrateResult first = flyway.migrate();
    assertThat(first.success).isTrue();
    assertThat(first.migrationsExecuted).as("migrations applied to a fresh database")
        .isPositive();
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
    assertThat(flyway.migrate().migrationsExecuted).as("a second migrate is a no-op").isZero();
    assertThat(tableExists(dataSource, "lk_schema_version"))
        .as("JdbcSchema's version table: Flyway and JdbcSchema are never mixed").isFalse();

    JdbcStore store = JdbcStore.create(dataSource, SECRETS);
    CapturingNotifier mail = new CapturingNotifier();
    Latchkey latchkey = Latchkey.builder()
        .store(store)
        .notifier(mail)
        .secrets(SECRETS)
        .deliverSynchronously()
        .build();

    DistrictId districtId = DistrictId.of("naperville-203");
    District district = new District(districtId, "Naperville Community Unit School District 203",
        "IL", ZoneId.of("America/Chicago"), EmailAddress.of("parentsupport@example.org"),
        "630.420.6825");
    latchkey.roster().putDistrict(district);
    assertThat(store.district(districtId)).contains(district);

    GuardianId maria = GuardianId.of("g-1001");
    EmailAddress email = EmailAddress.of("maria.lopez@example.org");
    latchkey.roster().putGuardian(Guardian.of(maria, districtId, "Maria", "Lopez", email));
    latchkey.activation().issue(maria, RequestContext.system());
    String key = mail.lastKeyFor(email).orElseThrow();
    RequestContext request = RequestContext.of("203.0.113.5", "Mozilla/5.0");
    String password = "orange kite under seven bridges";
    assertThat(latchkey.activation().redeem(
        new Redemption(key, "maria.lopez", password, password), request).code())
        .isEqualTo(RedeemCode.REDEEMED);
    assertThat(latchkey.signIn().signIn(
        new Credentials(districtId, "maria.lopez", password), request).code())
        .isEqualTo(SignInResult.Code.SIGNED_IN);
    assertThat(count(dataSource, "lk_audit")).as("audit rows").isPositive();
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  private static boolean tableExists(DataSource dataSource, String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), null,
            new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return true;
        }
      }
      return false;
    }
  }

  private static long count(DataSource dataSource, String table) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
