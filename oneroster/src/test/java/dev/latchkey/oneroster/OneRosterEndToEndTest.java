package dev.latchkey.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.inmemory.InMemoryStore;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.roster.BatchReport;
import dev.latchkey.roster.RecordError;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.testkit.CapturingAuditSink;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped bundles through {@code roster().importBatch} on the in-memory store, on
 * 2026-08-17: Sam Ellery (born 2008-03-14) is 18.
 */
class OneRosterEndToEndTest {
  static final DistrictId DISTRICT = DistrictId.of("cedar-hollow");
  static final Instant TODAY = Instant.parse("2026-08-17T12:00:00Z");

  final OneRosterReader reader = OneRosterReader.forDistrict(DISTRICT);
  final CapturingNotifier mail = new CapturingNotifier();
  Latchkey latchkey;

  @TempDir
  Path tmp;

  @BeforeEach
  void setUp() {
    SecureRandom random = new SecureRandom();
    latchkey = Latchkey.builder()
        .store(InMemoryStore.create())
        .notifier(mail)
        .audit(new CapturingAuditSink())
        .clock(MutableClock.at(TODAY))
        .secrets(ServerSecrets.ephemeral(random))
        .passwordHasher(Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), random))
        .deliverSynchronously()
        .build();
    latchkey.roster().putDistrict(new District(DISTRICT, "Cedar Hollow Unified School District",
        "OR", ZoneId.of("America/Los_Angeles"), EmailAddress.of("help@cedarhollow.example.org"),
        "555-0100"));
  }

  BatchReport importBatch(RosterBatch batch) {
    try {
      return latchkey.roster().importBatch(batch);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("roster().importBatch is not implemented on this branch yet");
      throw e;
    }
  }

  BatchReport importFixture(String fixture) throws IOException {
    OneRosterImport read = reader.read(Bundles.fixture(fixture));
    assertThat(read.errors()).isEmpty();
    return importBatch(read.batch());
  }

  Student student(String id) {
    return latchkey.roster().student(StudentId.of(id)).orElseThrow();
  }

  Guardian guardian(String id) {
    return latchkey.roster().guardian(GuardianId.of(id)).orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1_1", "v1_2"})
  @DisplayName("A shipped bundle applies whole: 2 schools, 6 guardians, 5 students, 8 links")
  void shippedBundleApplies(String fixture) throws IOException {
    BatchReport report = importFixture(fixture);

    assertThat(report.errors()).isEmpty();
    assertThat(report.schools()).isEqualTo(2);
    assertThat(report.guardians()).isEqualTo(6);
    assertThat(report.students()).isEqualTo(5);
    assertThat(report.links()).isEqualTo(8);
    assertThat(report.deleted()).isZero();
    assertThat(report.accountsCreated()).as("Leo and Nina, the two 6th graders").isEqualTo(2);
  }

  @Test
  void recordsArriveNormalised() throws IOException {
    importFixture("v1_2");

    Student leo = student("stu-leo");
    assertThat(leo.grade()).isEqualTo(Grade.G6);
    assertThat(leo.studentNumber()).isEqualTo("200102");
    assertThat(leo.schoolId()).contains(SchoolId.of("sch-hs"));
    assertThat(leo.school()).isEqualTo("Ridgeview Middle-High School");
    assertThat(leo.dateOfBirth()).contains(LocalDate.of(2014, 1, 20));
    assertThat(student("stu-nina").grade()).isEqualTo(Grade.G6);
    assertThat(student("stu-ava").grade()).isEqualTo(Grade.G5);
    assertThat(student("stu-kit").grade()).isEqualTo(Grade.K);
    assertThat(student("stu-kit").studentNumber()).isEqualTo("stu-kit");
    assertThat(student("stu-sam").grade()).isEqualTo(Grade.UG);
    assertThat(student("stu-sam").dateOfBirth()).contains(LocalDate.of(2008, 3, 14));

    Guardian marcus = guardian("par-marcus");
    assertThat(marcus.email()).contains(EmailAddress.of("marcus.thornbury@example.org"));
    assertThat(marcus.phone()).contains("555-0102");
    assertThat(guardian("gdn-ifeoma").signInEnabled()).isFalse();
  }

  @Test
  @DisplayName("Both parents see both siblings; a relative and the 18-year-old's guardian see no one")
  void whoSeesWhom() throws IOException {
    importFixture("v1_1");

    assertThat(latchkey.roster().visibleStudents(GuardianId.of("par-helen")))
        .extracting(s -> s.id().value()).containsExactly("stu-ava", "stu-leo");
    assertThat(latchkey.roster().visibleStudents(GuardianId.of("par-marcus")))
        .extracting(s -> s.id().value()).containsExactly("stu-ava", "stu-leo");
    assertThat(latchkey.roster().visibleStudents(GuardianId.of("rel-grace"))).isEmpty();
    assertThat(latchkey.roster().visibleStudents(GuardianId.of("gdn-ruth"))).isEmpty();
    assertThat(latchkey.roster().guardian(GuardianId.of("tch-olsen"))).isEmpty();
  }

  @Test
  void importingTheOtherVersionOfTheSameRosterChangesNothing() throws IOException {
    importFixture("v1_1");

    BatchReport again = importFixture("v1_2");

    assertThat(again.errors()).isEmpty();
    assertThat(again.deleted()).isZero();
    assertThat(again.accountsCreated()).isZero();
  }

  @Test
  @DisplayName("A delta withdraws the tobedeleted student and adds a sibling to the same parent")
  void deltaAfterBulk() throws IOException {
    importFixture("v1_1");

    BatchReport delta = importFixture("delta_1_1");

    assertThat(delta.errors()).isEmpty();
    assertThat(delta.deleted()).isEqualTo(1);
    assertThat(student("stu-kit").status()).isEqualTo(EnrollmentStatus.WITHDRAWN);
    assertThat(guardian("par-dana").email())
        .contains(EmailAddress.of("dana.marsh@newmail.example.org"));
    assertThat(latchkey.roster().visibleStudents(GuardianId.of("par-dana")))
        .extracting(s -> s.id().value()).containsExactly("stu-zoe");
    assertThat(student("stu-ava").status())
        .isEqualTo(EnrollmentStatus.ENROLLED);
  }

  @Test
  @DisplayName("A missing givenName is reported by importBatch as MISSING_FIELD at users.csv:N")
  void missingNameReportedWithItsSource() throws IOException {
    Path copy = Bundles.copy("v1_1", tmp);
    String users = Files.readString(copy.resolve("users.csv"));
    Files.writeString(copy.resolve("users.csv"),
        users.replace(",Grace,Okafor,", ",,Okafor,"));

    BatchReport report = importBatch(reader.read(copy).batch());

    assertThat(report.errors()).contains(new RecordError("users.csv:10",
        RosterBatch.Kind.GUARDIAN, "rel-grace", RecordError.Problem.MISSING_FIELD, "givenName"));
    assertThat(report.guardians()).isEqualTo(5);
    assertThat(report.links()).as("Grace's link has no guardian to hang on").isEqualTo(7);
  }
}
