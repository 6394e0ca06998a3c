package dev.latchkey.jdbc;

import dev.latchkey.audit.AuditSink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.activation.ResendResult;
import dev.latchkey.jdbc.ScanSupport.Backend;
import dev.latchkey.jdbc.ScanSupport.Cell;
import dev.latchkey.model.AccountId;
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
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * S17 and S31: after a whole household's story — keys issued, one redeemed, sign-ins, five
 * failures and a lock, an unlock, password changes, a resend — with the mail server down for
 * part of it so secret-bearing messages still wait in the outbox, no value of any column of any
 * table holds a plaintext key or password. Keys are stored as their HMAC digests.
 */
class ColumnScanTest {
  private static final DistrictId DISTRICT = DistrictId.of("scan-203");
  private static final GuardianId MARIA = GuardianId.of("g-maria");
  private static final GuardianId JOSE = GuardianId.of("g-jose");
  private static final GuardianId ROSA = GuardianId.of("g-rosa");
  private static final EmailAddress MARIA_EMAIL = EmailAddress.of("maria.lopez@example.org");
  private static final EmailAddress JOSE_EMAIL = EmailAddress.of("jose.lopez@example.org");
  private static final EmailAddress ROSA_EMAIL = EmailAddress.of("rosa.garcia@example.org");
  private static final RequestContext REQUEST = RequestContext.of("198.51.100.23", "Scan/1.0");

  private final SecureRandom random = new SecureRandom();

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  @DisplayName("S17/S31: no plaintext key or password in any column of any table after a story")
  void fullStoryLeavesNoPlaintextKeyOrPasswordInAnyColumn(Backend backend) throws Exception {
    ServerSecrets secrets = ServerSecrets.ephemeral(random);
    try (TestDatabase db = backend.open()) {
      DataSource pool = db.pool();
      JdbcStore store = JdbcStore.create(pool, secrets);
      MutableClock clock = MutableClock.at(Instant.parse("2026-08-17T12:00:00Z"));
      CapturingNotifier mail = new CapturingNotifier();
      Latchkey latchkey = ScanSupport.facade(store, mail, AuditSink.logging(), clock,
          secrets);
      seedRoster(latchkey);

      // secret -> what it is; the secret itself is never printed.
      Map<String, String> planted = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();

      // Mail works: Maria and Jose get their keys.
      String mariaKey = issue(latchkey, mail, MARIA, MARIA_EMAIL);
      String joseKey = issue(latchkey, mail, JOSE, JOSE_EMAIL);
      keys.add(mariaKey);
      keys.add(joseKey);

      // Rejected redemptions: a mismatched confirmation, a too-short password.
      String login = "mlopez" + hex(3);
      String typo1 = password();
      String typo2 = password();
      planted.put(typo1, "mismatched password");
      planted.put(typo2, "mismatched confirmation");
      assertThat(latchkey.activation().redeem(new Redemption(mariaKey, login, typo1, typo2),
          REQUEST).code()).isEqualTo(RedeemCode.PASSWORD_MISMATCH);
      String tooShort = "k" + hex(4);
      planted.put(tooShort, "too-short password");
      assertThat(latchkey.activation().redeem(new Redemption(mariaKey, login, tooShort,
          tooShort), REQUEST).code()).isEqualTo(RedeemCode.PASSWORD_TOO_WEAK);

      // Maria redeems her key and signs in.
      String first = password();
      planted.put(first, "first password");
      RedeemResult redeemed = latchkey.activation().redeem(
          new Redemption(mariaKey, login, first, first), REQUEST);
      assertThat(redeemed.code()).isEqualTo(RedeemCode.REDEEMED);
      AccountId account = ((RedeemResult.Redeemed) redeemed).account().id();
      assertThat(signIn(latchkey, login, first)).isEqualTo(SignInResult.Code.SIGNED_IN);

      // The mail server goes down. Five wrong passwords lock the account; the right one is then
      // refused too.
      mail.failing(true);
      for (int i = 0; i < 5; i++) {
        String wrong = "wrong " + hex(8);
        planted.put(wrong, "wrong password " + i);
        assertThat(signIn(latchkey, login, wrong))
            .isEqualTo(SignInResult.Code.INVALID_CREDENTIALS);
      }
      assertThat(signIn(latchkey, login, first)).isEqualTo(SignInResult.Code.INVALID_CREDENTIALS);
      assertThat(latchkey.accounts().unlock(account, REQUEST)).isTrue();
      assertThat(signIn(latchkey, login, first)).isEqualTo(SignInResult.Code.SIGNED_IN);

      // Password changes: one with a wrong current password, one that works.
      String wrongCurrent = password();
      String unused = password();
      planted.put(wrongCurrent, "wrong current password");
      planted.put(unused, "refused new password");
      assertThat(latchkey.accounts().changePassword(account, wrongCurrent, unused, unused,
          REQUEST).code()).isEqualTo(PasswordChangeResult.Code.INVALID_CREDENTIALS);
      String second = password();
      planted.put(second, "second password");
      assertThat(latchkey.accounts().changePassword(account, first, second, second, REQUEST)
          .code()).isEqualTo(PasswordChangeResult.Code.CHANGED);

      // Jose lost his mail: a resend revokes his key and queues a new one.
      assertThat(latchkey.activation().resend(DISTRICT, JOSE_EMAIL.value(), REQUEST))
          .isEqualTo(ResendResult.ACCEPTED);
      assertThat(store.pendingCount()).as("messages waiting while the mail server is down")
          .isGreaterThanOrEqualTo(3);

      // Mail is back: everything waiting is delivered, and purged from the outbox (S31).
      mail.failing(false);
      clock.advance(Duration.ofHours(2));
      latchkey.outbox().runOnce();
      assertThat(store.pendingCount()).as("delivered messages are purged").isZero();
      assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.ACCOUNT_LOCKED)).hasSize(1);
      String joseSecondKey = mail.lastKeyFor(JOSE_EMAIL).orElseThrow();
      assertThat(joseSecondKey).isNotEqualTo(joseKey);
      keys.add(joseSecondKey);

      // Down again at the end: Rosa's key and a password-changed notice stay in the outbox.
      mail.failing(true);
      assertThat(latchkey.activation().issue(ROSA, REQUEST).code())
          .isEqualTo(IssueResult.IssueCode.ISSUED);
      String third = password();
      planted.put(third, "third password");
      assertThat(latchkey.accounts().changePassword(account, second, third, third, REQUEST)
          .code()).isEqualTo(PasswordChangeResult.Code.CHANGED);
      assertThat(signIn(latchkey, login, third)).isEqualTo(SignInResult.Code.SIGNED_IN);

      // The keys still waiting, read the way a relay reads them (another process's store).
      List<OutboxMessage> waiting = JdbcStore.create(db.pool(), secrets)
          .claimDue(clock.instant().plus(Duration.ofDays(1)), 100, Duration.ofMinutes(1));
      List<String> queuedKeys = waiting.stream()
          .filter(m -> m.notification().type() == NotificationType.ACTIVATION_KEY)
          .map(m -> m.notification().secret().map(SecretText::reveal).orElseThrow())
          .toList();
      assertThat(queuedKeys).as("a key still waits, encrypted, in the outbox").hasSize(1);
      assertThat(waiting).extracting(m -> m.notification().recipient())
          .contains(ROSA_EMAIL, MARIA_EMAIL);
      keys.addAll(queuedKeys);
      for (int i = 0; i < keys.size(); i++) {
        planted.put(keys.get(i), "activation key " + i);
      }
      // Whatever else carried a secret (a token, any message type), delivered or waiting.
      List<Notification> everyMessage = new ArrayList<>(mail.sent());
      waiting.forEach(m -> everyMessage.add(m.notification()));
      for (Notification n : everyMessage) {
        n.secret().map(SecretText::reveal)
            .ifPresent(secret -> planted.putIfAbsent(secret, "secret of a " + n.type()));
      }

      // Not vacuous: the tables hold the story.
      Map<String, Long> counts = ScanSupport.rowCounts(pool);
      assertThat(counts).containsKeys(ScanSupport.LATCHKEY_TABLES.toArray(String[]::new));
      assertThat(counts.get("lk_activation_key")).isEqualTo(4L);
      // The guardian's login, and the 7th grader's own, made by the roster.
      assertThat(counts.get("lk_account")).isEqualTo(2L);
      assertThat(counts.get("lk_outbox")).isEqualTo(2L);
      assertThat(counts.get("lk_audit")).isPositive();

      // S17: keys are kept as HMAC-SHA256 digests under the server secret, nothing else.
      List<String> digests = new ArrayList<>();
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT digest FROM lk_activation_key")) {
        while (rs.next()) {
          digests.add(rs.getString(1));
        }
      }
      assertThat(digests).allMatch(d -> d.matches("[0-9a-f]{64}"))
          .containsExactlyInAnyOrderElementsOf(
              keys.stream().map(k -> ScanSupport.digestHex(secrets, k)).toList());

      // The scan: every value of every column of every table.
      List<Cell> cells = ScanSupport.everyValue(pool);
      assertThat(cells).extracting(Cell::table).containsAll(List.of("lk_activation_key",
          "lk_account", "lk_outbox", "lk_audit", "lk_guardian"));
      assertThat(cells).filteredOn(c -> c.table().equals("lk_outbox")
          && c.column().equals("payload")).hasSize(2).allMatch(c -> c.bytes() != null);
      // Positive controls: the scan does see what is meant to be there.
      assertThat(cells).filteredOn(c -> ScanSupport.find(c, login) != null)
          .extracting(c -> c.table() + "." + c.column())
          .contains("lk_account.login_name", "lk_activation_key.redeemed_login");
      assertThat(cells).filteredOn(c -> ScanSupport.find(c,
              ScanSupport.digestHex(secrets, mariaKey)) != null)
          .extracting(c -> c.table() + "." + c.column())
          .contains("lk_activation_key.digest");
      List<String> found = new ArrayList<>();
      for (Cell cell : cells) {
        for (Map.Entry<String, String> secret : planted.entrySet()) {
          String where = ScanSupport.find(cell, secret.getKey());
          if (where != null) {
            found.add(secret.getValue() + " in " + cell.table() + "." + cell.column() + " ("
                + where + ")");
          }
        }
      }
      assertThat(found).as("plaintext secrets in the database (%d values scanned on %s)",
          cells.size(), backend).isEmpty();
    }
  }

  private void seedRoster(Latchkey latchkey) {
    latchkey.roster().putDistrict(new District(DISTRICT, "Scan Valley School District", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("parentsupport@example.org"),
        "630.420.6825"));
    latchkey.roster().putGuardian(Guardian.of(MARIA, DISTRICT, "Maria", "Lopez", MARIA_EMAIL));
    latchkey.roster().putGuardian(Guardian.of(JOSE, DISTRICT, "Jose", "Lopez", JOSE_EMAIL));
    latchkey.roster().putGuardian(Guardian.of(ROSA, DISTRICT, "Rosa", "Garcia", ROSA_EMAIL));
    StudentId sofia = StudentId.of("s-sofia");
    latchkey.roster().putStudent(new Student(sofia, DISTRICT, "100201", "Sofia", "Lopez",
        Optional.of(LocalDate.of(2013, 4, 2)), Grade.G7, "Kennedy Junior High",
        EnrollmentStatus.ENROLLED));
    for (GuardianId g : List.of(MARIA, JOSE, ROSA)) {
      latchkey.roster().link(new GuardianLink(g, sofia, Relationship.PARENT, true));
    }
  }

  private static String issue(Latchkey latchkey, CapturingNotifier mail, GuardianId guardian,
      EmailAddress to) {
    assertThat(latchkey.activation().issue(guardian, REQUEST).code())
        .isEqualTo(IssueResult.IssueCode.ISSUED);
    return mail.lastKeyFor(to).orElseThrow();
  }

  private static SignInResult.Code signIn(Latchkey latchkey, String login, String password) {
    return latchkey.signIn().signIn(new Credentials(DISTRICT, login, password), REQUEST).code();
  }

  /** A password the default policy accepts, random to this run. */
  private String password() {
    return "kite " + hex(6) + " harbor " + hex(6);
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
