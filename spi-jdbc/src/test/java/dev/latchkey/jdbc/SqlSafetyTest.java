package dev.latchkey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.activation.ResendResult;
import dev.latchkey.jdbc.ScanSupport.Backend;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.testkit.CapturingAuditSink;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * S35: text full of SQL metacharacters — quotes, semicolons, comment openers, backslashes and
 * LIKE wildcards — in every roster field, every id (as far as the id rules allow), login names,
 * emails and passwords is stored and read back exactly, works end to end (a key is issued and
 * redeemed, the account signs in), never acts as a pattern, and leaves every table in place.
 */
class SqlSafetyTest {
  /** Ids may hold only {@code 0-9 A-Z a-z . _ - / @}: these use every one that SQL cares about. */
  private static final DistrictId DISTRICT = DistrictId.of("d_--1/./@x");
  /** As a LIKE pattern, this would match {@link #DISTRICT}. */
  private static final DistrictId DISTRICT_PATTERN = DistrictId.of("d_--1/./@_");
  private static final GuardianId OBRIEN = GuardianId.of("g_--1/.@_");
  private static final GuardianId NEIGHBOUR = GuardianId.of("g_--2/..@__");
  private static final StudentId SEAN = StudentId.of("s_--1/-_@.");

  private static final String DISTRICT_NAME =
      "St. O'Brien \"Unified\"; DROP TABLE lk_district;-- /* 100% _ \\ */";
  private static final String GIVEN = "O'Brien; DROP TABLE lk_account;--";
  private static final String FAMILY =
      "Robert'); DELETE FROM lk_guardian; /* \"Bobby\" */ \\' OR '1'='1 -- 100% _x_";
  /** LIKE-shaped: as a pattern it would match {@link #NEIGHBOUR_EMAIL} too. */
  private static final EmailAddress OBRIEN_EMAIL = EmailAddress.of("o%_b@example.org");
  private static final EmailAddress NEIGHBOUR_EMAIL = EmailAddress.of("oxxyb@example.org");
  private static final String SCHOOL =
      "St. Mary's \"Academy\"; DELETE FROM lk_student; -- /* 50% off */ \\ \\\\ _";
  /** Every character a login name allows, arranged to look like SQL and like a LIKE pattern. */
  private static final String LOGIN = "o_brien--drop.table@lk_account";
  private static final String PASSWORD = "x'); DROP TABLE lk_account;-- \"q\" /* 100% _ \\ */ kite";
  private static final String NEW_PASSWORD =
      "'; UPDATE lk_account SET status='ACTIVE' -- %_\\\" v2";
  private static final RequestContext REQUEST = RequestContext.of("198.51.100.9", "Sql/1.0");

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  @DisplayName("S35: SQL metacharacters in every field round-trip, work end to end, drop nothing")
  void sqlMetacharactersRoundTripAndWorkEndToEnd(Backend backend) throws Exception {
    ServerSecrets secrets = ServerSecrets.ephemeral(new SecureRandom());
    try (TestDatabase db = backend.open()) {
      DataSource pool = db.pool();
      JdbcStore store = JdbcStore.create(pool, secrets);
      CapturingNotifier mail = new CapturingNotifier();
      CapturingAuditSink captured = new CapturingAuditSink();
      MutableClock clock = MutableClock.at(Instant.parse("2026-08-17T12:00:00Z"));
      Latchkey latchkey = ScanSupport.facade(store, mail, captured, clock, secrets);

      District district = new District(DISTRICT, DISTRICT_NAME, "IL",
          ZoneId.of("America/Chicago"), EmailAddress.of("help%_--/*x*/=1@example.org"),
          "630'; -- \\ 4206825");
      Guardian obrien = new Guardian(OBRIEN, DISTRICT, GIVEN, FAMILY, Optional.of(OBRIEN_EMAIL),
          Optional.of("555' OR '1'='1"), Optional.of("60540\\;--%"));
      Guardian neighbour = Guardian.of(NEIGHBOUR, DISTRICT, "Nell", "Neighbour",
          NEIGHBOUR_EMAIL);
      Student sean = new Student(SEAN, DISTRICT, "100_--/1", "Sean \"Jr.\"; --",
          "O'Brien' OR 1=1; --", Optional.of(LocalDate.of(2014, 3, 17)), Grade.G5, SCHOOL,
          EnrollmentStatus.ENROLLED);
      GuardianLink link = new GuardianLink(OBRIEN, SEAN, Relationship.PARENT, true);

      // Put, then read back exactly.
      assertThat(latchkey.roster().putDistrict(district)).isEqualTo(RosterResult.APPLIED);
      assertThat(latchkey.roster().putGuardian(obrien)).isEqualTo(RosterResult.APPLIED);
      assertThat(latchkey.roster().putGuardian(neighbour)).isEqualTo(RosterResult.APPLIED);
      assertThat(latchkey.roster().putStudent(sean)).isEqualTo(RosterResult.APPLIED);
      assertThat(latchkey.roster().link(link)).isEqualTo(RosterResult.APPLIED);
      assertThat(latchkey.roster().district(DISTRICT)).contains(district);
      assertThat(latchkey.roster().guardian(OBRIEN)).contains(obrien);
      assertThat(latchkey.roster().guardian(NEIGHBOUR)).contains(neighbour);
      assertThat(latchkey.roster().student(SEAN)).contains(sean);
      assertThat(latchkey.roster().visibleStudents(OBRIEN)).containsExactly(sean);
      assertThat(store.linksOfGuardian(OBRIEN)).containsExactly(link);
      // Second writes are updates through the same statements: still exact.
      assertThat(latchkey.roster().putGuardian(obrien)).isEqualTo(RosterResult.APPLIED);
      assertThat(latchkey.roster().guardian(OBRIEN)).contains(obrien);
      // Stored as typed, not escaped: the raw column holds the very string.
      assertThat(rawColumn(pool, "SELECT given_name FROM lk_guardian WHERE id = ?",
          OBRIEN.value())).isEqualTo(GIVEN);
      assertThat(rawColumn(pool, "SELECT school FROM lk_student WHERE id = ?", SEAN.value()))
          .isEqualTo(SCHOOL);

      // Values are matched exactly, never as patterns.
      assertThat(store.guardiansByEmail(DISTRICT, OBRIEN_EMAIL.key()))
          .extracting(Guardian::id).containsExactly(OBRIEN);
      assertThat(store.guardiansByEmail(DISTRICT, "o%@example.org")).isEmpty();
      assertThat(store.guardiansByEmail(DISTRICT_PATTERN, OBRIEN_EMAIL.key()))
          .isEmpty();

      // A key for the guardian; its message carries every field exactly (outbox round trip).
      assertThat(latchkey.activation().issue(OBRIEN, REQUEST).code())
          .isEqualTo(IssueResult.IssueCode.ISSUED);
      Notification keyMail = mail.last(OBRIEN_EMAIL, NotificationType.ACTIVATION_KEY)
          .orElseThrow();
      assertThat(keyMail.fields()).containsAllEntriesOf(Map.of(
          Notification.NAME, GIVEN + " " + FAMILY,
          Notification.DISTRICT_NAME, DISTRICT_NAME,
          Notification.HELPDESK_EMAIL, district.helpdeskEmail().value(),
          Notification.HELPDESK_PHONE, district.helpdeskPhone(),
          Notification.STUDENTS, sean.displayName()));
      String key = keyMail.secret().orElseThrow().reveal();

      // Redeemed with a login name and a password full of metacharacters.
      RedeemResult redeemed = latchkey.activation().redeem(
          new Redemption(key, LOGIN, PASSWORD, PASSWORD), REQUEST);
      assertThat(redeemed.code()).isEqualTo(RedeemCode.REDEEMED);
      AccountId account = ((RedeemResult.Redeemed) redeemed).account().id();
      assertThat(((RedeemResult.Redeemed) redeemed).account().loginName().value())
          .isEqualTo(LOGIN);
      assertThat(store.account(account).orElseThrow().loginName().value()).isEqualTo(LOGIN);
      assertThat(mail.last(OBRIEN_EMAIL, NotificationType.ACCOUNT_CREATED).orElseThrow()
          .field(Notification.LOGIN_NAME)).contains(LOGIN);

      assertThat(signIn(latchkey, LOGIN, PASSWORD)).isEqualTo(SignInResult.Code.SIGNED_IN);
      // '_' is a LIKE wildcard: a name that would match as a pattern is another name.
      assertThat(signIn(latchkey, "oXbrien--drop.table@lk_account", PASSWORD))
          .isEqualTo(SignInResult.Code.INVALID_CREDENTIALS);
      assertThat(store.accountByLoginName(DISTRICT,
          LoginName.keyOf("oXbrien--drop.table@lkXaccount"))).isEmpty();
      assertThat(store.loginNameTaken(DISTRICT, LoginName.keyOf("o%"), null)).isFalse();
      assertThat(latchkey.accounts().changePassword(account, PASSWORD, NEW_PASSWORD,
          NEW_PASSWORD, REQUEST).code()).isEqualTo(PasswordChangeResult.Code.CHANGED);
      assertThat(signIn(latchkey, LOGIN, NEW_PASSWORD)).isEqualTo(SignInResult.Code.SIGNED_IN);
      assertThat(signIn(latchkey, LOGIN, PASSWORD))
          .isEqualTo(SignInResult.Code.INVALID_CREDENTIALS);

      // A resend to the LIKE-shaped address reaches nobody else.
      assertThat(latchkey.activation().resend(DISTRICT, OBRIEN_EMAIL.value(), REQUEST))
          .isEqualTo(ResendResult.ACCEPTED);
      assertThat(mail.sentTo(NEIGHBOUR_EMAIL, NotificationType.ACTIVATION_KEY)).isEmpty();

      // The audit table took the odd ids as they are.
      assertThat(rawColumn(pool, "SELECT COUNT(*) FROM lk_audit WHERE subject = ?",
          "guardian:" + OBRIEN.value())).isNotEqualTo("0");
      assertThat(captured.events()).isNotEmpty();

      // Every table is still there, holding what the story wrote.
      Map<String, Long> counts = ScanSupport.rowCounts(pool);
      assertThat(counts.keySet()).containsAll(ScanSupport.LATCHKEY_TABLES);
      assertThat(counts).containsEntry("lk_district", 1L).containsEntry("lk_guardian", 2L)
          .containsEntry("lk_student", 1L).containsEntry("lk_link", 1L)
          .containsEntry("lk_account", 1L).containsEntry("lk_activation_key", 1L);
      assertThat(latchkey.roster().guardian(OBRIEN)).contains(obrien);
    }
  }

  @Test
  @DisplayName("S35: ids cannot carry quotes, semicolons or percent signs at all")
  void idsRefuseQuotesAndSemicolons() {
    for (String bad : List.of("g'1", "g\"1", "g;1", "g%1", "g\\1", "g 1", "g*1")) {
      assertThatThrownBy(() -> GuardianId.of(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(GuardianId.of("g_--1/.@_").value()).isEqualTo("g_--1/.@_");
  }

  private static SignInResult.Code signIn(Latchkey latchkey, String login, String password) {
    return latchkey.signIn().signIn(new Credentials(DISTRICT, login, password), REQUEST).code();
  }

  private static String rawColumn(DataSource pool, String sql, String arg) throws Exception {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a row for %s", sql).isTrue();
        return rs.getString(1);
      }
    }
  }
}
