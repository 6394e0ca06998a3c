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
import dev.latchkey.model.Restriction;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.signin.SignInState;
import dev.latchkey.audit.AuditEvent;
import dev.latchkey.spi.Effects;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.spi.GuardianSearch;
import dev.latchkey.spi.IssueKeyCommand;
import dev.latchkey.spi.IssueOutcome;
import dev.latchkey.spi.Household;
import dev.latchkey.spi.KeyHolder;
import dev.latchkey.spi.RateBucket;
import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.spi.PasswordChangeOutcome;
import dev.latchkey.spi.RedeemKeyCommand;
import dev.latchkey.spi.RedeemOutcome;
import dev.latchkey.roster.AccountState;
import dev.latchkey.roster.GuardianFollowUps;
import dev.latchkey.roster.GuardianState;
import dev.latchkey.roster.StudentFollowUp;
import dev.latchkey.spi.GuardianSynced;
import dev.latchkey.spi.NewStudentAccount;
import dev.latchkey.spi.StudentSynced;
import java.sql.Savepoint;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
  /** Rows to one JDBC batch and one transaction in the batched roster writes. */
  private static final int BATCH_ROWS = 1000;
  /** Ids to one IN list (and commands to one transaction in bulk issuance). */
  private static final int IN_ROWS = 500;
  /**
   * The end of a keyset page of a district's guardians or students: in the (district_id, id)
   * index's order, named by both its columns, as H2 needs to read the page from the index
   * instead of sorting everything past the cursor.
   */
  private static final String IN_DISTRICT_ORDER =
      "ORDER BY district_id, id FETCH FIRST ? ROWS ONLY";
  /** Where an id-list query's ids go: markers, or on PostgreSQL one array. */
  private static final String IN_LIST = "IN (%s)";
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

  private static final String GUARDIAN_UPDATE = "UPDATE lk_guardian SET district_id = ?, "
      + "given_name = ?, family_name = ?, email = ?, email_key = ?, phone = ?, postal_code = ?, "
      + "preferred_language = ?, sign_in_enabled = ? WHERE id = ?";
  private static final String GUARDIAN_INSERT = "INSERT INTO lk_guardian (district_id, "
      + "given_name, family_name, email, email_key, phone, postal_code, preferred_language, "
      + "sign_in_enabled, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String STUDENT_UPDATE = "UPDATE lk_student SET district_id = ?, "
      + "student_number = ?, given_name = ?, family_name = ?, date_of_birth = ?, grade = ?, "
      + "school = ?, status = ?, school_id = ?, sign_in_enabled = ? WHERE id = ?";
  private static final String STUDENT_INSERT = "INSERT INTO lk_student (district_id, "
      + "student_number, given_name, family_name, date_of_birth, grade, school, status, "
      + "school_id, sign_in_enabled, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LINK_UPDATE = "UPDATE lk_link SET relationship = ?, "
      + "portal_access = ? WHERE guardian_id = ? AND student_id = ?";
  private static final String LINK_INSERT = "INSERT INTO lk_link (relationship, portal_access, "
      + "guardian_id, student_id) VALUES (?, ?, ?, ?)";

  @Override
  public void putGuardian(Guardian g) {
    Objects.requireNonNull(g, "guardian");
    tx.inTransaction("putGuardian", c -> upsert(c, GUARDIAN_UPDATE, GUARDIAN_INSERT,
        guardianArgs(g)));
  }

  @Override
  public void putStudent(Student s) {
    Objects.requireNonNull(s, "student");
    tx.inTransaction("putStudent", c -> upsert(c, STUDENT_UPDATE, STUDENT_INSERT,
        studentArgs(s)));
  }

  @Override
  public void putLink(GuardianLink l) {
    Objects.requireNonNull(l, "link");
    tx.inTransaction("putLink", c -> upsert(c, LINK_UPDATE, LINK_INSERT, linkArgs(l)));
  }

  @Override
  public void putGuardians(List<Guardian> guardians) {
    putAll("putGuardians", guardians, Guardian::id, GUARDIAN_UPDATE, GUARDIAN_INSERT,
        JdbcStore::guardianArgs);
  }

  @Override
  public void putStudents(List<Student> students) {
    putAll("putStudents", students, Student::id, STUDENT_UPDATE, STUDENT_INSERT,
        JdbcStore::studentArgs);
  }

  @Override
  public void putLinks(List<GuardianLink> links) {
    putAll("putLinks", links, l -> List.of(l.guardian(), l.student()), LINK_UPDATE,
        LINK_INSERT, JdbcStore::linkArgs);
  }

  /** The arguments of the guardian's update and insert; the id comes last in both. */
  private static Object[] guardianArgs(Guardian g) {
    return new Object[] {g.district().value(), g.givenName(), g.familyName(),
        g.email().map(e -> e.value()).orElse(null), g.email().map(e -> e.key()).orElse(null),
        g.phone().orElse(null), g.postalCode().orElse(null),
        g.preferredLanguage().map(Locale::toLanguageTag).orElse(null), g.signInEnabled(),
        g.id().value()};
  }

  private static Object[] studentArgs(Student s) {
    return new Object[] {s.district().value(), s.studentNumber(), s.givenName(),
        s.familyName(), s.dateOfBirth().map(Date::valueOf).orElse(null), s.grade().name(),
        s.school(), s.status().name(), s.schoolId().map(SchoolId::value).orElse(null),
        s.signInEnabled(), s.id().value()};
  }

  private static Object[] linkArgs(GuardianLink l) {
    return new Object[] {l.relationship().name(), l.portalAccess(), l.guardian().value(),
        l.student().value()};
  }

  /**
   * Upserts many rows with JDBC batches, {@value #BATCH_ROWS} to a transaction: one batch of
   * updates, then one batch inserting the rows no update matched. A record listed twice is
   * written once, as its last occurrence, as one-by-one puts would leave it.
   */
  private <T> void putAll(String operation, List<T> records, Function<T, Object> id,
      String update, String insert, Function<T, Object[]> args) {
    Objects.requireNonNull(records, "records");
    Map<Object, Object[]> last = new LinkedHashMap<>();
    for (T record : records) {
      Objects.requireNonNull(record, "record");
      last.put(id.apply(record), args.apply(record));
    }
    List<Object[]> rows = List.copyOf(last.values());
    for (List<Object[]> chunk : chunks(rows, BATCH_ROWS)) {
      tx.inTransaction(operation, c -> {
        upsertBatch(c, update, insert, chunk);
        return null;
      });
    }
  }

  /** One batch of updates, then one batch inserting the rows no update matched. */
  private void upsertBatch(Connection c, String update, String insert, List<Object[]> rows)
      throws SQLException {
    int[] updated = batch(c, update, rows);
    List<Object[]> missing = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      // A driver may not say how many rows an update in a batch matched: ask again.
      boolean matched = updated[i] == Statement.SUCCESS_NO_INFO
          ? update(c, update, rows.get(i)) > 0 : updated[i] > 0;
      if (!matched) {
        missing.add(rows.get(i));
      }
    }
    batch(c, insert, missing);
  }

  /** The records by id, each as its last occurrence, in the order of their first. */
  private static <K, T> Map<K, T> lastOfEach(List<T> records, Function<T, K> id) {
    Objects.requireNonNull(records, "records");
    Map<K, T> last = new LinkedHashMap<>();
    for (T record : records) {
      last.put(id.apply(Objects.requireNonNull(record, "record")), record);
    }
    return last;
  }

  private static final String SUSPEND_ACCOUNT = "UPDATE lk_account SET status = 'SUSPENDED', "
      + "active_guardian_id = NULL WHERE id = ? AND status = 'ACTIVE'";
  private static final String RESTORE_ACCOUNT = "UPDATE lk_account SET status = 'ACTIVE', "
      + "active_guardian_id = guardian_id WHERE id = ? AND status = 'SUSPENDED'";
  private static final String REVOKE_GUARDIANS_KEY = "UPDATE lk_activation_key SET "
      + "state = 'REVOKED', revoked_at = ?, live_guardian_id = NULL WHERE live_guardian_id = ? "
      + "AND state = 'LIVE' AND expires_at > ?";

  /**
   * {@inheritDoc}
   *
   * <p>Here: {@value #BATCH_ROWS} guardians to a transaction. Their rows are upserted in id
   * order, which locks them (two syncs over the same guardians queue instead of deadlocking);
   * then one query reads their live keys and one their accounts, and the decider's follow-ups go
   * out as three JDBC batches in the same transaction.
   */
  @Override
  public List<GuardianSynced> syncGuardians(List<Guardian> guardians, Instant now,
      GuardianDecider decider) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(decider, "decider");
    List<Guardian> distinct = List.copyOf(lastOfEach(guardians, Guardian::id).values());
    List<GuardianSynced> synced = new ArrayList<>(distinct.size());
    for (List<Guardian> chunk : chunks(distinct, BATCH_ROWS)) {
      synced.addAll(tx.inTransaction("syncGuardians", c -> {
        upsertBatch(c, GUARDIAN_UPDATE, GUARDIAN_INSERT, chunk.stream()
            .sorted(Comparator.comparing(g -> g.id().value()))
            .map(JdbcStore::guardianArgs).toList());
        useIndexes(c);
        List<String> ids = chunk.stream().map(g -> g.id().value()).toList();
        Set<String> live = new HashSet<>(byIds(c, "SELECT live_guardian_id FROM "
            + "lk_activation_key WHERE live_guardian_id " + IN_LIST + " AND state = 'LIVE' "
            + "AND expires_at > ?", rs -> rs.getString(1), ids, now));
        Map<String, List<AccountState>> owned = new HashMap<>();
        for (String[] row : byIds(c, "SELECT guardian_id, id, status FROM lk_account "
            + "WHERE guardian_id " + IN_LIST + " ORDER BY created_at, id",
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, ids)) {
          owned.computeIfAbsent(row[0], g -> new ArrayList<>()).add(
              new AccountState(AccountId.of(row[1]), AccountStatus.valueOf(row[2])));
        }
        List<GuardianSynced> out = new ArrayList<>(chunk.size());
        List<Object[]> revoke = new ArrayList<>();
        List<Object[]> suspend = new ArrayList<>();
        List<Object[]> restore = new ArrayList<>();
        for (Guardian g : chunk) {
          String id = g.id().value();
          GuardianFollowUps followUps = decider.decide(g,
              new GuardianState(live.contains(id), owned.getOrDefault(id, List.of())));
          if (followUps.revokeLiveKey()) {
            revoke.add(new Object[] {now, id, now});
          }
          followUps.suspend().forEach(a -> suspend.add(new Object[] {a.value()}));
          followUps.restore().forEach(a -> restore.add(new Object[] {a.value()}));
          out.add(new GuardianSynced(g, followUps));
        }
        batch(c, REVOKE_GUARDIANS_KEY, revoke);
        batch(c, SUSPEND_ACCOUNT, suspend);
        batch(c, RESTORE_ACCOUNT, restore);
        return out;
      }));
    }
    return synced;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: as {@link #syncGuardians}, {@value #BATCH_ROWS} students to a transaction; each
   * account created is inserted under a savepoint, so a login name taken meanwhile refuses that
   * one account, not the batch.
   */
  @Override
  public List<StudentSynced> syncStudents(List<Student> students, StudentDecider decider,
      Map<StudentId, NewStudentAccount> prepared) {
    Objects.requireNonNull(decider, "decider");
    Objects.requireNonNull(prepared, "prepared");
    List<Student> distinct = List.copyOf(lastOfEach(students, Student::id).values());
    List<StudentSynced> synced = new ArrayList<>(distinct.size());
    for (List<Student> chunk : chunks(distinct, BATCH_ROWS)) {
      synced.addAll(tx.inTransaction("syncStudents", c -> {
        upsertBatch(c, STUDENT_UPDATE, STUDENT_INSERT, chunk.stream()
            .sorted(Comparator.comparing(st -> st.id().value()))
            .map(JdbcStore::studentArgs).toList());
        useIndexes(c);
        Map<String, AccountState> owned = new HashMap<>();
        for (String[] row : byIds(c, "SELECT student_id, id, status FROM lk_account "
            + "WHERE student_id " + IN_LIST,
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
            chunk.stream().map(st -> st.id().value()).toList())) {
          owned.put(row[0], new AccountState(AccountId.of(row[1]),
              AccountStatus.valueOf(row[2])));
        }
        List<StudentSynced> out = new ArrayList<>(chunk.size());
        List<Object[]> suspend = new ArrayList<>();
        List<Object[]> restore = new ArrayList<>();
        for (Student st : chunk) {
          Optional<AccountState> account = Optional.ofNullable(owned.get(st.id().value()));
          StudentFollowUp followUp = decider.decide(st, account);
          StudentSynced.Status status = StudentSynced.Status.APPLIED;
          switch (followUp) {
            case SUSPEND_ACCOUNT:
              suspend.add(new Object[] {account.orElseThrow().id().value()});
              break;
            case RESTORE_ACCOUNT:
              restore.add(new Object[] {account.orElseThrow().id().value()});
              break;
            case CREATE_ACCOUNT:
              status = createPrepared(c, st, prepared.get(st.id()));
              break;
            default:
              break;
          }
          Optional<AccountId> id = status == StudentSynced.Status.APPLIED
              && followUp == StudentFollowUp.CREATE_ACCOUNT
              ? Optional.of(prepared.get(st.id()).account().id())
              : account.map(AccountState::id);
          out.add(new StudentSynced(st, followUp, status, id));
        }
        batch(c, SUSPEND_ACCOUNT, suspend);
        batch(c, RESTORE_ACCOUNT, restore);
        return out;
      }));
    }
    return synced;
  }

  /** Creates a prepared student account and queues its message, inside the caller's transaction. */
  private StudentSynced.Status createPrepared(Connection c, Student student,
      @Nullable NewStudentAccount prepared) throws SQLException {
    if (prepared == null || !student.id().equals(prepared.account().student())) {
      return StudentSynced.Status.NOT_PREPARED;
    }
    PortalAccount account = prepared.account();
    String loginKey = account.loginName().key();
    if (queryOne(c, "SELECT 1 FROM lk_account WHERE district_id = ? AND login_key = ?",
        rs -> true, account.district().value(), loginKey).isPresent()
        || emailOfAnotherGuardian(c, account.district(), loginKey, null)) {
      return StudentSynced.Status.LOGIN_NAME_TAKEN;
    }
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps = tx.prepare(c, "INSERT INTO lk_account (" + ACCOUNT_COLUMNS
        + ", login_key, active_guardian_id) VALUES "
        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bindAccount(ps, account);
      ps.executeUpdate();
    } catch (SQLException e) {
      // Taken by a transaction that committed since the check: this account only.
      if (SqlErrors.isUniqueViolation(e, "lk_account_login_uq")) {
        c.rollback(before);
        return StudentSynced.Status.LOGIN_NAME_TAKEN;
      }
      throw e;
    }
    c.releaseSavepoint(before);
    enqueue(c, prepared.credentials());
    return StudentSynced.Status.APPLIED;
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
  public Optional<Household> household(GuardianId id) {
    Objects.requireNonNull(id, "id");
    return tx.inTransaction("household", c -> household(c, id.value()));
  }

  /** The guardian's household, read in the caller's transaction. */
  private Optional<Household> household(Connection c, String id) throws SQLException {
    Optional<Guardian> guardian = queryOne(c, "SELECT * FROM lk_guardian WHERE id = ?",
        Rows::guardian, id);
    Optional<District> district = guardian.isEmpty() ? Optional.empty() : queryOne(c,
        "SELECT * FROM lk_district WHERE id = ?", Rows::district,
        guardian.get().district().value());
    if (district.isEmpty()) {
      return Optional.empty();
    }
    List<GuardianLink> links = query(c, "SELECT * FROM lk_link WHERE guardian_id = ?",
        Rows::link, id);
    Map<StudentId, Student> students = new HashMap<>();
    if (!links.isEmpty()) {
      for (Student student : byIds(c, "SELECT * FROM lk_student WHERE id IN (%s)",
          Rows::student, links.stream().map(l -> l.student().value()).distinct().toList())) {
        students.put(student.id(), student);
      }
    }
    return Optional.of(new Household(guardian.get(), district.get(), links, students,
        query(c, "SELECT * FROM lk_restriction WHERE guardian_id = ? ORDER BY entered_at, id",
            Rows::restriction, id),
        Set.copyOf(query(c, "SELECT student_id FROM lk_adult_consent WHERE guardian_id = ?",
            rs -> StudentId.of(rs.getString(1)), id))));
  }

  @Override
  public Optional<KeyFile> keyFile(TokenDigest digest) {
    Objects.requireNonNull(digest, "digest");
    return tx.inTransaction("keyFile", c -> {
      Optional<ActivationKeyRecord> key = queryOne(c, "SELECT " + KEY_COLUMNS
          + " FROM lk_activation_key WHERE digest = ?", Rows::key, digest.hex());
      if (key.isEmpty()) {
        return Optional.<KeyFile>empty();
      }
      String guardian = key.get().guardian().value();
      return Optional.of(new KeyFile(key.get(), household(c, guardian).orElse(null),
          queryOne(c, "SELECT id FROM lk_account WHERE active_guardian_id = ?",
              rs -> AccountId.of(rs.getString(1)), guardian).orElse(null)));
    });
  }

  @Override
  public Seen updateSignInAndRead(AccountId id, SignInDecision<?> decision) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decision, "decision");
    return tx.inTransaction("signInStep", c -> {
      // The account's owner cannot change under the row lock: the row read for the decision
      // says whose household to read.
      PortalAccount a = queryOne(c, "SELECT " + ACCOUNT_COLUMNS
          + " FROM lk_account WHERE id = ? FOR UPDATE", Rows::account, id.value()).orElse(null);
      applySignIn(c, a, decision);
      if (a == null) {
        return Seen.NOTHING;
      }
      if (a.guardian() != null) {
        return new Seen(household(c, a.guardian().value()).orElse(null), null);
      }
      return new Seen(null, queryOne(c, "SELECT * FROM lk_student WHERE id = ?", Rows::student,
          Objects.requireNonNull(a.student()).value()).orElse(null));
    });
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
  @Override
  public void putSchool(School school) {
    Objects.requireNonNull(school, "school");
    tx.inTransaction("putSchool", c -> upsert(c,
        "UPDATE lk_school SET district_id = ?, name = ?, contact_email = ? WHERE id = ?",
        "INSERT INTO lk_school (district_id, name, contact_email, id) VALUES (?, ?, ?, ?)",
        school.district().value(), school.name(),
        school.contactEmail().map(EmailAddress::value).orElse(null), school.id().value()));
  }

  @Override
  public Optional<School> school(SchoolId id) {
    return one("school", "SELECT * FROM lk_school WHERE id = ?", Rows::school, id.value());
  }

  @Override
  public boolean removeLink(GuardianId guardian, StudentId student) {
    return tx.inTransaction("removeLink", c -> update(c,
        "DELETE FROM lk_link WHERE guardian_id = ? AND student_id = ?", guardian.value(),
        student.value()) == 1);
  }

  @Override
  public Map<GuardianId, Guardian> guardians(Collection<GuardianId> ids) {
    Map<GuardianId, Guardian> found = new HashMap<>();
    for (Guardian g : byIds("guardians", "SELECT * FROM lk_guardian WHERE id IN (%s)",
        Rows::guardian, ids.stream().map(GuardianId::value).toList())) {
      found.put(g.id(), g);
    }
    return found;
  }

  @Override
  public Map<StudentId, Student> students(Collection<StudentId> ids) {
    Map<StudentId, Student> found = new HashMap<>();
    for (Student s : byIds("students", "SELECT * FROM lk_student WHERE id IN (%s)",
        Rows::student, ids.stream().map(StudentId::value).toList())) {
      found.put(s.id(), s);
    }
    return found;
  }

  @Override
  public List<Guardian> guardiansOfDistrict(DistrictId district, @Nullable GuardianId after,
      int limit) {
    if (pageLimit(limit) == 0) {
      return List.of();
    }
    return after == null
        ? keysetPage("guardiansOfDistrict", "SELECT * FROM lk_guardian WHERE district_id = ? "
            + IN_DISTRICT_ORDER, Rows::guardian, district.value(), limit)
        : keysetPage("guardiansOfDistrict", "SELECT * FROM lk_guardian WHERE district_id = ? "
            + "AND id > ? " + IN_DISTRICT_ORDER, Rows::guardian,
            district.value(), after.value(), limit);
  }

  @Override
  public List<Student> studentsOfDistrict(DistrictId district, @Nullable StudentId after,
      int limit) {
    if (pageLimit(limit) == 0) {
      return List.of();
    }
    return after == null
        ? keysetPage("studentsOfDistrict", "SELECT * FROM lk_student WHERE district_id = ? "
            + IN_DISTRICT_ORDER, Rows::student, district.value(), limit)
        : keysetPage("studentsOfDistrict", "SELECT * FROM lk_student WHERE district_id = ? "
            + "AND id > ? " + IN_DISTRICT_ORDER, Rows::student,
            district.value(), after.value(), limit);
  }

  @Override
  public List<GuardianLink> linksOfDistrict(DistrictId district,
      @Nullable GuardianId afterGuardian, @Nullable StudentId afterStudent, int limit) {
    if (pageLimit(limit) == 0) {
      return List.of();
    }
    // A link belongs to its guardian's district: the district's guardians are walked from the
    // cursor's guardian on through the district index, and their links read by guardian, until
    // the page is full. Every guardian's links are read whole, so the page is exact in
    // (guardian, student) order — guardians in the index's order, as the walk finds them —
    // and other districts' rows are never read.
    boolean first = afterGuardian == null || afterStudent == null;
    String fromGuardian = first ? null : afterGuardian.value();
    String fromStudent = first ? null : afterStudent.value();
    return tx.inTransaction("linksOfDistrict", c -> {
      useIndexes(c);
      List<GuardianLink> links = new ArrayList<>();
      Map<String, Integer> walked = new HashMap<>();
      String cursor = fromGuardian;
      boolean inclusive = fromGuardian != null;
      while (links.size() < limit) {
        List<String> guardians = new ArrayList<>();
        try (PreparedStatement ps = tx.prepare(c, "SELECT id FROM lk_guardian "
            + "WHERE district_id = ? " + (cursor == null ? "" : inclusive ? "AND id >= ? "
            : "AND id > ? ") + IN_DISTRICT_ORDER)) {
          if (cursor == null) {
            bind(ps, district.value(), IN_ROWS);
          } else {
            bind(ps, district.value(), cursor, IN_ROWS);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              guardians.add(rs.getString(1));
              walked.put(rs.getString(1), walked.size());
            }
          }
        }
        if (guardians.isEmpty()) {
          break;
        }
        for (GuardianLink link : byIds(c, "SELECT * FROM lk_link WHERE guardian_id IN (%s)",
            Rows::link, guardians)) {
          String g = link.guardian().value();
          if (!g.equals(fromGuardian) || link.student().value().compareTo(fromStudent) > 0) {
            links.add(link);
          }
        }
        cursor = guardians.get(guardians.size() - 1);
        inclusive = false;
        if (guardians.size() < IN_ROWS) {
          break;
        }
      }
      links.sort(Comparator.comparing((GuardianLink l) -> walked.get(l.guardian().value()))
          .thenComparing(l -> l.student().value()));
      return List.copyOf(links.subList(0, Math.min(limit, links.size())));
    });
  }

  @Override
  public Map<GuardianId, List<GuardianLink>> linksOfGuardians(Collection<GuardianId> guardians) {
    Map<GuardianId, List<GuardianLink>> found = new HashMap<>();
    for (GuardianLink l : byIds("linksOfGuardians",
        "SELECT * FROM lk_link WHERE guardian_id IN (%s)", Rows::link,
        guardians.stream().map(GuardianId::value).toList())) {
      found.computeIfAbsent(l.guardian(), g -> new ArrayList<>()).add(l);
    }
    return found;
  }

  @Override
  public Map<GuardianId, List<Restriction>> restrictionsOfGuardians(
      Collection<GuardianId> guardians) {
    Map<GuardianId, List<Restriction>> found = new HashMap<>();
    for (Restriction r : byIds("restrictionsOfGuardians",
        "SELECT * FROM lk_restriction WHERE guardian_id IN (%s) ORDER BY entered_at, id",
        Rows::restriction, guardians.stream().map(GuardianId::value).toList())) {
      found.computeIfAbsent(r.guardian(), g -> new ArrayList<>()).add(r);
    }
    return found;
  }

  @Override
  public void putRestriction(Restriction r) {
    Objects.requireNonNull(r, "restriction");
    tx.inTransaction("putRestriction", c -> upsert(c,
        "UPDATE lk_restriction SET guardian_id = ?, student_id = ?, starts_on = ?, "
            + "ends_before = ?, reason = ?, entered_by = ?, entered_at = ? WHERE id = ?",
        "INSERT INTO lk_restriction (guardian_id, student_id, starts_on, ends_before, reason, "
            + "entered_by, entered_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        r.guardian().value(), r.student().value(), Date.valueOf(r.startsOn()),
        r.endsBefore().map(Date::valueOf).orElse(null), r.reason(), r.enteredBy(),
        r.enteredAt(), r.id()));
  }

  @Override
  public Optional<Restriction> restriction(String id) {
    if (unmatchable(id)) {
      return Optional.empty();
    }
    return one("restriction", "SELECT * FROM lk_restriction WHERE id = ?", Rows::restriction,
        id);
  }

  @Override
  public List<Restriction> restrictionsOfGuardian(GuardianId guardian) {
    return list("restrictionsOfGuardian", "SELECT * FROM lk_restriction WHERE guardian_id = ? "
        + "ORDER BY entered_at, id", Rows::restriction, guardian.value());
  }

  @Override
  public void putAdultConsent(GuardianId guardian, StudentId student, boolean granted) {
    tx.inTransaction("putAdultConsent", c -> {
      if (!granted) {
        return update(c, "DELETE FROM lk_adult_consent WHERE guardian_id = ? "
            + "AND student_id = ?", guardian.value(), student.value());
      }
      if (queryOne(c, "SELECT 1 FROM lk_adult_consent WHERE guardian_id = ? "
          + "AND student_id = ?", rs -> true, guardian.value(), student.value()).isPresent()) {
        return 0;
      }
      try {
        return update(c, "INSERT INTO lk_adult_consent (guardian_id, student_id) "
            + "VALUES (?, ?)", guardian.value(), student.value());
      } catch (SQLException e) {
        // Granted concurrently by another caller: the row is there, as asked.
        if (SqlErrors.isUniqueViolation(e, "lk_adult_consent")) {
          c.rollback();
          return 0;
        }
        throw e;
      }
    });
  }

  @Override
  public Set<StudentId> adultConsentsOfGuardian(GuardianId guardian) {
    return Set.copyOf(list("adultConsentsOfGuardian", "SELECT student_id FROM lk_adult_consent "
        + "WHERE guardian_id = ?", rs -> StudentId.of(rs.getString(1)), guardian.value()));
  }

  @Override
  public Map<GuardianId, Set<StudentId>> adultConsentsOfGuardians(
      Collection<GuardianId> guardians) {
    Map<GuardianId, Set<StudentId>> found = new HashMap<>();
    for (String[] consent : byIds("adultConsentsOfGuardians",
        "SELECT guardian_id, student_id FROM lk_adult_consent WHERE guardian_id IN (%s)",
        rs -> new String[] {rs.getString(1), rs.getString(2)},
        guardians.stream().map(GuardianId::value).toList())) {
      found.computeIfAbsent(GuardianId.of(consent[0]), g -> new HashSet<>())
          .add(StudentId.of(consent[1]));
    }
    return found;
  }


  // ---- activation keys ----

  @Override
  public IssueOutcome issueKey(IssueKeyCommand command) {
    Objects.requireNonNull(command, "command");
    ActivationKeyRecord key = command.key();
    return tx.inTransaction("issueKey", c -> {
      // The guardian's row is the lock every key and account change for them queues behind.
      IssueOutcome decided = command.decide(holder(c, key.guardian().value(),
          command.countKeysSince()));
      if (decided.status() != IssueOutcome.Status.ISSUED) {
        return decided;
      }
      if (decided.revoked() != null) {
        update(c, REVOKE_LIVE_KEY, key.issuedAt(), decided.revoked().hex());
      }
      if (decided.disabledAccount() != null) {
        update(c, "UPDATE lk_account SET status = 'DISABLED', active_guardian_id = NULL "
            + "WHERE id = ? AND status = 'ACTIVE'", decided.disabledAccount().value());
      }
      update(c, KEY_INSERT, keyArgs(key, null));
      write(c, command.effects(decided));
      return decided;
    });
  }

  /**
   * Locks the guardian's row and reads what the key rules need of them; null when there is no
   * such guardian. Counts keys issued from {@code countSince} only when it is given.
   */
  private @Nullable KeyHolder holder(Connection c, String guardian, @Nullable Instant countSince)
      throws SQLException {
    Optional<GuardianRow> row = queryOne(c, "SELECT email_key, sign_in_enabled "
        + "FROM lk_guardian WHERE id = ? FOR UPDATE", GuardianRow::of, guardian);
    if (row.isEmpty()) {
      return null;
    }
    AccountId active = queryOne(c, "SELECT id FROM lk_account WHERE active_guardian_id = ?",
        rs -> AccountId.of(rs.getString(1)), guardian).orElse(null);
    Optional<Map.Entry<TokenDigest, Instant>> live = queryOne(c, "SELECT digest, expires_at "
        + "FROM lk_activation_key WHERE live_guardian_id = ?",
        rs -> Map.entry(new TokenDigest(rs.getString(1)), Rows.instant(rs, "expires_at")),
        guardian);
    long recent = countSince == null ? 0 : queryOne(c, "SELECT COUNT(*) FROM lk_activation_key "
        + "WHERE guardian_id = ? AND issued_at >= ?", rs -> rs.getLong(1), guardian, countSince)
        .orElse(0L);
    return new KeyHolder(row.get().emailKey(), row.get().signInEnabled(), active,
        live.map(Map.Entry::getKey).orElse(null), live.map(Map.Entry::getValue).orElse(null),
        recent);
  }

  @Override
  public RedeemOutcome redeemKey(RedeemKeyCommand command) {
    Objects.requireNonNull(command, "command");
    PortalAccount account = command.account();
    return tx.inTransaction("redeemKey", c -> {
      // Lock order everywhere: the guardian's row, then the key's. A reissue racing this
      // redemption queues behind it, so at most one of them takes effect (S20).
      KeyHolder holder = holder(c, account.guardian().value(), null);
      ActivationKeyRecord key = queryOne(c, "SELECT " + KEY_COLUMNS
          + " FROM lk_activation_key WHERE digest = ? FOR UPDATE", Rows::key,
          command.digest().hex()).orElse(null);
      RedeemOutcome refusal = command.decide(key, holder);
      if (refusal != null) {
        return refusal;
      }
      if (emailOfAnotherGuardian(c, account.district(), account.loginName().key(),
          account.guardian())) {
        return RedeemOutcome.USERNAME_TAKEN;
      }
      AccountInsert inserted = insertAccount(c, account);
      if (inserted != AccountInsert.INSERTED) {
        return inserted == AccountInsert.LOGIN_NAME_TAKEN
            ? RedeemOutcome.USERNAME_TAKEN : RedeemOutcome.KEY_ALREADY_USED;
      }
      int redeemed = update(c, "UPDATE lk_activation_key SET state = 'REDEEMED', "
              + "redeemed_at = ?, redeemed_by = ?, redeemed_login = ?, live_guardian_id = NULL "
              + "WHERE digest = ? AND state = 'LIVE'",
          command.now(), account.id().value(), account.loginName().value(), key.digest().hex());
      if (redeemed != 1) {
        c.rollback();
        return RedeemOutcome.KEY_ALREADY_USED;
      }
      write(c, command.effects());
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

  /**
   * Takes the commands {@value #IN_ROWS} to a transaction. Each transaction locks its guardians'
   * rows in id order (so two bulk runs cannot deadlock, and every single-guardian operation
   * queues behind it as usual), reads their live keys and active accounts with one query each,
   * decides every command as {@link #issueKey} would, and writes the keys and outbox rows in
   * JDBC batches.
   */
  @Override
  public List<IssueOutcome> issueFirstKeys(List<IssueKeyCommand> commands, Instant now) {
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(now, "now");
    commands.forEach(command -> Objects.requireNonNull(command, "command"));
    List<IssueOutcome> outcomes = new ArrayList<>(commands.size());
    for (List<IssueKeyCommand> chunk : chunks(commands, IN_ROWS)) {
      outcomes.addAll(tx.inTransaction("issueFirstKeys", c -> issueFirst(c, chunk, now)));
    }
    return List.copyOf(outcomes);
  }

  /** A key that is live (state LIVE) for a guardian while this batch is decided. */
  private static final class LiveKey {
    final String digest;
    final Instant expiresAt;
    /** The row this batch is about to insert for it; null for a key already stored. */
    final Object @Nullable [] pendingRow;

    LiveKey(String digest, Instant expiresAt, Object @Nullable [] pendingRow) {
      this.digest = digest;
      this.expiresAt = expiresAt;
      this.pendingRow = pendingRow;
    }
  }

  private List<IssueOutcome> issueFirst(Connection c, List<IssueKeyCommand> chunk, Instant now)
      throws SQLException {
    useIndexes(c);
    List<String> ids = chunk.stream().map(command -> command.key().guardian().value())
        .distinct().toList();
    Map<String, GuardianRow> guardians = new HashMap<>();
    // One statement, so the rows are locked in id order: a chunk is at most IN_ROWS ids.
    for (Map.Entry<String, GuardianRow> row : byIds(c, "SELECT id, email_key, sign_in_enabled "
        + "FROM lk_guardian WHERE id IN (%s) ORDER BY id FOR UPDATE",
        rs -> Map.entry(rs.getString("id"), GuardianRow.of(rs)), ids)) {
      guardians.put(row.getKey(), row.getValue());
    }
    Map<String, AccountId> withAccount = new HashMap<>();
    Map<String, LiveKey> live = new HashMap<>();
    if (!guardians.isEmpty()) {
      List<String> known = List.copyOf(guardians.keySet());
      for (String[] active : byIds(c, "SELECT active_guardian_id, id FROM lk_account "
          + "WHERE active_guardian_id IN (%s)", rs -> new String[] {rs.getString(1),
              rs.getString(2)}, known)) {
        withAccount.put(active[0], AccountId.of(active[1]));
      }
      for (Map.Entry<String, LiveKey> key : byIds(c, "SELECT live_guardian_id, digest, "
          + "expires_at FROM lk_activation_key WHERE live_guardian_id IN (%s)",
          rs -> Map.entry(rs.getString(1), new LiveKey(rs.getString(2),
              Rows.instant(rs, "expires_at"), null)), known)) {
        live.put(key.getKey(), key.getValue());
      }
    }

    List<IssueOutcome> outcomes = new ArrayList<>(chunk.size());
    List<Object[]> revocations = new ArrayList<>();
    List<Object[]> keyRows = new ArrayList<>();
    List<Object[]> outboxRows = new ArrayList<>();
    List<Object[]> auditRows = new ArrayList<>();
    Map<String, KeyHolder> holders = new HashMap<>();
    for (Map.Entry<String, GuardianRow> row : guardians.entrySet()) {
      LiveKey current = live.get(row.getKey());
      holders.put(row.getKey(), new KeyHolder(row.getValue().emailKey(),
          row.getValue().signInEnabled(),
          withAccount.get(row.getKey()),
          current == null ? null : new TokenDigest(current.digest),
          current == null ? null : current.expiresAt, 0));
    }
    for (IssueKeyCommand command : chunk) {
      ActivationKeyRecord key = command.key();
      String guardian = key.guardian().value();
      IssueOutcome decided = command.decideFirst(holders.get(guardian), now);
      if (decided.status() != IssueOutcome.Status.ISSUED) {
        outcomes.add(decided);
        continue;
      }
      LiveKey current = live.get(guardian);
      if (current != null) {
        if (current.pendingRow == null) {
          revocations.add(new Object[] {key.issuedAt(), current.digest});
        } else {
          revokeRow(current.pendingRow, key.issuedAt());
        }
      }
      Object[] keyRow = keyArgs(key, null);
      keyRows.add(keyRow);
      Effects effects = command.effects(decided);
      effects.outbox().forEach(n -> outboxRows.add(outboxArgs(n)));
      effects.audit().forEach(e -> auditRows.add(auditArgs(e)));
      live.put(guardian, new LiveKey(key.digest().hex(), key.expiresAt(), keyRow));
      holders.put(guardian, holders.get(guardian).withLiveKey(key.digest(), key.expiresAt()));
      outcomes.add(new IssueOutcome(IssueOutcome.Status.ISSUED, decided.revoked(), null));
    }
    batch(c, REVOKE_LIVE_KEY, revocations);
    batch(c, KEY_INSERT, keyRows);
    batch(c, OUTBOX_INSERT, outboxRows);
    batch(c, AUDIT_INSERT, auditRows);
    return outcomes;
  }

  @Override
  public List<Guardian> guardiansAwaitingKey(DistrictId district, @Nullable GuardianId after,
      int limit, Instant now) {
    if (pageLimit(limit) == 0) {
      return List.of();
    }
    // Candidates by keyset on the guardian index, then the ones with a login or a live key
    // struck out by unique-index lookups: one anti-join over the whole key table per page would
    // read every key a run has issued so far, again for every page.
    List<Guardian> awaiting = new ArrayList<>(limit);
    String cursor = after == null ? null : after.value();
    while (awaiting.size() < limit) {
      int candidates = Math.max(limit, IN_ROWS);
      String from = cursor;
      Set<String> busy = new HashSet<>();
      List<Guardian> page = tx.inTransaction("guardiansAwaitingKey", c -> {
        busy.clear(); // a retried transaction starts again
        useIndexes(c);
        List<Guardian> rows = new ArrayList<>(candidates);
        try (PreparedStatement ps = tx.prepare(c, "SELECT * FROM lk_guardian "
            + "WHERE district_id = ? AND email_key IS NOT NULL AND sign_in_enabled = TRUE "
            + (from == null ? "" : "AND id > ? ") + IN_DISTRICT_ORDER)) {
          if (from == null) {
            bind(ps, district.value(), candidates);
          } else {
            bind(ps, district.value(), from, candidates);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(Rows.guardian(rs));
            }
          }
        }
        List<String> ids = rows.stream().map(g -> g.id().value()).toList();
        if (!ids.isEmpty()) {
          busy.addAll(byIds(c, "SELECT active_guardian_id FROM lk_account "
              + "WHERE active_guardian_id IN (%s)", rs -> rs.getString(1), ids));
          busy.addAll(byIds(c, "SELECT live_guardian_id FROM lk_activation_key "
              + "WHERE live_guardian_id IN (%s) AND expires_at > ?", rs -> rs.getString(1),
              ids, now));
        }
        return rows;
      });
      if (page.isEmpty()) {
        break;
      }
      cursor = page.get(page.size() - 1).id().value();
      for (Guardian g : page) {
        if (!busy.contains(g.id().value())) {
          awaiting.add(g);
          if (awaiting.size() == limit) {
            break;
          }
        }
      }
      if (page.size() < candidates) {
        break;
      }
    }
    return awaiting;
  }

  @Override
  public long countGuardiansAwaitingKey(DistrictId district, Instant now) {
    return one("countGuardiansAwaitingKey", "SELECT COUNT(*) " + AWAITING_KEY,
        rs -> rs.getLong(1), district.value(), now).orElse(0L);
  }

  @Override
  public boolean revokeLiveKey(GuardianId guardian, Instant now) {
    return tx.inTransaction("revokeLiveKey", c -> {
      queryOne(c, "SELECT id FROM lk_guardian WHERE id = ? FOR UPDATE", rs -> true,
          guardian.value());
      return update(c, "UPDATE lk_activation_key SET state = 'REVOKED', revoked_at = ?, "
          + "live_guardian_id = NULL WHERE live_guardian_id = ? AND state = 'LIVE' "
          + "AND expires_at > ?", now, guardian.value(), now) == 1;
    });
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
      return inserted == AccountInsert.LOGIN_NAME_TAKEN
          ? RosterResult.LOGIN_NAME_TAKEN : RosterResult.ACCOUNT_EXISTS;
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
  public RosterResult createStudentAccount(PortalAccount account, Notification credentials) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(credentials, "credentials");
    if (account.student() == null) {
      throw new IllegalArgumentException("not a student account");
    }
    String student = account.student().value();
    return tx.inTransaction("createStudentAccount", c -> {
      // The student's row is the lock two creations for one student queue behind.
      if (queryOne(c, "SELECT id FROM lk_student WHERE id = ? FOR UPDATE", rs -> true,
          student).isEmpty()) {
        throw new IllegalArgumentException("the account's student is not on the roster");
      }
      if (queryOne(c, "SELECT 1 FROM lk_account WHERE student_id = ?", rs -> true, student)
          .isPresent()) {
        return RosterResult.ACCOUNT_EXISTS;
      }
      String loginKey = account.loginName().key();
      if (queryOne(c, "SELECT 1 FROM lk_account WHERE district_id = ? AND login_key = ?",
          rs -> true, account.district().value(), loginKey).isPresent()
          || emailOfAnotherGuardian(c, account.district(), loginKey, null)) {
        return RosterResult.LOGIN_NAME_TAKEN;
      }
      AccountInsert inserted = insertAccount(c, account);
      if (inserted != AccountInsert.INSERTED) {
        return inserted == AccountInsert.LOGIN_NAME_TAKEN
            ? RosterResult.LOGIN_NAME_TAKEN : RosterResult.ACCOUNT_EXISTS;
      }
      enqueue(c, credentials);
      return RosterResult.APPLIED;
    });
  }

  @Override
  public Optional<PortalAccount> accountOfStudent(StudentId student) {
    return one("accountOfStudent", "SELECT " + ACCOUNT_COLUMNS + " FROM lk_account "
        + "WHERE student_id = ?", Rows::account, student.value());
  }

  @Override
  public Map<StudentId, PortalAccount> accountsOfStudents(Collection<StudentId> students) {
    Map<StudentId, PortalAccount> found = new HashMap<>();
    for (PortalAccount a : byIds("accountsOfStudents", "SELECT " + ACCOUNT_COLUMNS
        + " FROM lk_account WHERE student_id IN (%s)", Rows::account,
        students.stream().map(StudentId::value).toList())) {
      found.put(Objects.requireNonNull(a.student()), a);
    }
    return found;
  }

  @Override
  public boolean setSuspended(AccountId id, boolean suspended) {
    return tx.inTransaction("setSuspended", c -> {
      if (suspended) {
        return update(c, "UPDATE lk_account SET status = 'SUSPENDED', "
            + "active_guardian_id = NULL WHERE id = ? AND status = 'ACTIVE'", id.value()) == 1;
      }
      try {
        return update(c, "UPDATE lk_account SET status = 'ACTIVE', "
            + "active_guardian_id = guardian_id WHERE id = ? AND status = 'SUSPENDED'",
            id.value()) == 1;
      } catch (SQLException e) {
        // The guardian has another active account by now (one per guardian): this one stays
        // suspended.
        if (SqlErrors.isUniqueViolation(e, "lk_account_active_guardian_uq")) {
          c.rollback();
          return false;
        }
        throw e;
      }
    });
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
  public <R> R updateSignIn(AccountId id, SignInDecision<R> decision) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decision, "decision");
    return tx.inTransaction("signInStep", c -> applySignIn(c, "id = ?", decision,
        id.value()));
  }

  @Override
  public <R> R updateSignIn(DistrictId district, String loginKey, SignInDecision<R> decision) {
    Objects.requireNonNull(decision, "decision");
    if (unmatchable(loginKey)) {
      return tx.inTransaction("signInStep", c -> write(c, decision.decide(null)));
    }
    return tx.inTransaction("signInStep", c -> applySignIn(c,
        "district_id = ? AND login_key = ?", decision, district.value(), loginKey));
  }

  /**
   * Loads the account for update, asks the decision, and writes its answer in the same
   * transaction: the row lock makes every decision see the state the one before it wrote.
   */
  private <R> R applySignIn(Connection c, String where, SignInDecision<R> decision,
      Object... key) throws SQLException {
    return applySignIn(c, queryOne(c, "SELECT " + ACCOUNT_COLUMNS + " FROM lk_account WHERE "
        + where + " FOR UPDATE", Rows::account, key).orElse(null), decision);
  }

  private <R> R applySignIn(Connection c, @Nullable PortalAccount account,
      SignInDecision<R> decision) throws SQLException {
    SignInUpdate<R> update = Objects.requireNonNull(decision.decide(account), "update");
    if (account == null) {
      if (update.next() != null || update.newHash() != null) {
        throw new IllegalArgumentException("no account to write a sign-in state to");
      }
    } else if (update.next() != null || update.newHash() != null) {
      writeSignInState(c, account.id().value(),
          update.next() == null ? account.signInState() : update.next(),
          update.newHash() == null ? account.passwordHash() : update.newHash());
    }
    return write(c, update);
  }

  private void writeSignInState(Connection c, String account, SignInState s, PasswordHash hash)
      throws SQLException {
    update(c, "UPDATE lk_account SET failed_attempts = ?, last_failure_at = ?, locked_at = ?, "
            + "locked_until = ?, lockouts = ?, last_sign_in_at = ?, password_hash = ? "
            + "WHERE id = ?", s.failedAttempts(), s.lastFailureAt(), s.lockedAt(),
        s.lockedUntil(), s.lockouts(), s.lastSignInAt(), hash.encoded(), account);
  }

  private <R> R write(Connection c, SignInUpdate<R> update) throws SQLException {
    write(c, update.effects());
    return update.result();
  }

  @Override
  public PasswordChangeOutcome changePassword(AccountId id, long expectedVersion,
      PasswordHash newHash, Instant now, Effects effects) {
    Objects.requireNonNull(newHash, "newHash");
    Objects.requireNonNull(effects, "effects");
    return tx.inTransaction("changePassword", c -> {
      rememberPassword(c, id.value(), expectedVersion, now);
      int changed = update(c, "UPDATE lk_account SET password_hash = ?, "
              + "credential_version = credential_version + 1, must_change = FALSE "
              + "WHERE id = ? AND credential_version = ?",
          newHash.encoded(), id.value(), expectedVersion);
      if (changed == 1) {
        write(c, effects);
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
  public boolean issueResetToken(ResetTokenRecord token, Effects effects) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(effects, "effects");
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
      write(c, effects);
      return true;
    });
  }

  @Override
  public Optional<ResetTokenRecord> resetToken(TokenDigest digest) {
    return one("resetToken", "SELECT * FROM lk_reset_token WHERE digest = ?", Rows::resetToken,
        digest.hex());
  }

  @Override
  public ResetOutcome resetPassword(TokenDigest digest, PasswordHash newHash,
      ResetDecision decision) {
    Objects.requireNonNull(newHash, "newHash");
    Objects.requireNonNull(decision, "decision");
    return tx.inTransaction("resetPassword", c -> {
      // The token's row, then its account's: of two racing resets, the second sees it used.
      ResetTokenRecord token = queryOne(c, "SELECT * FROM lk_reset_token WHERE digest = ? "
          + "FOR UPDATE", Rows::resetToken, digest.hex()).orElse(null);
      PortalAccount account = token == null ? null : queryOne(c, "SELECT " + ACCOUNT_COLUMNS
          + " FROM lk_account WHERE id = ? FOR UPDATE", Rows::account,
          token.account().value()).orElse(null);
      ResetStep step = Objects.requireNonNull(decision.decide(token, account), "step");
      if (step.outcome() != ResetOutcome.RESET) {
        return step.outcome();
      }
      if (token == null || account == null) {
        throw new IllegalArgumentException("no token or account to reset");
      }
      String id = account.id().value();
      update(c, "UPDATE lk_reset_token SET state = 'USED', used_at = ? WHERE digest = ?",
          step.at(), digest.hex());
      update(c, "INSERT INTO lk_password_history (account_id, password_hash, replaced_at) "
          + "SELECT id, password_hash, ? FROM lk_account WHERE id = ?", step.at(), id);
      update(c, "UPDATE lk_account SET password_hash = ?, "
          + "credential_version = credential_version + 1, must_change = FALSE WHERE id = ?",
          newHash.encoded(), id);
      if (step.signInState() != null) {
        writeSignInState(c, id, step.signInState(), newHash);
      }
      write(c, step.effects());
      return ResetOutcome.RESET;
    });
  }

  @Override
  public boolean consume(String bucket, RateDecision decision) {
    Objects.requireNonNull(decision, "decision");
    if (unmatchable(bucket)) {
      return false;
    }
    return tx.inTransaction("consume", c -> {
      RateBucket current = queryOne(c, "SELECT window_start, events FROM lk_rate_bucket "
          + "WHERE bucket = ? FOR UPDATE", rs -> new RateBucket(
              Rows.instant(rs, "window_start"), rs.getInt("events")), bucket).orElse(null);
      RateBucket next = decision.decide(current);
      if (next == null) {
        return false;
      }
      // A first event racing another surfaces as a unique violation on the insert; the store
      // reports it as a StoreException in that rare race.
      update(c, current == null
          ? "INSERT INTO lk_rate_bucket (window_start, events, bucket) VALUES (?, ?, ?)"
          : "UPDATE lk_rate_bucket SET window_start = ?, events = ? WHERE bucket = ?",
          next.windowStart(), next.events(), bucket);
      return true;
    });
  }

  @Override
  public void putVerification(CallerVerification v, Effects effects) {
    Objects.requireNonNull(v, "verification");
    Objects.requireNonNull(effects, "effects");
    tx.inTransaction("putVerification", c -> {
      update(c, "INSERT INTO lk_caller_verification "
              + "(id, guardian_id, agent, verified_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          v.id(), v.guardian().value(), v.agent(), v.verifiedAt(), v.expiresAt());
      write(c, effects);
      return null;
    });
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
      EmailAddress replacement, Instant now, Effects effects) {
    Objects.requireNonNull(effects, "effects");
    return tx.inTransaction("changeGuardianEmail", c -> {
      int changed = update(c, "UPDATE lk_guardian SET email = ?, email_key = ? "
              + "WHERE id = ? AND email_key = ?", replacement.value(), replacement.key(),
          guardian.value(), expected.key());
      if (changed != 1) {
        return false;
      }
      update(c, "UPDATE lk_activation_key SET state = 'REVOKED', revoked_at = ?, "
          + "live_guardian_id = NULL WHERE live_guardian_id = ?", now, guardian.value());
      write(c, effects);
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
      return lease(c, claimed, unreadable, now, lease);
    });
  }

  /**
   * Leases what a claim read until {@code now + lease}, and parks what it could not read, for
   * an operator, so it never blocks the messages queued behind it.
   */
  private List<OutboxMessage> lease(Connection c, List<OutboxMessage> claimed,
      List<String> unreadable, Instant now, Duration lease) throws SQLException {
    for (String id : unreadable) {
      LOG.error("outbox message {} cannot be decrypted with the current secret, or is not in "
          + "this version's format; parked", id);
      update(c, "UPDATE lk_outbox SET parked = TRUE, attempts = attempts + 1, "
          + "leased_until = NULL WHERE id = ?", id);
    }
    for (OutboxMessage message : claimed) {
      update(c, "UPDATE lk_outbox SET leased_until = ? WHERE id = ?", now.plus(lease),
          message.notification().id().value());
    }
    return claimed;
  }

  @Override
  public List<OutboxMessage> claim(Collection<NotificationId> ids, Instant now, Duration lease) {
    Objects.requireNonNull(ids, "ids");
    List<String> wanted = ids.stream().map(NotificationId::value).distinct().toList();
    if (wanted.isEmpty()) {
      return List.of();
    }
    return tx.inTransaction("claim", c -> {
      List<OutboxMessage> claimed = new ArrayList<>();
      List<String> unreadable = new ArrayList<>();
      // SKIP LOCKED: a row another relay is claiming right now is that relay's (S30).
      byIds(c, "SELECT id, payload, attempts, next_attempt_at, parked FROM lk_outbox "
          + "WHERE id " + IN_LIST + " AND parked = FALSE AND next_attempt_at <= ? "
          + "AND (leased_until IS NULL OR leased_until <= ?) ORDER BY seq "
          + "FOR UPDATE SKIP LOCKED", rs -> {
            try {
              claimed.add(outboxMessage(rs));
            } catch (IllegalStateException e) {
              unreadable.add(rs.getString("id"));
            }
            return null;
          }, wanted, now, now);
      return lease(c, claimed, unreadable, now, lease);
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

  private static final String OUTBOX_INSERT = "INSERT INTO lk_outbox (id, district_id, type, "
      + "payload, created_at, next_attempt_at, leased_until, attempts, parked) "
      + "VALUES (?, ?, ?, ?, ?, ?, NULL, 0, FALSE)";

  // ---- audit ----

  @Override
  public void record(Effects effects) {
    Objects.requireNonNull(effects, "effects");
    if (effects.isEmpty()) {
      return;
    }
    tx.inTransaction("record", c -> {
      write(c, effects);
      return null;
    });
  }

  @Override
  public List<AuditEvent> auditTrail(DistrictId district, String subject, int max) {
    if (max <= 0) {
      return List.of();
    }
    return list("auditTrail", "SELECT at, district_id, type, actor, subject, source, outcome, "
        + "details FROM lk_audit WHERE district_id = ? AND subject = ? "
        + "ORDER BY id DESC FETCH FIRST ? ROWS ONLY", Rows::auditEvent, district.value(),
        subject, max);
  }

  /** Writes a change's outbox messages and audit events in its transaction. */
  private void write(Connection c, Effects effects) throws SQLException {
    for (Notification n : effects.outbox()) {
      enqueue(c, n);
    }
    for (AuditEvent e : effects.audit()) {
      update(c, AUDIT_INSERT, auditArgs(e));
    }
  }

  private static final String AUDIT_INSERT = "INSERT INTO lk_audit (at, district_id, type, "
      + "actor, subject, source, outcome, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private static Object[] auditArgs(AuditEvent e) {
    return new Object[] {Rows.truncate(e.at()), e.district().value(), e.type().name(), e.actor(),
        e.subject(), e.source(), e.outcome(), Rows.details(e.details())};
  }

  private void enqueue(Connection c, Notification n) throws SQLException {
    update(c, OUTBOX_INSERT, outboxArgs(n));
  }

  /** The outbox row of {@code n}, its payload sealed under the outbox key (S31). */
  private Object[] outboxArgs(Notification n) {
    return new Object[] {n.id().value(), n.district().value(), n.type().name(),
        codec.encode(n), n.createdAt(), n.createdAt()};
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
  private enum AccountInsert { INSERTED, GUARDIAN_HAS_ACCOUNT, STUDENT_HAS_ACCOUNT,
    LOGIN_NAME_TAKEN }

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
      if (SqlErrors.isUniqueViolation(e, "lk_account_student_uq")) {
        c.rollback();
        return AccountInsert.STUDENT_HAS_ACCOUNT;
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
    return list(operation, false, sql, mapper, args);
  }

  /** {@link #list} for a keyset page, read through the index it is ordered by. */
  private <T> List<T> keysetPage(String operation, String sql, Mapper<T> mapper, Object... args) {
    return list(operation, true, sql, mapper, args);
  }

  private <T> List<T> list(String operation, boolean indexed, String sql, Mapper<T> mapper,
      Object... args) {
    return tx.inTransaction(operation, c -> {
      if (indexed) {
        useIndexes(c);
      }
      return query(c, sql, mapper, args);
    });
  }

  private <T> List<T> query(Connection c, String sql, Mapper<T> mapper, Object... args)
      throws SQLException {
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

  /** Revokes the key with this digest if it is still live (bind: revoked at, digest). */
  private static final String REVOKE_LIVE_KEY = "UPDATE lk_activation_key SET state = 'REVOKED', "
      + "revoked_at = ?, live_guardian_id = NULL WHERE digest = ? AND state = 'LIVE'";

  private static final String KEY_INSERT = "INSERT INTO lk_activation_key (" + KEY_COLUMNS
      + ", live_guardian_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)";

  /** Where a guardian awaits a first key (bind: district, now). */
  private static final String AWAITING_KEY = "FROM lk_guardian g WHERE g.district_id = ? "
      + "AND g.email_key IS NOT NULL AND g.sign_in_enabled = TRUE "
      + "AND NOT EXISTS (SELECT 1 FROM lk_account a WHERE a.active_guardian_id = g.id) "
      + "AND NOT EXISTS (SELECT 1 FROM lk_activation_key k WHERE k.live_guardian_id = g.id "
      + "AND k.state = 'LIVE' AND k.expires_at > ?)";

  /** The arguments of {@link #KEY_INSERT}: a live key, unless {@code revokedAt} is given. */
  private static Object[] keyArgs(ActivationKeyRecord key, @Nullable Instant revokedAt) {
    String guardian = key.guardian().value();
    return new Object[] {key.digest().hex(), guardian, key.district().value(),
        key.sentTo().value(), key.issuedAt(), key.expiresAt(),
        revokedAt == null ? "LIVE" : "REVOKED", revokedAt, revokedAt == null ? guardian : null};
  }

  /** Turns a pending {@link #keyArgs} row into that of the key revoked at {@code at}. */
  private static void revokeRow(Object[] keyRow, Instant at) {
    keyRow[6] = "REVOKED";
    keyRow[7] = at;
    keyRow[8] = null;
  }

  /**
   * Why a key may not be issued to this guardian (unknown, another address on file now, sign-in
   * disabled), or null; {@link #issueKey} and {@link #issueFirstKeys} both ask it, under the
   * guardian's row lock.
   */
  /** A guardian's row as key operations read it, under its lock. */
  private record GuardianRow(@Nullable String emailKey, boolean signInEnabled) {
    static GuardianRow of(ResultSet rs) throws SQLException {
      return new GuardianRow(rs.getString("email_key"), rs.getBoolean("sign_in_enabled"));
    }
  }

  private static int pageLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    return limit;
  }

  /** {@code n} comma-separated parameter markers, for an IN list. */
  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static <T> List<List<T>> chunks(List<T> all, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += size) {
      chunks.add(all.subList(from, Math.min(all.size(), from + size)));
    }
    return chunks;
  }

  /**
   * The rows whose key is one of {@code ids}, {@value #IN_ROWS} ids to a query, in one
   * transaction; {@code sql} says {@value #IN_LIST} where the ids go.
   */
  private <T> List<T> byIds(String operation, String sql, Mapper<T> mapper,
      List<String> ids) {
    List<String> distinct = ids.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return List.of();
    }
    return tx.inTransaction(operation, c -> {
      useIndexes(c);
      return byIds(c, sql, mapper, distinct);
    });
  }

  /**
   * {@link #byIds(String, String, Mapper, List)} inside a transaction that has called
   * {@link #useIndexes}, {@code more} bound after the ids. On PostgreSQL the ids go as one array
   * parameter ({@code = ANY (?)}), so every chunk is the same statement, parsed once; elsewhere
   * as an IN list of markers.
   */
  private <T> List<T> byIds(Connection c, String sql, Mapper<T> mapper, List<String> ids,
      Object... more) throws SQLException {
    if (!sql.contains(IN_LIST)) {
      throw new IllegalArgumentException("an id-list query must say " + IN_LIST);
    }
    List<T> rows = new ArrayList<>();
    boolean array = Dialect.of(c) == Dialect.POSTGRESQL;
    for (List<String> chunk : chunks(ids, IN_ROWS)) {
      List<Object> args = new ArrayList<>(chunk.size() + more.length);
      if (array) {
        args.add(c.createArrayOf("text", chunk.toArray()));
      } else {
        args.addAll(chunk);
      }
      args.addAll(Arrays.asList(more));
      try (PreparedStatement ps = tx.prepare(c, array ? sql.replace(IN_LIST, "= ANY (?)")
          : String.format(Locale.ROOT, sql, placeholders(chunk.size())))) {
        bind(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(mapper.map(rs));
          }
        }
      }
    }
    return rows;
  }

  /**
   * Has PostgreSQL find rows through their indexes for the rest of this transaction, whose
   * statements look rows up by lists of ids or read keyset pages: work an index does in time
   * proportional to the rows asked for. Right after a bulk load, before autovacuum has analysed
   * the tables, the planner cannot tell and would scan the whole table instead (a page of 500
   * students by id read all 150,000), and a plan cached while a table was nearly empty would go
   * on scanning it once it holds a district.
   */
  private static void useIndexes(Connection c) throws SQLException {
    if (Dialect.of(c) == Dialect.POSTGRESQL) {
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_seqscan = off");
      }
    }
  }

  /** Runs {@code sql} once per row as one JDBC batch; the update count of each. */
  private int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement ps = tx.prepare(c, sql)) {
      for (Object[] row : rows) {
        bind(ps, row);
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }
}
