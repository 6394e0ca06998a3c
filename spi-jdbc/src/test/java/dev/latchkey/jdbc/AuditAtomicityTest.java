package dev.latchkey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.StoreException;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.testkit.CapturingAuditSink;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An action whose audit row cannot be written does not happen (PostgreSQL): a trigger refuses
 * one kind of audit row, and the change that row records must roll back with it.
 */
class AuditAtomicityTest {
  private static final DistrictId DISTRICT = DistrictId.of("naperville-203");
  private static final GuardianId MARIA = GuardianId.of("g-maria");
  private static final EmailAddress EMAIL = EmailAddress.of("maria.lopez@example.org");
  private static final String LOGIN = "maria.lopez";
  private static final String PASSWORD = "orange kite under seven bridges";
  private static final RequestContext REQUEST = RequestContext.of("198.51.100.7", "Test/1.0");

  private TestDatabase db;
  private DataSource pool;
  private Latchkey latchkey;
  private AccountId account;
  private final CapturingAuditSink audit = new CapturingAuditSink();

  @BeforeEach
  void setUp() {
    db = TestDatabase.postgres();
    pool = db.pool();
    ServerSecrets secrets = ServerSecrets.ephemeral(new SecureRandom());
    CapturingNotifier mail = new CapturingNotifier();
    latchkey = ScanSupport.facade(JdbcStore.create(pool, secrets), mail, audit,
        MutableClock.at(Instant.parse("2026-08-17T12:00:00Z")), secrets);
    latchkey.roster().putDistrict(new District(DISTRICT, "Naperville 203", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("help@example.org"), "630.420.6825"));
    latchkey.roster().putGuardian(Guardian.of(MARIA, DISTRICT, "Maria", "Lopez", EMAIL));
    latchkey.activation().issue(MARIA, REQUEST);
    latchkey.outbox().runOnce();
    RedeemResult redeemed = latchkey.activation().redeem(new Redemption(
        mail.lastKeyFor(EMAIL).orElseThrow(), LOGIN, PASSWORD, PASSWORD), REQUEST);
    account = ((RedeemResult.Redeemed) redeemed).account().id();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  /** From now on the database refuses every audit row of {@code type}. */
  private void refuseAuditRowsOf(String type) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION lk_test_refuse() RETURNS trigger AS $$ BEGIN "
          + "IF NEW.type = '" + type + "' THEN RAISE EXCEPTION 'audit refused'; END IF; "
          + "RETURN NEW; END $$ LANGUAGE plpgsql");
      s.execute("CREATE TRIGGER lk_test_refuse BEFORE INSERT ON lk_audit FOR EACH ROW "
          + "EXECUTE FUNCTION lk_test_refuse()");
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private SignInResult signIn(String password) {
    return latchkey.signIn().signIn(new Credentials(DISTRICT, LOGIN, password), REQUEST);
  }

  @Test
  @DisplayName("the failure that would lock, with its audit row refused, neither locks nor mails")
  void lockDoesNotHappenWithoutItsAuditRow() throws SQLException {
    for (int i = 0; i < 4; i++) {
      assertThat(signIn("wrong " + i)).isEqualTo(new SignInResult.Failed());
    }
    long outbox = count("SELECT COUNT(*) FROM lk_outbox");
    refuseAuditRowsOf("ACCOUNT_LOCKED");
    int shown = audit.events().size();

    assertThatThrownBy(() -> signIn("not the password at all")).isInstanceOf(StoreException.class)
        .hasMessageNotContaining("not the password");
    assertThat(count("SELECT COUNT(*) FROM lk_account WHERE locked_at IS NOT NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM lk_outbox")).as("no lock notice").isEqualTo(outbox);
    assertThat(count("SELECT COUNT(*) FROM lk_audit WHERE type = 'SIGN_IN_FAILED'"))
        .as("the failure's own row went with it").isEqualTo(4);
    assertThat(audit.events()).as("nothing shown to the sink").hasSize(shown);
  }

  @Test
  @DisplayName("an unlock whose audit row is refused leaves the account locked and mails nothing")
  void unlockDoesNotHappenWithoutItsAuditRow() throws SQLException {
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("wrong " + i)).isEqualTo(new SignInResult.Failed());
    }
    long outbox = count("SELECT COUNT(*) FROM lk_outbox");
    refuseAuditRowsOf("ACCOUNT_UNLOCKED");

    assertThatThrownBy(() -> latchkey.accounts().unlock(account, REQUEST))
        .isInstanceOf(StoreException.class);
    assertThat(count("SELECT COUNT(*) FROM lk_account WHERE locked_at IS NOT NULL")).isOne();
    assertThat(count("SELECT COUNT(*) FROM lk_outbox")).isEqualTo(outbox);
    assertThat(count("SELECT COUNT(*) FROM lk_audit WHERE type = 'ACCOUNT_UNLOCKED'")).isZero();
  }

  @Test
  @DisplayName("a password change whose audit row is refused keeps the old password")
  void passwordChangeDoesNotHappenWithoutItsAuditRow() throws SQLException {
    refuseAuditRowsOf("PASSWORD_CHANGED");
    String next = "violet harbor drums at midnight";

    assertThatThrownBy(() -> latchkey.accounts().changePassword(account, PASSWORD, next, next,
        REQUEST)).isInstanceOf(StoreException.class);
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(count("SELECT credential_version FROM lk_account")).isOne();
  }
}
