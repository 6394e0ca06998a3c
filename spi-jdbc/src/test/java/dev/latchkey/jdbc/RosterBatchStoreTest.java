package dev.latchkey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.ServerSecrets;
import dev.latchkey.jdbc.ScanSupport.Backend;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.Restriction;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.spi.IssueKeyCommand;
import dev.latchkey.spi.IssueOutcome;
import dev.latchkey.spi.IssueOutcome.Status;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The roster-sync methods of {@link JdbcStore} on H2 and PostgreSQL: batched upserts, set reads
 * and keyset pages, bulk first keys, student accounts, suspension, restrictions and consents.
 * What the conformance kit's RosterSyncContract does not hold: JDBC batching, races between
 * connections, and row counts in the tables.
 */
class RosterBatchStoreTest {
  private static final Instant NOW = Instant.parse("2026-08-17T12:00:00Z");
  private static final Duration KEY_LIFE = Duration.ofDays(14);
  private static final DistrictId DISTRICT = DistrictId.of("batch-203");
  private static final DistrictId OTHER = DistrictId.of("batch-204");
  private static final PasswordHash HASH =
      new PasswordHash("$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA");

  private final SecureRandom random = new SecureRandom();

  /** One backend's database, store and two districts, closed after each test. */
  private final class Fixture implements AutoCloseable {
    final TestDatabase db;
    final JdbcStore store;

    Fixture(Backend backend) {
      db = backend.open();
      store = JdbcStore.create(db.pool(), ServerSecrets.ephemeral(random));
      for (DistrictId d : List.of(DISTRICT, OTHER)) {
        store.putDistrict(new District(d, "District " + d, "IL", ZoneId.of("America/Chicago"),
            EmailAddress.of("help@example.org"), "630.420.6825"));
      }
    }

    long count(String sql) throws Exception {
      try (Connection c = db.pool().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    @Override
    public void close() {
      db.close();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  @DisplayName("batched upserts of guardians, students and links are idempotent and read back")
  void batchedUpsertsTwiceAreIdempotent(Backend backend) throws Exception {
    try (Fixture f = new Fixture(backend)) {
      int n = 2_300; // more than two JDBC batches
      List<Guardian> guardians = IntStream.range(0, n).mapToObj(i -> guardian(DISTRICT,
          String.format("g-%05d", i))).toList();
      List<Student> students = IntStream.range(0, n).mapToObj(i -> student(DISTRICT,
          String.format("s-%05d", i))).toList();
      List<GuardianLink> links = IntStream.range(0, n).mapToObj(i -> new GuardianLink(
          guardians.get(i).id(), students.get(i).id(), Relationship.PARENT, true)).toList();

      f.store.putGuardians(guardians);
      f.store.putStudents(students);
      f.store.putLinks(links);
      // Again, with a few changes: updates in place, nothing doubled.
      List<Guardian> changed = new ArrayList<>(guardians);
      changed.set(7, guardians.get(7).withSignInEnabled(false));
      changed.set(1500, guardians.get(1500)
          .withPreferredLanguage(java.util.Locale.forLanguageTag("es")));
      List<Student> movedStudents = new ArrayList<>(students);
      movedStudents.set(3, students.get(3).atSchool(SchoolId.of("sch-1"))
          .withSignInEnabled(false).withGrade(Grade.UG));
      List<GuardianLink> relinked = new ArrayList<>(links);
      relinked.set(9, new GuardianLink(links.get(9).guardian(), links.get(9).student(),
          Relationship.GUARDIAN, false));
      f.store.putGuardians(changed);
      f.store.putGuardians(changed);
      f.store.putStudents(movedStudents);
      f.store.putLinks(relinked);

      assertThat(f.count("SELECT COUNT(*) FROM lk_guardian")).isEqualTo(n);
      assertThat(f.count("SELECT COUNT(*) FROM lk_student")).isEqualTo(n);
      assertThat(f.count("SELECT COUNT(*) FROM lk_link")).isEqualTo(n);

      // Set reads: more ids than one IN list, some unknown, some repeated.
      List<GuardianId> asked = new ArrayList<>(changed.stream().map(Guardian::id).toList());
      asked.add(GuardianId.of("g-unknown"));
      asked.add(changed.get(0).id());
      Map<GuardianId, Guardian> read = f.store.guardians(asked);
      assertThat(read).hasSize(n);
      assertThat(read.get(changed.get(7).id())).isEqualTo(changed.get(7));
      assertThat(read.get(changed.get(7).id()).signInEnabled()).isFalse();
      assertThat(read.get(changed.get(1500).id())).isEqualTo(changed.get(1500));
      assertThat(read.values()).containsExactlyInAnyOrderElementsOf(changed);
      Map<StudentId, Student> readStudents = f.store.students(
          movedStudents.stream().map(Student::id).toList());
      assertThat(readStudents.values()).containsExactlyInAnyOrderElementsOf(movedStudents);
      assertThat(readStudents.get(students.get(3).id()).schoolId())
          .contains(SchoolId.of("sch-1"));
      assertThat(f.store.linksOfGuardian(links.get(9).guardian()))
          .containsExactly(relinked.get(9));
      assertThat(f.store.guardians(List.of())).isEmpty();

      // A record listed twice in one call ends as its last occurrence.
      Guardian twice = guardian(DISTRICT, "g-twice");
      f.store.putGuardians(List.of(twice, twice.withSignInEnabled(false)));
      assertThat(f.store.guardian(twice.id())).contains(twice.withSignInEnabled(false));
      GuardianLink link = new GuardianLink(twice.id(), students.get(0).id(), Relationship.PARENT,
          true);
      f.store.putLinks(List.of(link, new GuardianLink(twice.id(), students.get(0).id(),
          Relationship.OTHER, false)));
      assertThat(f.store.linksOfGuardian(twice.id())).extracting(GuardianLink::relationship)
          .containsExactly(Relationship.OTHER);
      assertThat(f.store.students(List.of(StudentId.of("s-none")))).isEmpty();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  @DisplayName("district pages of guardians, students and links cover each once, in id order")
  void pagesCoverTheDistrictInIdOrder(Backend backend) {
    try (Fixture f = new Fixture(backend)) {
      // Ids whose order differs between byte order and a language's collation.
      List<String> names = List.of("g-10", "g_2", "G3", "g.1", "g/4", "g@5", "g-1", "g1", "Ga",
          "gA", "g-0", "g_0", "g9", "h", "a", "Z", "z-1", "z.1", "z_1", "zz");
      List<Guardian> guardians = names.stream().map(id -> guardian(DISTRICT, id)).toList();
      List<Student> students = names.stream().map(id -> student(DISTRICT, "s" + id)).toList();
      f.store.putGuardians(guardians);
      f.store.putStudents(students);
      f.store.putGuardian(guardian(OTHER, "g-other"));
      f.store.putStudent(student(OTHER, "s-other"));
      List<GuardianLink> links = new ArrayList<>();
      for (int i = 0; i < guardians.size(); i++) {
        for (int j = 0; j < 3; j++) {
          links.add(new GuardianLink(guardians.get(i).id(),
              students.get((i + j * 7) % students.size()).id(), Relationship.PARENT, true));
        }
      }
      f.store.putLinks(links);
      f.store.putLink(new GuardianLink(GuardianId.of("g-other"), StudentId.of("s-other"),
          Relationship.PARENT, true));

      List<Guardian> guardianPages = pages(
          (after, limit) -> f.store.guardiansOfDistrict(DISTRICT,
              after == null ? null : after.id(), limit), 6);
      assertThat(guardianPages).extracting(g -> g.id().value())
          .containsExactlyElementsOf(names.stream().sorted().toList());
      List<Student> studentPages = pages(
          (after, limit) -> f.store.studentsOfDistrict(DISTRICT,
              after == null ? null : after.id(), limit), 7);
      assertThat(studentPages).extracting(s -> s.id().value())
          .containsExactlyElementsOf(names.stream().map(id -> "s" + id).sorted().toList());
      List<GuardianLink> linkPages = pages(
          (after, limit) -> f.store.linksOfDistrict(DISTRICT,
              after == null ? null : after.guardian(), after == null ? null : after.student(),
              limit), 4);
      assertThat(linkPages).containsExactlyElementsOf(links.stream()
          .sorted(Comparator.comparing((GuardianLink l) -> l.guardian().value())
              .thenComparing(l -> l.student().value())).toList());
      assertThat(f.store.guardiansOfDistrict(DISTRICT, null, 0)).isEmpty();
      assertThat(f.store.linksOfDistrict(OTHER, null, null, 10)).hasSize(1);

      // Every link of many guardians, through one query.
      GuardianId first = guardians.get(0).id();
      assertThat(f.store.linksOfGuardians(List.of(first)).get(first))
          .containsExactlyInAnyOrderElementsOf(links.stream()
              .filter(l -> l.guardian().equals(first)).toList());
      assertThat(f.store.removeLink(links.get(0).guardian(), links.get(0).student())).isTrue();
      assertThat(f.store.removeLink(links.get(0).guardian(), links.get(0).student())).isFalse();
      assertThat(f.store.linksOfGuardians(List.of(first)).get(first)).hasSize(2);
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  @DisplayName("issueFirstKeys over many transactions, racing single issues: one live key each")
  void bulkIssuanceNeverLeavesTwoLiveKeys(Backend backend) throws Exception {
    try (Fixture f = new Fixture(backend)) {
      int n = 1_200;
      List<Guardian> guardians = IntStream.range(0, n).mapToObj(i -> guardian(DISTRICT,
          String.format("g-%05d", i))).toList();
      f.store.putGuardians(guardians);
      assertThat(f.store.countGuardiansAwaitingKey(DISTRICT, NOW)).isEqualTo(n);

      JdbcStore other = JdbcStore.create(f.db.pool(), ServerSecrets.ephemeral(random));
      List<IssueKeyCommand> commands = guardians.stream().map(g -> command(g, NOW)).toList();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        Future<List<IssueOutcome>> bulk = pool.submit(() -> {
          start.await();
          return f.store.issueFirstKeys(commands, NOW);
        });
        Future<List<IssueOutcome>> reversed = pool.submit(() -> {
          start.await();
          List<IssueKeyCommand> backwards = new ArrayList<>(guardians.stream()
              .map(g -> command(g, NOW)).toList());
          java.util.Collections.reverse(backwards);
          return other.issueFirstKeys(backwards, NOW);
        });
        Future<Integer> singles = pool.submit(() -> {
          start.await();
          int issued = 0;
          for (int i = 0; i < n; i += 97) {
            if (other.issueKey(command(guardians.get(i), NOW)).status() == Status.ISSUED) {
              issued++;
            }
          }
          return issued;
        });
        start.countDown();
        long bulkIssued = bulk.get().stream().filter(o -> o.status() == Status.ISSUED).count();
        long reversedIssued = reversed.get().stream()
            .filter(o -> o.status() == Status.ISSUED).count();
        int singlesIssued = singles.get();
        // Only these two (either may be absent: one run can win every guardian).
        assertThat(bulk.get()).extracting(IssueOutcome::status)
            .isSubsetOf(Status.ISSUED, Status.HAS_LIVE_KEY);
        // Each guardian got its first key from one of the bulk runs or a single issue (which
        // may also replace a bulk key: it revokes the live one).
        int singleCommands = (n + 96) / 97;
        assertThat(bulkIssued + reversedIssued).isBetween((long) n - singleCommands, (long) n);
        assertThat(singlesIssued).isBetween(0, singleCommands);
      } finally {
        pool.shutdownNow();
      }
      assertNoGuardianHasTwoLiveKeys(f);
      assertThat(f.count("SELECT COUNT(*) FROM lk_activation_key WHERE state = 'LIVE'"))
          .isEqualTo(n);
      assertThat(f.store.countGuardiansAwaitingKey(DISTRICT, NOW)).isZero();
      assertThat(f.store.guardiansAwaitingKey(DISTRICT, null, 10, NOW)).isEmpty();
      // Once the keys expire, everyone awaits one again.
      assertThat(f.store.countGuardiansAwaitingKey(DISTRICT, NOW.plus(KEY_LIFE))).isEqualTo(n);
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  @DisplayName("guardiansAwaitingKey: email, sign-in, no active account, no key live at now")
  void guardiansAwaitingKeyFiltersAndPages(Backend backend) {
    try (Fixture f = new Fixture(backend)) {
      Guardian a = guardian(DISTRICT, "g-a");
      Guardian b = guardian(DISTRICT, "g-b");
      Guardian c = guardian(DISTRICT, "g-c");
      Guardian d = guardian(DISTRICT, "g-d");
      Guardian noEmail = new Guardian(GuardianId.of("g-noemail"), DISTRICT, "N", "E",
          Optional.empty(), Optional.empty(), Optional.empty());
      Guardian disabled = guardian(DISTRICT, "g-disabled").withSignInEnabled(false);
      Guardian withAccount = guardian(DISTRICT, "g-account");
      Guardian withKey = guardian(DISTRICT, "g-key");
      Guardian expiredKey = guardian(DISTRICT, "g-expiredkey");
      f.store.putGuardians(List.of(a, b, c, d, noEmail, disabled, withAccount, withKey,
          expiredKey, guardian(OTHER, "g-elsewhere")));
      f.store.importAccount(guardianAccount(withAccount, "has.account"));
      f.store.issueKey(command(withKey, NOW.minus(Duration.ofDays(1))));
      f.store.issueKey(command(expiredKey, NOW.minus(Duration.ofDays(20))));

      assertThat(f.store.countGuardiansAwaitingKey(DISTRICT, NOW)).isEqualTo(5);
      List<Guardian> first = f.store.guardiansAwaitingKey(DISTRICT, null, 3, NOW);
      assertThat(first).extracting(g -> g.id().value()).containsExactly("g-a", "g-b", "g-c");
      assertThat(f.store.guardiansAwaitingKey(DISTRICT, first.get(2).id(), 3, NOW))
          .extracting(g -> g.id().value()).containsExactly("g-d", "g-expiredkey");

      // Revoking a live key puts the guardian back in the queue; once.
      assertThat(f.store.revokeLiveKey(withKey.id(), NOW)).isTrue();
      assertThat(f.store.revokeLiveKey(withKey.id(), NOW)).isFalse();
      assertThat(f.store.revokeLiveKey(expiredKey.id(), NOW)).as("expired, not live").isFalse();
      assertThat(f.store.revokeLiveKey(GuardianId.of("g-nobody"), NOW)).isFalse();
      assertThat(f.store.keysOfGuardian(withKey.id()).get(0).state())
          .isEqualTo(KeyState.REVOKED);
      assertThat(f.store.countGuardiansAwaitingKey(DISTRICT, NOW)).isEqualTo(6);
      assertThat(f.store.countGuardiansAwaitingKey(DistrictId.of("nowhere"), NOW)).isZero();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  @DisplayName("createStudentAccount: eight racing creations for one student make one account")
  void createStudentAccountRace(Backend backend) throws Exception {
    try (Fixture f = new Fixture(backend)) {
      Student sofia = student(DISTRICT, "s-sofia");
      Student mateo = student(DISTRICT, "s-mateo");
      Student lucia = student(DISTRICT, "s-lucia");
      f.store.putStudents(List.of(sofia, mateo, lucia));
      Guardian maria = guardian(DISTRICT, "g-maria");
      f.store.putGuardian(maria);

      PortalAccount sofiaAccount = studentAccount("a-sofia", sofia, "sofia.l");
      Notification credentials = mail(sofia.district(), EmailAddress.of("office@example.org"),
          NotificationType.STUDENT_CREDENTIALS);
      assertThat(f.store.createStudentAccount(sofiaAccount, credentials))
          .isEqualTo(RosterResult.APPLIED);
      assertThat(f.store.setSuspended(sofiaAccount.id(), true)).isTrue();

      // Eight racing creations for one student: exactly one account.
      int threads = 8;
      CountDownLatch gate = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<RosterResult>> results = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          PortalAccount attempt = studentAccount("a-mateo-" + i, mateo, "mateo.r" + i);
          JdbcStore store = JdbcStore.create(f.db.pool(), ServerSecrets.ephemeral(random));
          results.add(pool.submit(() -> {
            gate.await();
            return store.createStudentAccount(attempt, mail(DISTRICT,
                EmailAddress.of("office@example.org"), NotificationType.STUDENT_CREDENTIALS));
          }));
        }
        gate.countDown();
        List<RosterResult> outcomes = new ArrayList<>();
        for (Future<RosterResult> r : results) {
          outcomes.add(r.get());
        }
        assertThat(outcomes).filteredOn(r -> r == RosterResult.APPLIED).hasSize(1);
        assertThat(outcomes).filteredOn(r -> r != RosterResult.APPLIED)
            .containsOnly(RosterResult.ACCOUNT_EXISTS);
      } finally {
        pool.shutdownNow();
      }
      assertThat(f.count("SELECT COUNT(*) FROM lk_account WHERE student_id = 's-mateo'"))
          .isEqualTo(1);
      Map<StudentId, PortalAccount> accounts = f.store.accountsOfStudents(
          List.of(sofia.id(), mateo.id(), lucia.id(), StudentId.of("s-nobody")));
      assertThat(accounts).containsOnlyKeys(sofia.id(), mateo.id());
      assertThat(accounts.get(sofia.id()).status()).isEqualTo(AccountStatus.SUSPENDED);
      assertThat(f.store.accountOfStudent(lucia.id())).isEmpty();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(Backend.class)
  @DisplayName("restrictions, consents and schools round-trip, SQL metacharacters included")
  void restrictionsConsentsAndSchoolsRoundTrip(Backend backend) {
    try (Fixture f = new Fixture(backend)) {
      GuardianId g = GuardianId.of("g_--1/.@_");
      StudentId s = StudentId.of("s_--1/-_@.");
      String reason = "Order 2026-CV-118'); DROP TABLE lk_restriction;-- /* 100% _ \\ */ \"x\"";
      Restriction later = new Restriction("r-2", g, s, LocalDate.of(2026, 9, 1),
          Optional.empty(), reason, "Clerk O'Hara; --", NOW);
      Restriction earlier = new Restriction("r-1_@", g, StudentId.of("s-other"),
          LocalDate.of(2026, 1, 5), Optional.of(LocalDate.of(2026, 6, 1)), "a; b", "clerk",
          NOW.minus(Duration.ofDays(3)));
      Restriction sameTime = new Restriction("r-3", g, s, LocalDate.of(2026, 9, 1),
          Optional.empty(), "second", "clerk", NOW);
      f.store.putRestriction(later);
      f.store.putRestriction(sameTime);
      f.store.putRestriction(earlier);
      f.store.putRestriction(new Restriction("r-elsewhere", GuardianId.of("g-x"), s,
          LocalDate.of(2026, 9, 1), Optional.empty(), "x", "clerk", NOW));

      assertThat(f.store.restriction("r-2")).contains(later);
      assertThat(f.store.restriction("r-_")).isEmpty();
      assertThat(f.store.restriction("r-\u0000")).isEmpty();
      assertThat(f.store.restrictionsOfGuardian(g)).containsExactly(earlier, later, sameTime);
      Restriction ended = later.endingBefore(LocalDate.of(2026, 12, 1));
      f.store.putRestriction(ended);
      assertThat(f.store.restriction("r-2")).contains(ended);
      assertThat(f.store.restrictionsOfGuardian(g)).hasSize(3);

      f.store.putAdultConsent(g, s, true);
      f.store.putAdultConsent(g, s, true);
      f.store.putAdultConsent(g, StudentId.of("s-two"), true);
      assertThat(f.store.adultConsentsOfGuardian(g)).containsExactlyInAnyOrder(s,
          StudentId.of("s-two"));
      f.store.putAdultConsent(g, s, false);
      f.store.putAdultConsent(g, s, false);
      assertThat(f.store.adultConsentsOfGuardian(g)).containsExactly(StudentId.of("s-two"));
      assertThat(f.store.adultConsentsOfGuardian(GuardianId.of("g-none"))).isEmpty();

      School school = new School(SchoolId.of("sch-1"), DISTRICT, "St. Mary's \"Academy\"; --",
          Optional.of(EmailAddress.of("office@example.org")));
      f.store.putSchool(school);
      assertThat(f.store.school(school.id())).contains(school);
      School renamed = new School(school.id(), DISTRICT, "Kennedy", Optional.empty());
      f.store.putSchool(renamed);
      assertThat(f.store.school(school.id())).contains(renamed);
      assertThat(f.store.school(SchoolId.of("sch-2"))).isEmpty();
    }
  }

  private static void assertNoGuardianHasTwoLiveKeys(Fixture f) throws Exception {
    assertThat(f.count("SELECT COUNT(*) FROM (SELECT guardian_id FROM lk_activation_key "
        + "WHERE state = 'LIVE' GROUP BY guardian_id HAVING COUNT(*) > 1) t")).isZero();
    assertThat(f.count("SELECT COUNT(*) FROM lk_activation_key "
        + "WHERE (state = 'LIVE') <> (live_guardian_id IS NOT NULL)")).isZero();
  }

  /** Every page from the start, {@code size} at a time, each after the last one's end. */
  private static <T> List<T> pages(BiFunction<T, Integer, List<T>> page, int size) {
    List<T> all = new ArrayList<>();
    T after = null;
    while (true) {
      List<T> next = page.apply(after, size);
      assertThat(next.size()).isLessThanOrEqualTo(size);
      all.addAll(next);
      if (next.size() < size) {
        return all;
      }
      after = next.get(next.size() - 1);
    }
  }

  private static Guardian guardian(DistrictId district, String id) {
    return Guardian.of(GuardianId.of(id), district, "Given " + id, "Family",
        EmailAddress.of(id.replaceAll("[^A-Za-z0-9]", "x").toLowerCase(java.util.Locale.ROOT)
            + "." + Integer.toHexString(id.hashCode()) + "@example.org"));
  }

  private static Student student(DistrictId district, String id) {
    return new Student(StudentId.of(id), district, "n" + id.replaceAll("[^A-Za-z0-9]", ""),
        "Kid", "Family " + id, Optional.of(LocalDate.of(2014, 3, 17)), Grade.G5,
        "Kennedy Junior High", EnrollmentStatus.ENROLLED);
  }

  /** A first key for the guardian's email on file, issued at {@code at}. */
  private IssueKeyCommand command(Guardian g, Instant at) {
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    EmailAddress to = g.email().orElseThrow();
    ActivationKeyRecord key = ActivationKeyRecord.live(TokenDigest.of(digest), g.id(),
        g.district(), to, at, at.plus(KEY_LIFE));
    return new IssueKeyCommand(key, mail(g.district(), to, NotificationType.ACTIVATION_KEY,
        at), false, null);
  }

  private Notification mail(DistrictId district, EmailAddress to, NotificationType type) {
    return mail(district, to, type, NOW);
  }

  private Notification mail(DistrictId district, EmailAddress to, NotificationType type,
      Instant at) {
    return new Notification(NotificationId.random(random), type, district, to,
        Map.of(Notification.NAME, "O'Brien; --"), Optional.of(SecretText.of("SECRET-"
            + NotificationId.random(random).value())), at);
  }

  private static PortalAccount guardianAccount(Guardian g, String login) {
    return PortalAccount.newGuardianAccount(AccountId.of("a-" + g.id().value()), g.district(),
        LoginName.of(login), g.id(), HASH, NOW);
  }

  private static PortalAccount studentAccount(String id, Student s, String login) {
    return PortalAccount.newStudentAccount(AccountId.of(id), s.district(), LoginName.of(login),
        s.id(), HASH, NOW);
  }
}
