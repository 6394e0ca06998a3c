package dev.latchkey.jdbc;

import static dev.latchkey.jdbc.Rows.ACCOUNT_COLUMNS;
import static dev.latchkey.jdbc.Rows.KEY_COLUMNS;
import static dev.latchkey.jdbc.Rows.setInstant;

import dev.latchkey.ServerSecrets;
import dev.latchkey.StoreException;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.CallerVerification;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.ResetTokenRecord;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.signin.LockoutPolicy;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.spi.FailureOutcome;
import dev.latchkey.spi.GuardianSearch;
import dev.latchkey.spi.IssueKeyCommand;
import dev.latchkey.spi.IssueOutcome;
import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.spi.PasswordChangeOutcome;
import dev.latchkey.spi.RedeemKeyCommand;
import dev.latchkey.spi.RedeemOutcome;
import dev.latchkey.spi.Reservation;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store SPI over any {@link DataSource}: PostgreSQL (15+) and H2 (2.2+), plain JDBC with
 * prepared statements only (S35).
 *
 * <p>Each security-relevant operation is one READ COMMITTED transaction built on conditional
 * updates whose row counts are checked, with the rows it depends on locked first; unique
 * constraints back up every "at most one" rule. So the rules hold across any number of host
 * processes sharing the database. Notifications are written to the outbox table in the same
 * transaction as the change that causes them, encrypted under the server's outbox key (S28,
 * S31). Lost races and lock timeouts are retried a few times, then surface as a retryable
 * {@link StoreException}; no {@link SQLException} ever leaves this class.
 *
 * <p>Run {@link JdbcSchema#migrate(DataSource)} (or Flyway, over the same scripts) first.
 * Thread-safe; holds no state but the data source.
 */
public final class JdbcStore implements LatchkeyStore {
  private static final int QUERY_TIMEOUT_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

  private final Transactions tx;
  private final OutboxCodec codec;

  private JdbcStore(DataSource dataSource, ServerSecrets secrets, SecureRandom random) {
    this.tx = new Transactions(dataSource, QUERY_TIMEOUT_SECONDS);
    this.codec = new OutboxCodec(secrets.outboxKey(), random);
  }

  /**
   * A store over {@code dataSource}, whose schema must be migrated. {@code secrets} must be the
   * facade's: the outbox is encrypted under a key derived from them.
   */
  public static JdbcStore create(DataSource dataSource, ServerSecrets secrets) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(secrets, "secrets");
    return new JdbcStore(dataSource, secrets, new SecureRandom());
  }

  // ---- roster ----

  @Override
  public void putDistrict(District d) {
    Objects.requireNonNull(d, "district");
    tx.inTransaction("putDistrict", c -> upsert(c,
        "UPDATE lk_district SET name = ?, state = ?, time_zone = ?, helpdesk_email = ?, "
            + "helpdesk_phone = ? WHERE id = ?",
        "INSERT INTO lk_district (name, state, time_zone, helpdesk_email, helpdesk_phone, id) "
            + "VALUES (?, ?, ?, ?, ?, ?)",
        d.name(), d.state(), d.timeZone().getId(), d.helpdeskEmail().value(), d.helpdeskPhone(),
        d.id().value()));
  }

  @Override
  public void putGuardian(Guardian g) {
    Objects.requireNonNull(g, "guardian");
    tx.inTransaction("putGuardian", c -> upsert(c,
        "UPDATE lk_guardian SET district_id = ?, given_name = ?, family_name = ?, email = ?, "
            + "email_key = ?, phone = ?, postal_code = ?, preferred_language = ? WHERE id = ?",
        "INSERT INTO lk_guardian (district_id, given_name, family_name, email, email_key, "
            + "phone, postal_code, preferred_language, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        g.district().value(), g.givenName(), g.familyName(),
        g.email().map(e -> e.value()).orElse(null), g.email().map(e -> e.key()).orElse(null),
        g.phone().orElse(null), g.postalCode().orElse(null),
        g.preferredLanguage().map(Locale::toLanguageTag).orElse(null), g.id().value()));
  }

  @Override
  public void putStudent(Student s) {
    Objects.requireNonNull(s, "student");
    tx.inTransaction("putStudent", c -> upsert(c,
        "UPDATE lk_student SET district_id = ?, student_number = ?, given_name = ?, "
            + "family_name = ?, date_of_birth = ?, grade = ?, school = ?, status = ? "
            + "WHERE id = ?",
        "INSERT INTO lk_student (district_id, student_number, given_name, family_name, "
            + "date_of_birth, grade, school, status, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.district().value(), s.studentNumber(), s.givenName(), s.familyName(),
        s.dateOfBirth().map(Date::valueOf).orElse(null), s.grade().name(), s.school(),
        s.status().name(), s.id().value()));
  }

  @Override
  public void putLink(GuardianLink l) {
    Objects.requireNonNull(l, "link");
    tx.inTransaction("putLink", c -> upsert(c,
        "UPDATE lk_link SET relationship = ?, portal_access = ? "
            + "WHERE guardian_id = ? AND student_id = ?",
        "INSERT INTO lk_link (relationship, portal_access, guardian_id, student_id) "
            + "VALUES (?, ?, ?, ?)",
        l.relationship().name(), l.portalAccess(), l.guardian().value(), l.student().value()));
  }

  @Override
  public Optional<District> district(DistrictId id) {
    return one("district", "SELECT * FROM lk_district WHERE id = ?", Rows::district, id.value());
  }

  @Override
  public List<District> districtsInState(String state) {
    return list("districtsInState", "SELECT * FROM lk_district WHERE state = ?",
        Rows::district, state);
  }

  @Override
  public Optional<Guardian> guardian(GuardianId id) {
    return one("guardian", "SELECT * FROM lk_guardian WHERE id = ?", Rows::guardian, id.value());
  }

  @Override
  public Optional<Student> student(StudentId id) {
    return one("student", "SELECT * FROM lk_student WHERE id = ?", Rows::student, id.value());
  }

  @Override
  public List<GuardianLink> linksOfGuardian(GuardianId guardian) {
    return list("linksOfGuardian", "SELECT * FROM lk_link WHERE guardian_id = ?", Rows::link,
        guardian.value());
  }

  @Override
  public List<Guardian> guardiansByEmail(DistrictId district, String emailKey) {
    if (unmatchable(emailKey)) {
      return List.of();
    }
    return list("guardiansByEmail",
        "SELECT * FROM lk_guardian WHERE district_id = ? AND email_key = ?", Rows::guardian,
        district.value(), emailKey);
  }

  // ---- activation keys ----

  @Override
  public IssueOutcome issueKey(IssueKeyCommand command) {
    Objects.requireNonNull(command, "command");
    ActivationKeyRecord key = command.key();
    String guardian = key.guardian().value();
    return tx.inTransaction("issueKey", c -> {
      // The guardian's row is the lock every key and account change for them queues behind.
      Optional<Optional<String>> row = queryOne(c,
          "SELECT email_key FROM lk_guardian WHERE id = ? FOR UPDATE",
          rs -> Optional.ofNullable(rs.getString(1)), guardian);
      if (row.isEmpty()) {
        return IssueOutcome.refused(IssueOutcome.Status.UNKNOWN_GUARDIAN);
      }
      Optional<String> emailKey = row.get();
      if (!emailKey.map(key.sentTo().key()::equals).orElse(false)) {
        return IssueOutcome.refused(IssueOutcome.Status.ADDRESS_CHANGED);
      }
      Optional<String> active = queryOne(c,
          "SELECT id FROM lk_account WHERE active_guardian_id = ?", rs -> rs.getString(1),
          guardian);
      if (active.isPresent() && !command.resetActivation()) {
        return IssueOutcome.refused(IssueOutcome.Status.HAS_ACCOUNT);
      }
      if (command.limit() != null) {
        long recent = queryOne(c, "SELECT COUNT(*) FROM lk_activation_key "
                + "WHERE guardian_id = ? AND issued_at >= ?", rs -> rs.getLong(1),
            guardian, command.limit().since()).orElse(0L);
        if (recent >= command.limit().max()) {
          return IssueOutcome.refused(IssueOutcome.Status.RATE_LIMITED);
        }
      }
      Optional<String> revoked = queryOne(c,
          "SELECT digest FROM lk_activation_key WHERE live_guardian_id = ?",
          rs -> rs.getString(1), guardian);
      if (revoked.isPresent()) {
        update(c, "UPDATE lk_activation_key SET state = 'REVOKED', revoked_at = ?, "
            + "live_guardian_id = NULL WHERE digest = ? AND state = 'LIVE'",
            key.issuedAt(), revoked.get());
      }
      if (active.isPresent()) {
        update(c, "UPDATE lk_account SET status = 'DISABLED', active_guardian_id = NULL "
            + "WHERE id = ? AND status = 'ACTIVE'", active.get());
      }
      update(c, "INSERT INTO lk_activation_key (" + KEY_COLUMNS + ", live_guardian_id) "
              + "VALUES (?, ?, ?, ?, ?, ?, 'LIVE', NULL, NULL, NULL, NULL, ?)",
          key.digest().hex(), guardian, key.district().value(), key.sentTo().value(),
          key.issuedAt(), key.expiresAt(), guardian);
      enqueue(c, command.mail());
      return new IssueOutcome(IssueOutcome.Status.ISSUED,
          revoked.map(TokenDigest::new).orElse(null), active.map(AccountId::of).orElse(null));
    });
  }

  @Override
  public RedeemOutcome redeemKey(RedeemKeyCommand command) {
    Objects.requireNonNull(command, "command");
    PortalAccount account = command.account();
    return tx.inTransaction("redeemKey", c -> {
      // Lock order everywhere: the guardian's row, then the key's. A reissue racing this
      // redemption queues behind it, so at most one of them takes effect (S20).
      queryOne(c, "SELECT id FROM lk_guardian WHERE id = ? FOR UPDATE", rs -> true,
          account.guardian().value());
      Optional<ActivationKeyRecord> found = queryOne(c, "SELECT " + KEY_COLUMNS
          + " FROM lk_activation_key WHERE digest = ? FOR UPDATE", Rows::key,
          command.digest().hex());
      if (found.isEmpty() || !found.get().guardian().equals(account.guardian())) {
        return RedeemOutcome.INVALID_KEY;
      }
      ActivationKeyRecord key = found.get();
      if (key.state() == KeyState.REDEEMED) {
        return RedeemOutcome.KEY_ALREADY_USED;
      }
      if (key.state() == KeyState.REVOKED) {
        return RedeemOutcome.KEY_REVOKED;
      }
      if (!command.now().isBefore(key.expiresAt())) {
        return RedeemOutcome.KEY_EXPIRED;
      }
      if (emailOfAnotherGuardian(c, account.district(), account.loginName().key(),
          account.guardian())) {
        return RedeemOutcome.USERNAME_TAKEN;
      }
      AccountInsert inserted = insertAccount(c, account);
      if (inserted != AccountInsert.INSERTED) {
        return inserted == AccountInsert.GUARDIAN_HAS_ACCOUNT
            ? RedeemOutcome.KEY_ALREADY_USED : RedeemOutcome.USERNAME_TAKEN;
      }
      int redeemed = update(c, "UPDATE lk_activation_key SET state = 'REDEEMED', "
              + "redeemed_at = ?, redeemed_by = ?, redeemed_login = ?, live_guardian_id = NULL "
              + "WHERE digest = ? AND state = 'LIVE'",
          command.now(), account.id().value(), account.loginName().value(), key.digest().hex());
      if (redeemed != 1) {
        c.rollback();
        return RedeemOutcome.KEY_ALREADY_USED;
      }
      if (command.created() != null) {
        enqueue(c, command.created());
      }
      return RedeemOutcome.REDEEMED;
    });
  }

  @Override
  public Optional<ActivationKeyRecord> keyByDigest(TokenDigest digest) {
    return one("keyByDigest", "SELECT " + KEY_COLUMNS + " FROM lk_activation_key "
        + "WHERE digest = ?", Rows::key, digest.hex());
  }

  @Override
  public List<ActivationKeyRecord> keysOfGuardian(GuardianId guardian) {
    return list("keysOfGuardian", "SELECT " + KEY_COLUMNS + " FROM lk_activation_key "
        + "WHERE guardian_id = ? ORDER BY issued_at, seq", Rows::key, guardian.value());
  }

  // ---- accounts ----

  @Override
  public Optional<PortalAccount> account(AccountId id) {
    return one("account", "SELECT " + ACCOUNT_COLUMNS + " FROM lk_account WHERE id = ?",
        Rows::account, id.value());
  }

  @Override
  public Optional<PortalAccount> accountByLoginName(DistrictId district, String loginKey) {
    if (unmatchable(loginKey)) {
      return Optional.empty();
    }
    return one("accountByLoginName", "SELECT " + ACCOUNT_COLUMNS + " FROM lk_account "
        + "WHERE district_id = ? AND login_key = ?", Rows::account, district.value(), loginKey);
  }

  @Override
  public RosterResult importAccount(PortalAccount account) {
    Objects.requireNonNull(account, "account");
    return tx.inTransaction("importAccount", c -> {
      if (account.guardian() != null) {
        queryOne(c, "SELECT id FROM lk_guardian WHERE id = ? FOR UPDATE", rs -> true,
            account.guardian().value());
      }
      if (emailOfAnotherGuardian(c, account.district(), account.loginName().key(),
          account.guardian())) {
        return RosterResult.LOGIN_NAME_TAKEN;
      }
      AccountInsert inserted = insertAccount(c, account);
      if (inserted == AccountInsert.INSERTED) {
        return RosterResult.APPLIED;
      }
      return inserted == AccountInsert.GUARDIAN_HAS_ACCOUNT
          ? RosterResult.ACCOUNT_EXISTS : RosterResult.LOGIN_NAME_TAKEN;
    });
  }

  @Override
  public List<PortalAccount> accountsOfGuardian(GuardianId guardian) {
    return list("accountsOfGuardian", "SELECT " + ACCOUNT_COLUMNS + " FROM lk_account "
        + "WHERE guardian_id = ? ORDER BY created_at, id", Rows::account, guardian.value());
  }

  @Override
  public Optional<PortalAccount> activeAccountOfGuardian(GuardianId guardian) {
    return one("activeAccountOfGuardian", "SELECT " + ACCOUNT_COLUMNS + " FROM lk_account "
        + "WHERE active_guardian_id = ?", Rows::account, guardian.value());
  }

  @Override
  public boolean loginNameTaken(DistrictId district, String loginKey,
      @Nullable GuardianId self) {
    if (unmatchable(loginKey)) {
      return false;
    }
    return tx.inTransaction("loginNameTaken", c ->
        queryOne(c, "SELECT 1 FROM lk_account WHERE district_id = ? AND login_key = ?",
            rs -> true, district.value(), loginKey).isPresent()
            || emailOfAnotherGuardian(c, district, loginKey, self));
  }

  @Override
  public Reservation reserveAttempt(DistrictId district, String loginKey, Instant now,
      LockoutPolicy policy) {
    if (unmatchable(loginKey)) {
      return new Reservation.Refused(Reservation.Reason.UNKNOWN_ACCOUNT);
    }
    return tx.inTransaction("reserveAttempt", c -> reserve(c,
        "district_id = ? AND login_key = ?", now, policy, district.value(), loginKey));
  }

  @Override
  public Reservation reserveAttempt(AccountId id, Instant now, LockoutPolicy policy) {
    return tx.inTransaction("reserveAttempt", c -> reserve(c, "id = ?", now, policy,
        id.value()));
  }

  /**
   * One conditional update counts the attempt before any verification (S12): it matches only
   * an active account that is not locked at {@code now} and has fewer failures in flight than
   * the threshold, forgetting failures older than the window and ending a lapsed temporary lock
   * in the same statement.
   */
  private Reservation reserve(Connection c, String where, Instant now, LockoutPolicy policy,
      Object... key) throws SQLException {
    Instant windowStart = now.minus(policy.failureWindow());
    String fresh = "(locked_at IS NOT NULL OR last_failure_at IS NULL "
        + "OR last_failure_at <= ?)";
    List<Object> args = new ArrayList<>(List.of(windowStart, now));
    args.addAll(List.of(key));
    args.addAll(List.of(now, windowStart, policy.threshold()));
    int counted = update(c, "UPDATE lk_account SET "
        + "failed_attempts = CASE WHEN " + fresh + " THEN 1 ELSE failed_attempts + 1 END, "
        + "last_failure_at = ?, locked_at = NULL, locked_until = NULL "
        + "WHERE " + where + " AND status = 'ACTIVE' "
        + "AND (locked_at IS NULL OR (locked_until IS NOT NULL AND locked_until <= ?)) "
        + "AND (CASE WHEN " + fresh + " THEN 0 ELSE failed_attempts END) < ?",
        args.toArray());
    Optional<PortalAccount> account = queryOne(c, "SELECT " + ACCOUNT_COLUMNS
        + " FROM lk_account WHERE " + where, Rows::account, key);
    if (counted == 1) {
      return new Reservation.Reserved(account.orElseThrow());
    }
    if (account.isEmpty()) {
      return new Reservation.Refused(Reservation.Reason.UNKNOWN_ACCOUNT);
    }
    return new Reservation.Refused(account.get().status() == AccountStatus.ACTIVE
        ? Reservation.Reason.LOCKED : Reservation.Reason.DISABLED);
  }

  @Override
  public void recordSuccess(AccountId id, Instant now, @Nullable Rehash rehash) {
    tx.inTransaction("recordSuccess", c -> {
      update(c, "UPDATE lk_account SET failed_attempts = 0, last_failure_at = NULL, "
          + "locked_at = NULL, locked_until = NULL, lockouts = 0, last_sign_in_at = ? "
          + "WHERE id = ?", now, id.value());
      if (rehash != null) {
        update(c, "UPDATE lk_account SET password_hash = ? WHERE id = ? AND password_hash = ?",
            rehash.replacement().encoded(), id.value(), rehash.expected().encoded());
      }
      return null;
    });
  }

  @Override
  public FailureOutcome recordFailure(AccountId id, Instant now, LockoutPolicy policy,
      @Nullable Notification lockNotice) {
    return tx.inTransaction("recordFailure", c -> {
      Optional<PortalAccount> found = queryOne(c, "SELECT " + ACCOUNT_COLUMNS
          + " FROM lk_account WHERE id = ? FOR UPDATE", Rows::account, id.value());
      if (found.isEmpty() || found.get().status() != AccountStatus.ACTIVE) {
        return FailureOutcome.NOT_COUNTED;
      }
      PortalAccount account = found.get();
      Duration wait = policy.lockDuration(account.lockouts());
      int locked = update(c, "UPDATE lk_account SET locked_at = ?, locked_until = ?, "
              + "lockouts = lockouts + 1 WHERE id = ? AND status = 'ACTIVE' "
              + "AND locked_at IS NULL AND failed_attempts >= ? AND lockouts = ?",
          now, wait == null ? null : now.plus(wait), id.value(), policy.threshold(),
          account.lockouts());
      if (locked != 1) {
        return FailureOutcome.COUNTED;
      }
      if (lockNotice != null) {
        enqueue(c, lockNotice);
      }
      return FailureOutcome.LOCKED_NOW;
    });
  }

  @Override
  public boolean unlock(AccountId id, @Nullable Notification notice) {
    return tx.inTransaction("unlock", c -> {
      int wasLocked = update(c, "UPDATE lk_account SET locked_at = NULL, locked_until = NULL, "
          + "failed_attempts = 0, last_failure_at = NULL, lockouts = 0 "
          + "WHERE id = ? AND locked_at IS NOT NULL", id.value());
      int known = wasLocked == 1 ? 1 : update(c, "UPDATE lk_account SET failed_attempts = 0, "
          + "last_failure_at = NULL, lockouts = 0 WHERE id = ?", id.value());
      if (known == 1 && notice != null) {
        enqueue(c, notice);
      }
      return wasLocked == 1;
    });
  }

  @Override
  public PasswordChangeOutcome changePassword(AccountId id, long expectedVersion,
      PasswordHash newHash, Instant now, @Nullable Notification notice) {
    Objects.requireNonNull(newHash, "newHash");
    return tx.inTransaction("changePassword", c -> {
      rememberPassword(c, id.value(), expectedVersion, now);
      int changed = update(c, "UPDATE lk_account SET password_hash = ?, "
              + "credential_version = credential_version + 1, must_change = FALSE "
              + "WHERE id = ? AND credential_version = ?",
          newHash.encoded(), id.value(), expectedVersion);
      if (changed == 1) {
        if (notice != null) {
          enqueue(c, notice);
        }
        return PasswordChangeOutcome.CHANGED;
      }
      c.rollback(); // the history row, if any, goes with the change that lost
      return queryOne(c, "SELECT 1 FROM lk_account WHERE id = ?", rs -> true, id.value())
          .isPresent() ? PasswordChangeOutcome.STALE : PasswordChangeOutcome.UNKNOWN_ACCOUNT;
    });
  }

  @Override
  public List<PasswordHash> previousPasswords(AccountId id, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return list("previousPasswords", "SELECT password_hash FROM lk_password_history "
            + "WHERE account_id = ? ORDER BY seq DESC FETCH FIRST ? ROWS ONLY",
        rs -> new PasswordHash(rs.getString(1)), id.value(), limit);
  }

  /** Keeps the current hash in the history, if the version is still the expected one. */
  private void rememberPassword(Connection c, String account, long expectedVersion,
      Instant now) throws SQLException {
    update(c, "INSERT INTO lk_password_history (account_id, password_hash, replaced_at) "
        + "SELECT id, password_hash, ? FROM lk_account WHERE id = ? AND credential_version = ?",
        now, account, expectedVersion);
  }

  // ---- recovery and helpdesk ----

  @Override
  public boolean issueResetToken(ResetTokenRecord token, Notification mail) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(mail, "mail");
    return tx.inTransaction("issueResetToken", c -> {
      if (queryOne(c, "SELECT id FROM lk_account WHERE id = ? FOR UPDATE", rs -> true,
          token.account().value()).isEmpty()) {
        return false;
      }
      update(c, "UPDATE lk_reset_token SET state = 'SUPERSEDED' "
          + "WHERE account_id = ? AND state = 'LIVE'", token.account().value());
      update(c, "INSERT INTO lk_reset_token (digest, account_id, district_id, sent_to, "
              + "issued_at, expires_at, state, used_at) VALUES (?, ?, ?, ?, ?, ?, 'LIVE', NULL)",
          token.digest().hex(), token.account().value(), token.district().value(),
          token.sentTo().value(), token.issuedAt(), token.expiresAt());
      enqueue(c, mail);
      return true;
    });
  }

  @Override
  public Optional<ResetTokenRecord> resetToken(TokenDigest digest) {
    return one("resetToken", "SELECT * FROM lk_reset_token WHERE digest = ?", Rows::resetToken,
        digest.hex());
  }

  @Override
  public ResetOutcome resetPassword(TokenDigest digest, Instant now, PasswordHash newHash,
      boolean unlock, Notification notice) {
    Objects.requireNonNull(newHash, "newHash");
    return tx.inTransaction("resetPassword", c -> {
      // One conditional update uses the token: of two racing resets, one matches (S22).
      int used = update(c, "UPDATE lk_reset_token SET state = 'USED', used_at = ? "
          + "WHERE digest = ? AND state = 'LIVE' AND expires_at > ?", now, digest.hex(), now);
      if (used != 1) {
        Optional<ResetTokenRecord> token = queryOne(c,
            "SELECT * FROM lk_reset_token WHERE digest = ?", Rows::resetToken, digest.hex());
        if (token.isEmpty()) {
          return ResetOutcome.INVALID;
        }
        return token.get().state() == ResetTokenRecord.TokenState.LIVE
            ? ResetOutcome.EXPIRED : ResetOutcome.USED;
      }
      String account = queryOne(c, "SELECT account_id FROM lk_reset_token WHERE digest = ?",
          rs -> rs.getString(1), digest.hex()).orElseThrow();
      update(c, "INSERT INTO lk_password_history (account_id, password_hash, replaced_at) "
          + "SELECT id, password_hash, ? FROM lk_account WHERE id = ?", now, account);
      update(c, "UPDATE lk_account SET password_hash = ?, "
          + "credential_version = credential_version + 1, must_change = FALSE WHERE id = ?",
          newHash.encoded(), account);
      if (unlock) {
        update(c, "UPDATE lk_account SET locked_at = NULL, locked_until = NULL, "
            + "failed_attempts = 0, last_failure_at = NULL, lockouts = 0 WHERE id = ?", account);
      }
      if (notice != null) {
        enqueue(c, notice);
      }
      return ResetOutcome.RESET;
    });
  }

  @Override
  public boolean tryConsume(String bucket, Instant now, Duration window, int max) {
    if (unmatchable(bucket)) {
      return false;
    }
    return tx.inTransaction("tryConsume", c -> {
      Optional<Integer> events = queryOne(c, "SELECT events FROM lk_rate_bucket "
          + "WHERE bucket = ? FOR UPDATE", rs -> rs.getInt(1), bucket);
      if (events.isEmpty()) {
        try (PreparedStatement ps = tx.prepare(c, "INSERT INTO lk_rate_bucket "
            + "(bucket, window_start, events) VALUES (?, ?, 1)")) {
          bind(ps, bucket, now);
          ps.executeUpdate();
          return true;
        }
        // A concurrent first insert surfaces as a unique violation; Transactions does not
        // retry those, so the caller sees a StoreException only in that rare race.
      }
      int restarted = update(c, "UPDATE lk_rate_bucket SET window_start = ?, events = 1 "
          + "WHERE bucket = ? AND window_start <= ?", now, bucket, now.minus(window));
      if (restarted == 1) {
        return true;
      }
      return update(c, "UPDATE lk_rate_bucket SET events = events + 1 "
          + "WHERE bucket = ? AND events < ?", bucket, max) == 1;
    });
  }

  @Override
  public void putVerification(CallerVerification v) {
    Objects.requireNonNull(v, "verification");
    tx.inTransaction("putVerification", c -> update(c, "INSERT INTO lk_caller_verification "
            + "(id, guardian_id, agent, verified_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        v.id(), v.guardian().value(), v.agent(), v.verifiedAt(), v.expiresAt()));
  }

  @Override
  public Optional<CallerVerification> verification(String id) {
    if (unmatchable(id)) {
      return Optional.empty();
    }
    return one("verification", "SELECT * FROM lk_caller_verification WHERE id = ?",
        Rows::verification, id);
  }

  @Override
  public List<Guardian> searchGuardians(DistrictId district, GuardianSearch search, int max) {
    if (unmatchable(search.text())) {
      return List.of();
    }
    String order = " ORDER BY g.family_name, g.given_name, g.id FETCH FIRST ? ROWS ONLY";
    return switch (search.kind()) {
      case NAME -> list("searchGuardians", "SELECT g.* FROM lk_guardian g WHERE "
          + "g.district_id = ? AND LOWER(g.given_name || ' ' || g.family_name) LIKE ? "
          + "ESCAPE '!'" + order, Rows::guardian, district.value(),
          "%" + likeEscape(search.text()) + "%", max);
      case EMAIL -> list("searchGuardians", "SELECT g.* FROM lk_guardian g WHERE "
          + "g.district_id = ? AND g.email_key = ?" + order, Rows::guardian, district.value(),
          search.text(), max);
      case PHONE -> list("searchGuardians", "SELECT g.* FROM lk_guardian g WHERE "
          + "g.district_id = ? AND g.phone IS NOT NULL" + order, Rows::guardian,
          district.value(), Integer.MAX_VALUE).stream()
          .filter(g -> g.phone().map(p -> p.replaceAll("[^0-9]", "").equals(search.text()))
              .orElse(false))
          .limit(max).toList();
      case STUDENT_NUMBER -> list("searchGuardians", "SELECT g.* FROM lk_guardian g WHERE "
          + "g.district_id = ? AND g.id IN (SELECT l.guardian_id FROM lk_link l "
          + "JOIN lk_student s ON s.id = l.student_id WHERE s.student_number = ?)" + order,
          Rows::guardian, district.value(), search.text(), max);
    };
  }

  @Override
  public boolean changeGuardianEmail(GuardianId guardian, EmailAddress expected,
      EmailAddress replacement, Instant now, List<Notification> notices) {
    return tx.inTransaction("changeGuardianEmail", c -> {
      int changed = update(c, "UPDATE lk_guardian SET email = ?, email_key = ? "
              + "WHERE id = ? AND email_key = ?", replacement.value(), replacement.key(),
          guardian.value(), expected.key());
      if (changed != 1) {
        return false;
      }
      update(c, "UPDATE lk_activation_key SET state = 'REVOKED', revoked_at = ?, "
          + "live_guardian_id = NULL WHERE live_guardian_id = ?", now, guardian.value());
      for (Notification notice : notices) {
        enqueue(c, notice);
      }
      return true;
    });
  }

  private static String likeEscape(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  // ---- outbox ----

  @Override
  public void enqueue(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    tx.inTransaction("enqueue", c -> {
      enqueue(c, notification);
      return null;
    });
  }

  @Override
  public List<OutboxMessage> claimDue(Instant now, int max, Duration lease) {
    return tx.inTransaction("claimDue", c -> {
      // SKIP LOCKED: relays in other processes take other rows instead of waiting (S30).
      List<OutboxMessage> claimed = new ArrayList<>();
      List<String> unreadable = new ArrayList<>();
      try (PreparedStatement ps = tx.prepare(c, "SELECT id, payload, attempts, "
          + "next_attempt_at, parked FROM lk_outbox WHERE parked = FALSE "
          + "AND next_attempt_at <= ? AND (leased_until IS NULL OR leased_until <= ?) "
          + "ORDER BY seq FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED")) {
        bind(ps, now, now, max);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            try {
              claimed.add(outboxMessage(rs));
            } catch (IllegalStateException e) {
              unreadable.add(rs.getString("id"));
            }
          }
        }
      }
      // A payload sealed under another secret (or tampered with) is parked for an operator,
      // so it never blocks the messages queued behind it.
      for (String id : unreadable) {
        LOG.error("outbox message {} cannot be decrypted with the current secret; parked", id);
        update(c, "UPDATE lk_outbox SET parked = TRUE, attempts = attempts + 1, "
            + "leased_until = NULL WHERE id = ?", id);
      }
      for (OutboxMessage message : claimed) {
        update(c, "UPDATE lk_outbox SET leased_until = ? WHERE id = ?", now.plus(lease),
            message.notification().id().value());
      }
      return claimed;
    });
  }

  @Override
  public void delivered(NotificationId id) {
    tx.inTransaction("delivered", c -> update(c, "DELETE FROM lk_outbox WHERE id = ?",
        id.value()));
  }

  @Override
  public void failed(NotificationId id, Instant retryAt, boolean park) {
    tx.inTransaction("failed", c -> update(c, "UPDATE lk_outbox SET attempts = attempts + 1, "
        + "next_attempt_at = ?, leased_until = NULL, parked = ? WHERE id = ?",
        retryAt, park, id.value()));
  }

  @Override
  public List<OutboxMessage> parked(int max) {
    return tx.inTransaction("parked", c -> {
      List<OutboxMessage> parked = new ArrayList<>();
      try (PreparedStatement ps = tx.prepare(c, "SELECT id, payload, attempts, "
          + "next_attempt_at, parked FROM lk_outbox WHERE parked = TRUE ORDER BY seq "
          + "FETCH FIRST ? ROWS ONLY")) {
        bind(ps, max);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            try {
              parked.add(outboxMessage(rs));
            } catch (IllegalStateException e) {
              LOG.error("parked outbox message {} cannot be decrypted with the current secret",
                  rs.getString("id"));
            }
          }
        }
      }
      return parked;
    });
  }

  @Override
  public boolean release(NotificationId id, Instant now) {
    return tx.inTransaction("release", c -> update(c, "UPDATE lk_outbox SET parked = FALSE, "
        + "attempts = 0, next_attempt_at = ?, leased_until = NULL "
        + "WHERE id = ? AND parked = TRUE", now, id.value()) == 1);
  }

  @Override
  public int pendingCount() {
    return tx.inTransaction("pendingCount", c ->
        queryOne(c, "SELECT COUNT(*) FROM lk_outbox", rs -> rs.getInt(1)).orElse(0));
  }

  private OutboxMessage outboxMessage(ResultSet rs) throws SQLException {
    NotificationId id = new NotificationId(rs.getString("id"));
    return new OutboxMessage(codec.decode(id, rs.getBytes("payload")), rs.getInt("attempts"),
        Rows.instant(rs, "next_attempt_at"), rs.getBoolean("parked"));
  }

  private void enqueue(Connection c, Notification n) throws SQLException {
    update(c, "INSERT INTO lk_outbox (id, district_id, type, payload, created_at, "
            + "next_attempt_at, leased_until, attempts, parked) "
            + "VALUES (?, ?, ?, ?, ?, ?, NULL, 0, FALSE)",
        n.id().value(), n.district().value(), n.type().name(), codec.encode(n), n.createdAt(),
        n.createdAt());
  }

  // ---- plumbing ----

  /**
   * True for typed text no stored name or address can equal: PostgreSQL refuses NUL in text,
   * and no login name or email ever holds one.
   */
  private static boolean unmatchable(String key) {
    return key.indexOf('\u0000') >= 0;
  }

  private boolean emailOfAnotherGuardian(Connection c, DistrictId district, String loginKey,
      @Nullable GuardianId self) throws SQLException {
    return queryOne(c, "SELECT 1 FROM lk_guardian WHERE district_id = ? AND email_key = ? "
            + "AND id <> ?", rs -> true, district.value(), loginKey,
        self == null ? "" : self.value()).isPresent();
  }

  /** What inserting an account did; the unique constraints are the final word (S18, S36). */
  private enum AccountInsert { INSERTED, GUARDIAN_HAS_ACCOUNT, LOGIN_NAME_TAKEN }

  /** Inserts the account; on a broken uniqueness rule, rolls the transaction back and says so. */
  private AccountInsert insertAccount(Connection c, PortalAccount account) throws SQLException {
    try (PreparedStatement ps = tx.prepare(c, "INSERT INTO lk_account (" + ACCOUNT_COLUMNS
        + ", login_key, active_guardian_id) VALUES "
        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bindAccount(ps, account);
      ps.executeUpdate();
      return AccountInsert.INSERTED;
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e, "lk_account_active_guardian_uq")) {
        c.rollback();
        return AccountInsert.GUARDIAN_HAS_ACCOUNT;
      }
      if (SqlErrors.isUniqueViolation(e, "lk_account_login_uq")) {
        c.rollback();
        return AccountInsert.LOGIN_NAME_TAKEN;
      }
      throw e;
    }
  }

  private void bindAccount(PreparedStatement ps, PortalAccount a) throws SQLException {
    bind(ps, a.id().value(), a.district().value(), a.role().name(), a.loginName().value(),
        a.guardian() == null ? null : a.guardian().value(),
        a.student() == null ? null : a.student().value(), a.status().name(),
        a.mustChangePassword(), a.credentialVersion(), a.passwordHash().encoded(),
        a.failedAttempts(), a.lastFailureAt(), a.lockedAt(), a.lockedUntil(), a.lockouts(),
        a.lastSignInAt(), a.createdAt(), a.loginName().key(),
        a.status() == AccountStatus.ACTIVE && a.guardian() != null
            ? a.guardian().value() : null);
  }

  /** A row mapper that may throw. */
  @FunctionalInterface
  private interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> Optional<T> one(String operation, String sql, Mapper<T> mapper, Object... args) {
    return tx.inTransaction(operation, c -> queryOne(c, sql, mapper, args));
  }

  private <T> List<T> list(String operation, String sql, Mapper<T> mapper, Object... args) {
    return tx.inTransaction(operation, c -> {
      List<T> rows = new ArrayList<>();
      try (PreparedStatement ps = tx.prepare(c, sql)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(mapper.map(rs));
          }
        }
      }
      return List.copyOf(rows);
    });
  }

  private <T> Optional<T> queryOne(Connection c, String sql, Mapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement ps = tx.prepare(c, sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
      }
    }
  }

  private int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = tx.prepare(c, sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  /** Runs the update; if it matched no row, the insert. Both bind the same arguments. */
  private int upsert(Connection c, String update, String insert, Object... args)
      throws SQLException {
    int updated = update(c, update, args);
    return updated == 1 ? updated : update(c, insert, args);
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg instanceof Instant instant) {
        setInstant(ps, i + 1, instant);
      } else if (arg == null) {
        ps.setObject(i + 1, null);
      } else {
        ps.setObject(i + 1, arg);
      }
    }
  }

  // ---- roster sync (to be implemented) ----
  @Override public void putSchool(dev.latchkey.model.School school) { throw new UnsupportedOperationException(); }
  @Override public boolean removeLink(GuardianId g, StudentId s) { throw new UnsupportedOperationException(); }
  @Override public Optional<dev.latchkey.model.School> school(dev.latchkey.model.SchoolId id) { throw new UnsupportedOperationException(); }
  @Override public java.util.Map<GuardianId, Guardian> guardians(java.util.Collection<GuardianId> ids) { throw new UnsupportedOperationException(); }
  @Override public java.util.Map<StudentId, Student> students(java.util.Collection<StudentId> ids) { throw new UnsupportedOperationException(); }
  @Override public List<Guardian> guardiansOfDistrict(DistrictId d, GuardianId after, int limit) { throw new UnsupportedOperationException(); }
  @Override public List<Student> studentsOfDistrict(DistrictId d, StudentId after, int limit) { throw new UnsupportedOperationException(); }
  @Override public List<GuardianLink> linksOfDistrict(DistrictId d, GuardianId ag, StudentId as, int limit) { throw new UnsupportedOperationException(); }
  @Override public List<Student> studentsOfGuardian(GuardianId g) { throw new UnsupportedOperationException(); }
  @Override public void putRestriction(dev.latchkey.model.Restriction r) { throw new UnsupportedOperationException(); }
  @Override public Optional<dev.latchkey.model.Restriction> restriction(String id) { throw new UnsupportedOperationException(); }
  @Override public List<dev.latchkey.model.Restriction> restrictionsOfGuardian(GuardianId g) { throw new UnsupportedOperationException(); }
  @Override public void putAdultConsent(GuardianId g, StudentId s, boolean granted) { throw new UnsupportedOperationException(); }
  @Override public java.util.Set<StudentId> adultConsentsOfGuardian(GuardianId g) { throw new UnsupportedOperationException(); }
  @Override public List<IssueOutcome> issueFirstKeys(List<IssueKeyCommand> commands, Instant now) { throw new UnsupportedOperationException(); }
  @Override public List<Guardian> guardiansAwaitingKey(DistrictId d, GuardianId after, int limit, Instant now) { throw new UnsupportedOperationException(); }
  @Override public long countGuardiansAwaitingKey(DistrictId d, Instant now) { throw new UnsupportedOperationException(); }
  @Override public boolean revokeLiveKey(GuardianId g, Instant now) { throw new UnsupportedOperationException(); }
  @Override public RosterResult createStudentAccount(PortalAccount a, dev.latchkey.notify.Notification n) { throw new UnsupportedOperationException(); }
  @Override public Optional<PortalAccount> accountOfStudent(StudentId s) { throw new UnsupportedOperationException(); }
  @Override public java.util.Map<StudentId, PortalAccount> accountsOfStudents(java.util.Collection<StudentId> ids) { throw new UnsupportedOperationException(); }
  @Override public boolean setSuspended(dev.latchkey.model.AccountId id, boolean suspended) { throw new UnsupportedOperationException(); }
}
