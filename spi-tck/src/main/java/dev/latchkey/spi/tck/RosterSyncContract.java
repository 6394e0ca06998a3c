package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.Latchkey;
import dev.latchkey.activation.BulkIssueReport;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.Redemption;
import dev.latchkey.helpdesk.Agent;
import dev.latchkey.helpdesk.GuardianFile;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.LoginName;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.spi.IssueKeyCommand;
import dev.latchkey.spi.IssueOutcome;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.spi.RedeemKeyCommand;
import dev.latchkey.spi.RedeemOutcome;
import java.security.SecureRandom;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.Restriction;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.roster.AccessPolicy;
import dev.latchkey.roster.AccountState;
import dev.latchkey.roster.GuardianFollowUps;
import dev.latchkey.roster.GuardianState;
import dev.latchkey.roster.StudentFollowUp;
import dev.latchkey.spi.GuardianSynced;
import dev.latchkey.spi.NewStudentAccount;
import dev.latchkey.spi.StudentSynced;
import dev.latchkey.roster.BatchReport;
import dev.latchkey.roster.RecordError;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.roster.RosterBatch.GuardianRow;
import dev.latchkey.roster.RosterBatch.Kind;
import dev.latchkey.roster.RosterBatch.LinkRow;
import dev.latchkey.roster.RosterBatch.StudentRow;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.roster.StudentAccess;
import dev.latchkey.roster.StudentAccountPolicy;
import dev.latchkey.roster.Visibility;
import dev.latchkey.signin.SignInResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Roster sync: student accounts by grade, who may see whom (relationships, restrictions, the age
 * of majority), SIS batches with per-record errors and bulk deletion, and bulk key issuance.
 * Runs with the default {@link StudentAccountPolicy} (grades 6–12, login = student number).
 */
public abstract class RosterSyncContract extends ContractSupport {
  private static final SchoolId JEFFERSON = SchoolId.of("sch-jefferson");
  private static final SchoolId MAPLEBROOK = SchoolId.of("sch-maplebrook");
  private static final EmailAddress JEFFERSON_OFFICE = EmailAddress.of("office.jefferson@example.org");
  private static final EmailAddress HELPDESK = EmailAddress.of("parentsupport@example.org");
  private static final StudentId NOAH = StudentId.of("s-noah");
  private static final StudentId EMMA = StudentId.of("s-emma");

  private Latchkey sync;

  @BeforeEach
  void setUpSync() {
    sync = facade(b -> b.studentAccountPolicy(StudentAccountPolicy.defaults()));
    sync.roster().putSchool(new School(JEFFERSON, DISTRICT, "Jefferson Junior High",
        Optional.of(JEFFERSON_OFFICE)));
    sync.roster().putSchool(new School(MAPLEBROOK, DISTRICT, "Maplebrook Elementary",
        Optional.empty()));
    // The Lopez family was loaded without student logins: Sofia (7th grade) gets hers now.
    sync.roster().putStudent(store.student(SOFIA).orElseThrow());
    mail.clear();
  }

  private Student pupil(StudentId id, String number, Grade grade, SchoolId school) {
    return new Student(id, DISTRICT, number, id.value().substring(2), "Okafor",
        Optional.of(LocalDate.of(2014, 3, 9)), grade, "school", EnrollmentStatus.ENROLLED,
        Optional.of(school), true);
  }

  private Optional<PortalAccount> accountOf(StudentId student) {
    return store.accountOfStudent(student);
  }

  private List<Notification> credentials() {
    return mail.sent().stream().filter(n -> n.type() == NotificationType.STUDENT_CREDENTIALS)
        .toList();
  }

  private String initialPassword(String login) {
    return credentials().stream()
        .filter(n -> login.equals(n.fields().get(Notification.LOGIN_NAME)))
        .reduce((a, b) -> b).orElseThrow().secret().orElseThrow().reveal();
  }

  // ---- student accounts ----

  @Test
  void enrollingASixthGraderCreatesTheirLoginAndSendsTheCredentialsToTheSchoolOffice() {
    assertThat(sync.roster().putStudent(pupil(NOAH, "200301", Grade.G6, JEFFERSON)))
        .isEqualTo(RosterResult.APPLIED);

    PortalAccount account = accountOf(NOAH).orElseThrow();
    assertThat(account.loginName().value()).isEqualTo("200301");
    assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(account.mustChangePassword()).isTrue();
    assertThat(credentials()).singleElement().satisfies(n -> {
      assertThat(n.recipient()).isEqualTo(JEFFERSON_OFFICE);
      assertThat(n.fields()).containsEntry(Notification.LOGIN_NAME, "200301");
      assertThat(n.secret()).isPresent();
    });
  }

  @Test
  void credentialsNeverGoToAGuardianOrTheStudentAndFallBackToTheHelpdesk() {
    sync.roster().putStudent(pupil(NOAH, "200301", Grade.G8, MAPLEBROOK));
    sync.roster().link(new GuardianLink(MARIA, NOAH, Relationship.PARENT, true));

    assertThat(credentials()).singleElement()
        .satisfies(n -> assertThat(n.recipient()).isEqualTo(HELPDESK));
    assertThat(mail.sent()).noneMatch(n -> n.recipient().equals(MARIA_EMAIL));
  }

  @Test
  void elementaryStudentsNeverGetALogin() {
    for (Grade grade : EnumSet.range(Grade.PK, Grade.G5)) {
      StudentId id = StudentId.of("s-" + grade.name().toLowerCase());
      sync.roster().putStudent(pupil(id, "3" + grade.ordinal() + "000", grade, MAPLEBROOK));
      assertThat(accountOf(id)).as(grade.name()).isEmpty();
    }
    sync.roster().putStudent(pupil(StudentId.of("s-ungraded"), "39999", Grade.UG, MAPLEBROOK));
    assertThat(accountOf(StudentId.of("s-ungraded"))).isEmpty();
    assertThat(credentials()).isEmpty();
  }

  @Test
  void theInitialPasswordMustBeChangedAtFirstSignIn() {
    sync.roster().putStudent(pupil(NOAH, "200301", Grade.G7, JEFFERSON));
    String initial = initialPassword("200301");
    assertThat(sync.passwords().policy().check(initial,
        dev.latchkey.password.PasswordContext.empty()).accepted()).isTrue();

    SignInResult first = sync.signIn().signIn(credentials("200301", initial), REQUEST);
    assertThat(first).isInstanceOfSatisfying(SignInResult.SignedIn.class, s -> {
      assertThat(s.passwordChangeRequired()).isTrue();
      assertThat(s.students()).extracting(Student::id).containsExactly(NOAH);
    });
    PortalAccount account = accountOf(NOAH).orElseThrow();
    assertThat(sync.accounts().changePassword(account.id(), initial, PASSWORD, PASSWORD,
        REQUEST).code().name()).isEqualTo("CHANGED");

    SignInResult second = sync.signIn().signIn(credentials("200301", PASSWORD), REQUEST);
    assertThat(second).isInstanceOfSatisfying(SignInResult.SignedIn.class,
        s -> assertThat(s.passwordChangeRequired()).isFalse());
  }

  @Test
  void aStudentLoginNameMayNotBeAGuardiansEmailOrAnotherLoginAndGetsASuffix() {
    createAccount(MARIA, MARIA_EMAIL, "200301");
    sync.roster().putStudent(pupil(NOAH, "200301", Grade.G7, JEFFERSON));
    assertThat(accountOf(NOAH).orElseThrow().loginName().value()).isEqualTo("200301-2");
  }

  @Test
  void everyEligibilityTransitionMovesTheLogin() {
    Student noah = pupil(NOAH, "200301", Grade.G5, JEFFERSON);
    sync.roster().putStudent(noah);
    assertThat(accountOf(NOAH)).as("5th grade").isEmpty();

    sync.roster().putStudent(noah.withGrade(Grade.G6));
    assertThat(accountOf(NOAH).orElseThrow().status()).as("promoted to 6th")
        .isEqualTo(AccountStatus.ACTIVE);
    String initial = initialPassword("200301");

    sync.roster().putStudent(noah.withGrade(Grade.G6).withStatus(EnrollmentStatus.WITHDRAWN));
    assertThat(accountOf(NOAH).orElseThrow().status()).as("withdrawn")
        .isEqualTo(AccountStatus.SUSPENDED);
    assertThat(sync.signIn().signIn(credentials("200301", initial), REQUEST))
        .isInstanceOf(SignInResult.Failed.class);

    sync.roster().putStudent(noah.withGrade(Grade.G6));
    assertThat(accountOf(NOAH).orElseThrow().status()).as("re-enrolled")
        .isEqualTo(AccountStatus.ACTIVE);
    assertThat(sync.signIn().signIn(credentials("200301", initial), REQUEST))
        .isInstanceOf(SignInResult.SignedIn.class);

    sync.roster().putStudent(noah.withGrade(Grade.G5));
    assertThat(accountOf(NOAH).orElseThrow().status()).as("back to 5th")
        .isEqualTo(AccountStatus.SUSPENDED);
    sync.roster().putStudent(noah.withGrade(Grade.G6));
    assertThat(accountOf(NOAH).orElseThrow().status()).as("6th again")
        .isEqualTo(AccountStatus.ACTIVE);

    sync.roster().putStudent(noah.withGrade(Grade.G6).withSignInEnabled(false));
    assertThat(accountOf(NOAH).orElseThrow().status()).as("SIS curtails access")
        .isEqualTo(AccountStatus.SUSPENDED);
    assertThat(credentials()).as("one login, one letter, whatever happened").hasSize(1);
  }

  @Test
  void theYearEndRolloverProvisionsTheNewSixthGradersAndTouchesNothingElse() {
    sync.roster().putStudent(pupil(NOAH, "200301", Grade.G5, MAPLEBROOK));
    sync.roster().putStudent(pupil(EMMA, "200302", Grade.G8, JEFFERSON));
    Student senior = pupil(StudentId.of("s-senior"), "200303", Grade.G12, JEFFERSON);
    sync.roster().putStudent(senior);
    Student gone = pupil(StudentId.of("s-gone"), "200304", Grade.G5, MAPLEBROOK)
        .withStatus(EnrollmentStatus.WITHDRAWN);
    sync.roster().putStudent(gone);
    PortalAccount emmaBefore = accountOf(EMMA).orElseThrow();
    mail.clear();

    BatchReport report = sync.roster().promoteAll(DISTRICT);

    assertThat(store.student(NOAH).orElseThrow().grade()).isEqualTo(Grade.G6);
    assertThat(store.student(EMMA).orElseThrow().grade()).isEqualTo(Grade.G9);
    assertThat(store.student(senior.id()).orElseThrow().grade()).isEqualTo(Grade.G12);
    assertThat(store.student(gone.id()).orElseThrow().grade()).as("withdrawn: untouched")
        .isEqualTo(Grade.G5);
    assertThat(accountOf(gone.id())).isEmpty();
    assertThat(accountOf(NOAH)).isPresent();
    assertThat(accountOf(EMMA).orElseThrow()).isEqualTo(emmaBefore);
    // The new 6th graders: Noah, and Mateo of the Lopez family.
    assertThat(report.accountsCreated()).isEqualTo(2);
    assertThat(credentials()).extracting(n -> n.fields().get(Notification.LOGIN_NAME))
        .containsExactlyInAnyOrder("200301", "100202");
  }

  // ---- who may see whom ----

  @Test
  void relativesAndLinksWithoutPortalAccessAreDeniedByDefault() {
    Map<StudentId, Visibility> abuela = visibility(ABUELA);
    assertThat(abuela).containsEntry(SOFIA, Visibility.RELATIONSHIP_NOT_ALLOWED);
    assertThat(sync.roster().visibleStudents(ABUELA)).isEmpty();

    sync.roster().link(new GuardianLink(MARIA, SOFIA, Relationship.PARENT, false));
    assertThat(visibility(MARIA)).containsEntry(SOFIA, Visibility.NO_PORTAL_ACCESS)
        .containsEntry(MATEO, Visibility.VISIBLE)
        .containsEntry(LUCIA, Visibility.NOT_ENROLLED);
    assertThat(sync.roster().visibleStudents(MARIA)).extracting(Student::id)
        .containsExactly(MATEO);
  }

  @Test
  void aDistrictMayAllowRelatives() {
    Latchkey relatives = facade(b -> b.accessPolicy(DISTRICT, AccessPolicy.defaults()
        .withRelationships(EnumSet.of(Relationship.PARENT, Relationship.GUARDIAN,
            Relationship.RELATIVE))));
    assertThat(relatives.roster().visibleStudents(ABUELA)).extracting(Student::id)
        .containsExactly(SOFIA);
  }

  @Test
  void aRestrictionHidesTheStudentAtOnceFromItsStartUntilItsEnd() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("America/Chicago"));
    assertThat(sync.roster().restrict(JOSE, SOFIA, today.plusDays(2),
        Optional.of(today.plusDays(5)), "Protection order 2026-DV-0042", "agent.kim"))
        .isEqualTo(RosterResult.APPLIED);
    assertThat(visibility(JOSE)).as("not yet in force").containsEntry(SOFIA, Visibility.VISIBLE);

    clock.advance(Duration.ofDays(2));
    assertThat(visibility(JOSE)).as("first day").containsEntry(SOFIA, Visibility.RESTRICTED);
    assertThat(visibility(MARIA)).as("the other parent").containsEntry(SOFIA, Visibility.VISIBLE);

    clock.advance(Duration.ofDays(3));
    assertThat(visibility(JOSE)).as("end date is exclusive")
        .containsEntry(SOFIA, Visibility.VISIBLE);
    assertThat(sync.roster().restrictions(JOSE)).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("Protection order 2026-DV-0042");
      assertThat(r.enteredBy()).isEqualTo("agent.kim");
    });
  }

  @Test
  void aRestrictionSurvivesEveryResync() {
    sync.roster().restrict(JOSE, SOFIA, LocalDate.of(2026, 1, 1), Optional.empty(),
        "Court order", "agent.kim");
    assertThat(visibility(JOSE)).containsEntry(SOFIA, Visibility.RESTRICTED);

    sync.roster().link(new GuardianLink(JOSE, SOFIA, Relationship.PARENT, true));
    sync.roster().importBatch(RosterBatch.builder(DISTRICT)
        .link(new LinkRow("links.csv:2", JOSE.value(), SOFIA.value(), "parent", true)).build());
    assertThat(visibility(JOSE)).containsEntry(SOFIA, Visibility.RESTRICTED);
    assertThat(sync.roster().visibleStudents(JOSE)).extracting(Student::id)
        .containsExactly(MATEO);
  }

  @Test
  void aRestrictionLeavingNoVisibleStudentRevokesTheLiveKey() {
    sync.activation().issue(JOSE, REQUEST);
    sync.roster().restrict(JOSE, MATEO, LocalDate.of(2026, 1, 1), Optional.empty(),
        "Court order", "agent.kim");
    assertThat(liveKeys(JOSE)).as("Sofia is still visible").isEqualTo(1);

    sync.roster().restrict(JOSE, SOFIA, LocalDate.of(2026, 1, 1), Optional.empty(),
        "Court order", "agent.kim");
    assertThat(liveKeys(JOSE)).isZero();
  }

  @Test
  void restrictionsAreCheckedAndEndable() {
    LocalDate day = LocalDate.of(2026, 8, 1);
    assertThat(sync.roster().restrict(ABUELA, MATEO, day, Optional.empty(), "x", "agent"))
        .isEqualTo(RosterResult.UNKNOWN_LINK);
    assertThat(sync.roster().restrict(JOSE, SOFIA, day, Optional.of(day), "order", "agent"))
        .isEqualTo(RosterResult.INVALID_RESTRICTION);
    assertThat(sync.roster().restrict(JOSE, SOFIA, day, Optional.empty(), " ", "agent"))
        .isEqualTo(RosterResult.INVALID_RESTRICTION);
    assertThat(sync.roster().restrictions(JOSE)).isEmpty();

    sync.roster().restrict(JOSE, SOFIA, day, Optional.empty(), "order", "agent");
    Restriction r = sync.roster().restrictions(JOSE).get(0);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("America/Chicago"));
    assertThat(sync.roster().endRestriction(r.id(), today, "agent.lee"))
        .isEqualTo(RosterResult.APPLIED);
    assertThat(visibility(JOSE)).containsEntry(SOFIA, Visibility.VISIBLE);
    assertThat(sync.roster().endRestriction("no-such", today, "agent"))
        .isEqualTo(RosterResult.UNKNOWN_RESTRICTION);
  }

  @Test
  void atEighteenGuardiansWaitForTheStudentsConsent() {
    // Sofia turns 18 on the day after START, in Chicago.
    LocalDate birthday = LocalDate.ofInstant(START, ZoneId.of("America/Chicago")).plusDays(1);
    Student sofia = store.student(SOFIA).orElseThrow();
    sync.roster().putStudent(new Student(SOFIA, DISTRICT, sofia.studentNumber(),
        sofia.givenName(), sofia.familyName(), Optional.of(birthday.minusYears(18)),
        Grade.G12, sofia.school(), EnrollmentStatus.ENROLLED));
    assertThat(visibility(MARIA)).as("the day before").containsEntry(SOFIA, Visibility.VISIBLE);
    assertThat(sync.roster().setAdultConsent(SOFIA, MARIA, true))
        .isEqualTo(RosterResult.NOT_ADULT);

    clock.advance(Duration.ofDays(1));
    assertThat(visibility(MARIA)).as("the birthday")
        .containsEntry(SOFIA, Visibility.ADULT_AWAITING_CONSENT);

    assertThat(sync.roster().setAdultConsent(SOFIA, MARIA, true))
        .isEqualTo(RosterResult.APPLIED);
    assertThat(visibility(MARIA)).containsEntry(SOFIA, Visibility.VISIBLE);
    assertThat(visibility(JOSE)).containsEntry(SOFIA, Visibility.ADULT_AWAITING_CONSENT);

    sync.roster().link(new GuardianLink(MARIA, SOFIA, Relationship.PARENT, true));
    assertThat(visibility(MARIA)).as("a re-sync keeps the consent")
        .containsEntry(SOFIA, Visibility.VISIBLE);
    sync.roster().setAdultConsent(SOFIA, MARIA, false);
    assertThat(visibility(MARIA)).containsEntry(SOFIA, Visibility.ADULT_AWAITING_CONSENT);
  }

  @Test
  void withoutABirthDateNothingIsGuessedAndTheHelpdeskSeesTheGap() {
    Student sofia = store.student(SOFIA).orElseThrow();
    sync.roster().putStudent(new Student(SOFIA, DISTRICT, sofia.studentNumber(),
        sofia.givenName(), sofia.familyName(), Optional.empty(), Grade.G12, sofia.school(),
        EnrollmentStatus.ENROLLED));
    assertThat(visibility(MARIA)).containsEntry(SOFIA, Visibility.VISIBLE);
    assertThat(sync.roster().setAdultConsent(SOFIA, MARIA, true))
        .isEqualTo(RosterResult.BIRTH_DATE_MISSING);

    GuardianFile file = sync.helpdesk().file(new Agent("agent.kim"), MARIA).orElseThrow();
    assertThat(file.students()).filteredOn(s -> s.student().id().equals(SOFIA))
        .singleElement().satisfies(s -> assertThat(s.birthDateMissing()).isTrue());
    assertThat(file.students()).filteredOn(s -> s.student().id().equals(MATEO))
        .singleElement().satisfies(s -> assertThat(s.birthDateMissing()).isFalse());
  }

  @Test
  void aSiblingEnrolledLaterAppearsWithoutANewKey() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    sync.activation().redeem(new Redemption(key, "maria.lopez", PASSWORD, PASSWORD), REQUEST);
    sync.roster().importBatch(RosterBatch.builder(DISTRICT)
        .student(new StudentRow("users.csv:9", "s-nina", "100209", "Nina", "Lopez",
            "2021-05-01", "KG", MAPLEBROOK.value(), true, true))
        .link(new LinkRow("users.csv:9", MARIA.value(), "s-nina", "parent", true)).build());

    SignInResult signedIn = sync.signIn().signIn(credentials("maria.lopez", PASSWORD), REQUEST);
    assertThat(signedIn).isInstanceOfSatisfying(SignInResult.SignedIn.class,
        s -> assertThat(s.students()).extracting(Student::id).contains(StudentId.of("s-nina")));
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.ACTIVATION_KEY)).hasSize(1);
  }

  // ---- batches ----

  @Test
  void aBatchReportsEachBadRecordAndAppliesTheRest() {
    RosterBatch batch = RosterBatch.builder(DISTRICT)
        .guardian(new GuardianRow("users.csv:2", "g-ada", "Ada", "Okafor", "ada@example.org",
            null, null, null, true))
        .guardian(new GuardianRow("users.csv:3", "g-nameless", " ", "Okafor", null, null, null,
            null, true))
        .guardian(new GuardianRow("users.csv:4", "g-twice", "Tom", "Twice", null, null, null,
            null, true))
        .guardian(new GuardianRow("users.csv:5", "g-twice", "Tim", "Twice", null, null, null,
            null, true))
        .guardian(new GuardianRow("users.csv:6", "g-bad-mail", "Bo", "Okafor", "not an email",
            null, null, null, true))
        .student(new StudentRow("users.csv:7", "s-ike", "300101", "Ike", "Okafor", "2013-02-03",
            "06", JEFFERSON.value(), true, true))
        .student(new StudentRow("users.csv:8", "s-odd", "300102", "Odd", "Okafor", null,
            "Grade Thirteen", null, true, true))
        .student(new StudentRow("users.csv:9", "s-nofamily", "300103", "No", null, null, "7",
            null, true, true))
        .student(new StudentRow("users.csv:10", "s-lost", "300104", "Lost", "Okafor", null, "7",
            "sch-nowhere", true, true))
        .link(new LinkRow("users.csv:2", "g-ada", "s-ike", "parent", true))
        .link(new LinkRow("users.csv:3", "g-nameless", "s-ike", "parent", true))
        .link(new LinkRow("users.csv:11", "g-ada", "s-odd", "parent", true))
        .link(new LinkRow("users.csv:12", "g-ghost", "s-ike", "parent", true))
        .link(new LinkRow("users.csv:13", "g-ada", "s-ike", "guardian", true))
        .link(new LinkRow("users.csv:14", MARIA.value(), "s-ike", "aunt", true))
        .build();

    BatchReport report = sync.roster().importBatch(batch);

    assertThat(report.errors()).extracting(RecordError::source, RecordError::problem,
            RecordError::field)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("users.csv:3", RecordError.Problem.MISSING_FIELD, "givenName"),
            org.assertj.core.groups.Tuple.tuple("users.csv:4", RecordError.Problem.DUPLICATE_ID, "id"),
            org.assertj.core.groups.Tuple.tuple("users.csv:5", RecordError.Problem.DUPLICATE_ID, "id"),
            org.assertj.core.groups.Tuple.tuple("users.csv:6", RecordError.Problem.INVALID_FIELD, "email"),
            org.assertj.core.groups.Tuple.tuple("users.csv:8", RecordError.Problem.UNKNOWN_GRADE, "grade"),
            org.assertj.core.groups.Tuple.tuple("users.csv:9", RecordError.Problem.MISSING_FIELD, "familyName"),
            org.assertj.core.groups.Tuple.tuple("users.csv:10", RecordError.Problem.BROKEN_REFERENCE, "schoolId"),
            org.assertj.core.groups.Tuple.tuple("users.csv:3", RecordError.Problem.BROKEN_REFERENCE, "guardianId"),
            org.assertj.core.groups.Tuple.tuple("users.csv:11", RecordError.Problem.BROKEN_REFERENCE, "studentId"),
            org.assertj.core.groups.Tuple.tuple("users.csv:12", RecordError.Problem.BROKEN_REFERENCE, "guardianId"),
            org.assertj.core.groups.Tuple.tuple("users.csv:2", RecordError.Problem.DUPLICATE_ID, "guardianId"),
            org.assertj.core.groups.Tuple.tuple("users.csv:13", RecordError.Problem.DUPLICATE_ID, "guardianId"),
            org.assertj.core.groups.Tuple.tuple("users.csv:14", RecordError.Problem.INVALID_FIELD, "relationship"));
    assertThat(report.guardians()).isEqualTo(1);
    assertThat(report.students()).isEqualTo(1);
    assertThat(report.links()).isZero();
    assertThat(store.guardian(GuardianId.of("g-ada"))).isPresent();
    assertThat(store.guardian(GuardianId.of("g-nameless"))).isEmpty();
    assertThat(store.guardian(GuardianId.of("g-twice"))).isEmpty();
    assertThat(store.guardian(GuardianId.of("g-bad-mail"))).isEmpty();
    assertThat(store.student(StudentId.of("s-odd"))).isEmpty();
    assertThat(store.student(StudentId.of("s-lost"))).isEmpty();
    Student ike = store.student(StudentId.of("s-ike")).orElseThrow();
    assertThat(ike.grade()).isEqualTo(Grade.G6);
    assertThat(ike.schoolId()).contains(JEFFERSON);
    assertThat(ike.school()).isEqualTo("Jefferson Junior High");
    assertThat(ike.dateOfBirth()).contains(LocalDate.of(2013, 2, 3));
    assertThat(store.linksOfGuardian(GuardianId.of("g-ada"))).isEmpty();
    assertThat(report.accountsCreated()).isEqualTo(1);
  }

  @Test
  void aBatchIsIdempotent() {
    RosterBatch batch = RosterBatch.builder(DISTRICT)
        .guardian(new GuardianRow("u:1", "g-ada", "Ada", "Okafor", "ada@example.org", "630 555",
            "60540", "es", true))
        .student(new StudentRow("u:2", "s-ike", "300101", "Ike", "Okafor", null, "Sixth grade",
            JEFFERSON.value(), true, true))
        .link(new LinkRow("u:1", "g-ada", "s-ike", "parent", true)).build();
    BatchReport first = sync.roster().importBatch(batch);
    BatchReport second = sync.roster().importBatch(batch);

    assertThat(first.errors()).isEmpty();
    assertThat(second.errors()).isEmpty();
    assertThat(first.accountsCreated()).isEqualTo(1);
    assertThat(second.accountsCreated()).isZero();
    assertThat(second.deleted()).isZero();
    Guardian ada = store.guardian(GuardianId.of("g-ada")).orElseThrow();
    assertThat(ada.preferredLanguage()).contains(java.util.Locale.forLanguageTag("es"));
    assertThat(ada.phone()).contains("630 555");
    assertThat(sync.roster().visibleStudents(ada.id())).extracting(Student::id)
        .containsExactly(StudentId.of("s-ike"));
  }

  @Test
  void aBulkBatchDeletesWhatItOmits() {
    AccountId joseAccount = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    sync.activation().issue(MARIA, REQUEST);
    Student sofia = store.student(SOFIA).orElseThrow();

    RosterBatch.Builder bulk = RosterBatch.builder(DISTRICT)
        .bulk(Kind.GUARDIAN, Kind.STUDENT, Kind.LINK)
        .guardian(new GuardianRow("users.csv:2", MARIA.value(), "Maria", "Lopez",
            MARIA_EMAIL.value(), null, null, null, true))
        .guardian(new GuardianRow("users.csv:3", ABUELA.value(), "Rosa", "Garcia",
            ABUELA_EMAIL.value(), null, null, null, true))
        .guardian(new GuardianRow("users.csv:4", NO_EMAIL.value(), "Sam", "Noemail",
            null, null, null, null, true))
        .student(new StudentRow("users.csv:5", SOFIA.value(), sofia.studentNumber(), "Sofia",
            "Lopez", null, "7", null, true, true))
        .link(new LinkRow("users.csv:2", MARIA.value(), SOFIA.value(), "parent", true));
    BatchReport report = sync.roster().importBatch(bulk.build());

    // Jose is gone from the file: disabled, unlinked, his login suspended.
    assertThat(store.guardian(JOSE).orElseThrow().signInEnabled()).isFalse();
    assertThat(store.linksOfGuardian(JOSE)).isEmpty();
    assertThat(store.account(joseAccount).orElseThrow().status())
        .isEqualTo(AccountStatus.SUSPENDED);
    assertThat(sync.signIn().signIn(credentials("jose.lopez", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.Failed.class);
    assertThat(sync.activation().issue(JOSE, REQUEST).code())
        .isEqualTo(IssueResult.IssueCode.SIGN_IN_DISABLED);
    // Mateo (enrolled) is gone: withdrawn. Lucia was already withdrawn.
    assertThat(store.student(MATEO).orElseThrow().status()).isEqualTo(EnrollmentStatus.WITHDRAWN);
    // Links Maria–Mateo, Maria–Lucia and Abuela–Sofia are gone; Maria–Sofia stays.
    assertThat(store.linksOfGuardian(MARIA)).extracting(GuardianLink::student)
        .containsExactly(SOFIA);
    assertThat(store.linksOfGuardian(ABUELA)).isEmpty();
    assertThat(liveKeys(MARIA)).as("Maria is still on file").isEqualTo(1);
    // Jose (his own links go with him), Mateo, and three links of others.
    assertThat(report.deleted()).isEqualTo(1 + 1 + 3);

    // Jose comes back in the next file: his login returns.
    BatchReport back = sync.roster().importBatch(bulk
        .guardian(new GuardianRow("users.csv:6", JOSE.value(), "Jose", "Lopez",
            JOSE_EMAIL.value(), null, null, null, true))
        .link(new LinkRow("users.csv:6", JOSE.value(), SOFIA.value(), "parent", true))
        .build());
    assertThat(back.accountsRestored()).isEqualTo(1);
    assertThat(back.deleted()).isZero();
    assertThat(sync.signIn().signIn(credentials("jose.lopez", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void aGuardianTheSisDisablesKeepsTheRecordButCannotSignInOrRedeem() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    for (GuardianId id : List.of(MARIA, JOSE)) {
      sync.roster().putGuardian(store.guardian(id).orElseThrow().withSignInEnabled(false));
    }
    assertThat(sync.activation().redeem(new Redemption(key, "maria.lopez", PASSWORD, PASSWORD),
        REQUEST).code()).isEqualTo(RedeemCode.KEY_REVOKED);
    assertThat(sync.signIn().signIn(credentials("jose.lopez", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.Failed.class);
    assertThat(visibility(JOSE).values()).containsOnly(Visibility.GUARDIAN_DISABLED);

    sync.roster().putGuardian(store.guardian(JOSE).orElseThrow().withSignInEnabled(true));
    assertThat(sync.signIn().signIn(credentials("jose.lopez", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  // ---- reconciling by state: what an interrupted sync left behind is repaired ----

  /**
   * What a sync interrupted between the record and its follow-ups left: the guardian's record
   * says sign-in is off, but the login and the key the SIS took away are still there. Made
   * directly through the store, as the crash left it.
   */
  private void disableOnlyTheRecord(GuardianId id) {
    store.putGuardian(store.guardian(id).orElseThrow().withSignInEnabled(false));
  }

  private GuardianRow rowOf(GuardianId id, boolean signInEnabled) {
    Guardian g = store.guardian(id).orElseThrow();
    return new GuardianRow("users.csv:" + id.value(), id.value(), g.givenName(), g.familyName(),
        g.email().map(EmailAddress::value).orElse(null), null, null, null, signInEnabled);
  }

  private boolean hasLiveKey(GuardianId id) {
    return store.keysOfGuardian(id).stream()
        .anyMatch(k -> k.state() == KeyState.LIVE && clock.instant().isBefore(k.expiresAt()));
  }

  @Test
  void aDisabledGuardianLeftWithAnActiveLoginIsSuspendedByTheNextSingleSync() {
    AccountId jose = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    String mariasKey = issueKey(MARIA, MARIA_EMAIL);
    disableOnlyTheRecord(JOSE);
    disableOnlyTheRecord(MARIA);
    assertThat(store.account(jose).orElseThrow().status()).as("left behind")
        .isEqualTo(AccountStatus.ACTIVE);
    assertThat(hasLiveKey(MARIA)).as("left behind").isTrue();

    // The SIS sends the same record again: the flag does not change, the state is repaired.
    for (GuardianId id : List.of(JOSE, MARIA)) {
      assertThat(sync.roster().putGuardian(store.guardian(id).orElseThrow()))
          .isEqualTo(RosterResult.APPLIED);
    }

    assertThat(store.account(jose).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
    assertThat(store.activeAccountOfGuardian(JOSE)).isEmpty();
    assertThat(sync.signIn().signIn(credentials("jose.lopez", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.Failed.class);
    assertThat(hasLiveKey(MARIA)).isFalse();
    assertThat(sync.activation().redeem(new Redemption(mariasKey, "maria.lopez", PASSWORD,
        PASSWORD), REQUEST).code()).isEqualTo(RedeemCode.KEY_REVOKED);
    assertThat(audit.events()).filteredOn(e -> e.type() == AuditEventType.GUARDIAN_DISABLED)
        .extracting(e -> e.subject()).contains("guardian:" + JOSE, "guardian:" + MARIA);
  }

  @Test
  void aDisabledGuardianLeftWithAnActiveLoginIsSuspendedByTheNextBatchSync() {
    AccountId jose = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    issueKey(MARIA, MARIA_EMAIL);
    disableOnlyTheRecord(JOSE);
    disableOnlyTheRecord(MARIA);

    BatchReport report = sync.roster().importBatch(RosterBatch.builder(DISTRICT)
        .guardian(rowOf(JOSE, false)).guardian(rowOf(MARIA, false)).build());

    assertThat(report.errors()).isEmpty();
    assertThat(report.accountsSuspended()).isEqualTo(1);
    assertThat(store.account(jose).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
    assertThat(hasLiveKey(MARIA)).isFalse();
    assertThat(sync.signIn().signIn(credentials("jose.lopez", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.Failed.class);

    BatchReport again = sync.roster().importBatch(RosterBatch.builder(DISTRICT)
        .guardian(rowOf(JOSE, false)).guardian(rowOf(MARIA, false)).build());
    assertThat(again.accountsSuspended()).as("a second sync has nothing to repair").isZero();
  }

  @Test
  void aBulkDeletionRepairsAGuardianAlreadyDisabledWhoseLoginWasLeftActive() {
    AccountId jose = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    disableOnlyTheRecord(JOSE);

    sync.roster().importBatch(RosterBatch.builder(DISTRICT).bulk(Kind.GUARDIAN)
        .guardian(rowOf(MARIA, true)).guardian(rowOf(ABUELA, true))
        .guardian(rowOf(NO_EMAIL, true)).build());

    assertThat(store.account(jose).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
  }

  @Test
  void anEnabledGuardianWhoseLoginWasLeftSuspendedGetsItBackOnTheNextSync() {
    AccountId jose = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    AccountId maria = createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    // A re-enable interrupted after the record: enabled on file, login still suspended.
    assertThat(store.setSuspended(jose, true)).isTrue();
    assertThat(store.setSuspended(maria, true)).isTrue();

    sync.roster().putGuardian(store.guardian(JOSE).orElseThrow());
    BatchReport report = sync.roster().importBatch(RosterBatch.builder(DISTRICT)
        .guardian(rowOf(MARIA, true)).build());

    assertThat(store.account(jose).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(store.account(maria).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(report.accountsRestored()).isEqualTo(1);
    assertThat(sync.signIn().signIn(credentials("jose.lopez", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.SignedIn.class);
    assertThat(sync.signIn().signIn(credentials("maria.lopez", PASSWORD), REQUEST))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void disableThenReEnableByBatchSuspendsAndRestoresTheSameLogin() {
    AccountId jose = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");

    BatchReport off = sync.roster().importBatch(RosterBatch.builder(DISTRICT)
        .guardian(rowOf(JOSE, false)).build());
    assertThat(off.accountsSuspended()).isEqualTo(1);
    assertThat(store.account(jose).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);

    BatchReport on = sync.roster().importBatch(RosterBatch.builder(DISTRICT)
        .guardian(rowOf(JOSE, true)).build());
    assertThat(on.accountsRestored()).isEqualTo(1);
    assertThat(store.activeAccountOfGuardian(JOSE)).map(PortalAccount::id).contains(jose);
  }

  @Test
  void aStudentWrittenWithoutItsLoginGetsItOnTheNextSync() {
    Student noah = pupil(NOAH, "300101", Grade.G8, JEFFERSON);
    store.putStudent(noah); // the record, as a crash before its account left it
    assertThat(accountOf(NOAH)).isEmpty();

    sync.roster().putStudent(noah);

    assertThat(accountOf(NOAH)).map(PortalAccount::status).contains(AccountStatus.ACTIVE);
    assertThat(credentials()).hasSize(1);
  }

  @Test
  void aWithdrawnStudentLeftWithAnActiveLoginIsSuspendedByTheNextBatchSync() {
    Student noah = pupil(NOAH, "300101", Grade.G8, JEFFERSON);
    sync.roster().putStudent(noah);
    store.putStudent(noah.withStatus(EnrollmentStatus.WITHDRAWN));
    assertThat(accountOf(NOAH)).map(PortalAccount::status).contains(AccountStatus.ACTIVE);

    BatchReport report = sync.roster().importBatch(RosterBatch.builder(DISTRICT)
        .student(new StudentRow("users.csv:9", NOAH.value(), "300101", "noah", "Okafor", null,
            "8", JEFFERSON.value(), false, true)).build());

    assertThat(report.errors()).isEmpty();
    assertThat(report.accountsSuspended()).isEqualTo(1);
    assertThat(accountOf(NOAH)).map(PortalAccount::status).contains(AccountStatus.SUSPENDED);
  }

  // ---- the store's half: it applies the decider's answer, and decides nothing ----

  @Test
  void syncGuardiansShowsTheDeciderTheStateUnderTheRecordAndAppliesExactlyItsAnswer() {
    AccountId jose = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    issueKey(MARIA, MARIA_EMAIL);
    Guardian newcomer = storeGuardian("g-newcomer");
    Map<GuardianId, GuardianState> seen = new java.util.HashMap<>();
    Instant now = clock.instant();

    // A decider that asks for the opposite of the roster's rules: the store must still obey.
    List<GuardianSynced> synced = store.syncGuardians(List.of(
            store.guardian(MARIA).orElseThrow(), store.guardian(JOSE).orElseThrow(), newcomer,
            store.guardian(MARIA).orElseThrow().withSignInEnabled(false)), now,
        (written, state) -> {
          seen.put(written.id(), state);
          return written.id().equals(JOSE)
              ? new GuardianFollowUps(false, List.of(jose), List.of())
              : written.id().equals(MARIA)
                  ? new GuardianFollowUps(true, List.of(), List.of())
                  : GuardianFollowUps.NONE;
        });

    assertThat(synced).extracting(s -> s.guardian().id())
        .as("one per guardian, first occurrence order").containsExactly(MARIA, JOSE,
            newcomer.id());
    assertThat(synced.get(0).guardian().signInEnabled()).as("the last occurrence").isFalse();
    assertThat(store.guardian(MARIA).orElseThrow().signInEnabled()).isFalse();
    assertThat(store.guardian(newcomer.id())).contains(newcomer);
    assertThat(seen.get(MARIA)).isEqualTo(new GuardianState(true, List.of()));
    assertThat(seen.get(JOSE)).isEqualTo(new GuardianState(false,
        List.of(new AccountState(jose, AccountStatus.ACTIVE))));
    assertThat(seen.get(newcomer.id())).isEqualTo(GuardianState.NOTHING);
    assertThat(store.guardian(JOSE).orElseThrow().signInEnabled())
        .as("the store does not judge the record").isTrue();
    assertThat(store.account(jose).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
    assertThat(hasLiveKey(MARIA)).isFalse();
    assertThat(synced.get(1).applied().suspend()).containsExactly(jose);

    // And back: restore what it suspended.
    store.syncGuardians(List.of(store.guardian(JOSE).orElseThrow()), now,
        (written, state) -> {
          assertThat(state.accounts()).containsExactly(
              new AccountState(jose, AccountStatus.SUSPENDED));
          return new GuardianFollowUps(false, List.of(), List.of(jose));
        });
    assertThat(store.account(jose).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(store.activeAccountOfGuardian(JOSE)).map(PortalAccount::id).contains(jose);
  }

  @Test
  void syncGuardiansListsAGuardiansAccountsOldestFirstAndSeesOnlyKeysLiveAtNow() {
    AccountId first = createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    assertThat(store.setSuspended(first, true)).isTrue();
    clock.advance(Duration.ofMinutes(5));
    AccountId second = createAccount(JOSE, JOSE_EMAIL, "jose.lopez2");
    issueKey(MARIA, MARIA_EMAIL);
    List<GuardianState> states = new ArrayList<>();
    store.syncGuardians(List.of(store.guardian(JOSE).orElseThrow(),
            store.guardian(MARIA).orElseThrow()), clock.instant().plus(Duration.ofDays(400)),
        (written, state) -> {
          states.add(state);
          return GuardianFollowUps.NONE;
        });
    assertThat(states).containsExactly(
        new GuardianState(false, List.of(new AccountState(first, AccountStatus.SUSPENDED),
            new AccountState(second, AccountStatus.ACTIVE))),
        new GuardianState(false, List.of()));
  }

  @Test
  void syncStudentsCreatesOnlyWhatTheDeciderAsksWithItsCredentialsInTheOutbox() {
    Student noah = pupil(NOAH, "300101", Grade.G8, JEFFERSON);
    Student emma = pupil(EMMA, "300102", Grade.G8, JEFFERSON);
    PortalAccount noahs = PortalAccount.newStudentAccount(AccountId.of("a-noah"), DISTRICT,
        LoginName.of("300101"), NOAH, STORE_HASH, clock.instant());
    PortalAccount emmas = PortalAccount.newStudentAccount(AccountId.of("a-emma"), DISTRICT,
        LoginName.of("jose.lopez@example.org"), EMMA, STORE_HASH, clock.instant());
    Map<StudentId, NewStudentAccount> prepared = Map.of(
        NOAH, new NewStudentAccount(noahs, credentialsFor(noahs)),
        EMMA, new NewStudentAccount(emmas, credentialsFor(emmas)));
    int outboxBefore = store.pendingCount();

    List<StudentSynced> synced = store.syncStudents(List.of(noah, emma,
            store.student(MATEO).orElseThrow()), (written, account) -> {
          assertThat(account).isEmpty();
          return StudentFollowUp.CREATE_ACCOUNT;
        }, prepared);

    assertThat(synced).extracting(StudentSynced::status).containsExactly(
        StudentSynced.Status.APPLIED,
        StudentSynced.Status.LOGIN_NAME_TAKEN, // another guardian's email: one namespace
        StudentSynced.Status.NOT_PREPARED);
    assertThat(synced.get(0).account()).contains(noahs.id());
    assertThat(synced.get(1).account()).isEmpty();
    assertThat(store.student(EMMA)).as("written either way").contains(emma);
    assertThat(accountOf(NOAH)).map(PortalAccount::id).contains(noahs.id());
    assertThat(accountOf(EMMA)).isEmpty();
    assertThat(accountOf(MATEO)).isEmpty();
    assertThat(store.pendingCount()).as("one credentials message").isEqualTo(outboxBefore + 1);

    // Suspend and restore, as asked, and nothing when asked nothing.
    store.syncStudents(List.of(noah), (w, a) -> StudentFollowUp.SUSPEND_ACCOUNT, Map.of());
    assertThat(accountOf(NOAH)).map(PortalAccount::status).contains(AccountStatus.SUSPENDED);
    store.syncStudents(List.of(noah.withStatus(EnrollmentStatus.WITHDRAWN)),
        (w, a) -> StudentFollowUp.NONE, Map.of());
    assertThat(accountOf(NOAH)).map(PortalAccount::status).contains(AccountStatus.SUSPENDED);
    assertThat(store.student(NOAH).orElseThrow().status()).isEqualTo(EnrollmentStatus.WITHDRAWN);
    List<StudentSynced> back = store.syncStudents(List.of(noah),
        (w, a) -> {
          assertThat(a).contains(new AccountState(noahs.id(), AccountStatus.SUSPENDED));
          return StudentFollowUp.RESTORE_ACCOUNT;
        }, Map.of());
    assertThat(back.get(0).account()).contains(noahs.id());
    assertThat(accountOf(NOAH)).map(PortalAccount::status).contains(AccountStatus.ACTIVE);
  }

  private Notification credentialsFor(PortalAccount account) {
    return new Notification(NotificationId.random(RANDOM), NotificationType.STUDENT_CREDENTIALS,
        DISTRICT, JEFFERSON_OFFICE, Map.of(Notification.LOGIN_NAME, account.loginName().value()),
        Optional.of(SecretText.of("initial-" + NotificationId.random(RANDOM).value())),
        clock.instant());
  }

  @Test
  void anUnknownDistrictIsRefusedWhole() {
    assertThatThrownBy(() -> sync.roster().importBatch(
        RosterBatch.builder(dev.latchkey.model.DistrictId.of("nowhere")).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- bulk issuance ----

  @Test
  void bulkIssuanceReachesEveryGuardianAwaitingAKeyOnceAndReportsProgress() {
    createAccount(JOSE, JOSE_EMAIL, "jose.lopez");
    RosterBatch.Builder more = RosterBatch.builder(DISTRICT);
    for (int i = 0; i < 1234; i++) {
      more.guardian(new GuardianRow("u:" + i, String.format("g-%05d", i), "Given" + i, "Family",
          String.format("parent%05d@example.org", i), null, null, null, i % 100 != 7));
    }
    sync.roster().importBatch(more.build());
    mail.clear();
    List<long[]> progress = new ArrayList<>();

    BulkIssueReport report = sync.activation().issueAll(DISTRICT,
        (done, total, rate) -> progress.add(new long[] {done, total}));
    while (store.pendingCount() > 0) {
      sync.outbox().runOnce();
    }

    // Maria, Abuela and 1,234 - 13 enabled new guardians; not Jose (has a login), not Sam (no
    // email), not the 13 the SIS disabled.
    long expected = 2 + 1234 - 13;
    assertThat(report.issued()).isEqualTo(expected);
    assertThat(mail.sent()).filteredOn(n -> n.type() == NotificationType.ACTIVATION_KEY)
        .hasSize((int) expected)
        .extracting(Notification::recipient).doesNotHaveDuplicates();
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1)).containsExactly(expected, expected);
    assertThat(liveKeys(JOSE)).isZero();
    assertThat(liveKeys(GuardianId.of("g-00007"))).isZero();

    BulkIssueReport again = sync.activation().issueAll(DISTRICT, (d, t, r) -> { });
    assertThat(again.issued()).as("a re-run issues nothing twice").isZero();
    assertThat(liveKeys(MARIA)).isEqualTo(1);
  }

  @Test
  void bulkIssuanceSkipsAGuardianWhoseKeyHasNotExpiredButReachesOneWhoseKeyHas() {
    sync.activation().issue(MARIA, REQUEST);
    clock.advance(Duration.ofDays(30));
    sync.activation().issue(ABUELA, REQUEST);
    mail.clear();

    BulkIssueReport report = sync.activation().issueAll(DISTRICT, (d, t, r) -> { });

    assertThat(report.issued()).isEqualTo(2); // Maria (expired) and Jose
    assertThat(mail.sent()).extracting(Notification::recipient)
        .containsExactlyInAnyOrder(MARIA_EMAIL, JOSE_EMAIL);
  }

  // ---- the store's batched operations ----

  @Test
  void issueFirstKeysDecidesEachCommandAsIssueKeyWould() {
    Instant now = clock.instant();
    Guardian fresh = storeGuardian("g-fresh");
    Guardian live = storeGuardian("g-live");
    Guardian expired = storeGuardian("g-expired");
    Guardian withAccount = storeGuardian("g-account");
    Guardian disabled = storeGuardian("g-disabled").withSignInEnabled(false);
    Guardian moved = storeGuardian("g-moved");
    Guardian twice = storeGuardian("g-twice");
    store.putGuardians(List.of(fresh, live, expired, withAccount, disabled, moved, twice));
    assertThat(store.issueKey(firstKey(live, now.minus(Duration.ofDays(1)))).status())
        .isEqualTo(IssueOutcome.Status.ISSUED);
    IssueKeyCommand old = firstKey(expired, now.minus(Duration.ofDays(30)));
    assertThat(store.issueKey(old).status()).isEqualTo(IssueOutcome.Status.ISSUED);
    assertThat(store.importAccount(guardianAccount(withAccount, "has.account")))
        .isEqualTo(RosterResult.APPLIED);
    long outboxBefore = store.pendingCount();

    IssueKeyCommand freshCommand = firstKey(fresh, now);
    IssueKeyCommand expiredCommand = firstKey(expired, now);
    IssueKeyCommand twiceFirst = firstKey(twice, now);
    Guardian movedBefore = new Guardian(moved.id(), DISTRICT, "M", "Moved",
        Optional.of(EmailAddress.of("old.address@example.org")), Optional.empty(),
        Optional.empty());
    List<IssueOutcome> outcomes = store.issueFirstKeys(List.of(freshCommand,
        firstKey(live, now), expiredCommand, firstKey(withAccount, now),
        firstKey(disabled, now), firstKey(movedBefore, now),
        firstKey(storeGuardian("g-unknown"), now), twiceFirst, firstKey(twice, now)), now);

    assertThat(outcomes).extracting(IssueOutcome::status).containsExactly(
        IssueOutcome.Status.ISSUED, IssueOutcome.Status.HAS_LIVE_KEY, IssueOutcome.Status.ISSUED,
        IssueOutcome.Status.HAS_ACCOUNT, IssueOutcome.Status.SIGN_IN_DISABLED,
        IssueOutcome.Status.ADDRESS_CHANGED, IssueOutcome.Status.UNKNOWN_GUARDIAN,
        IssueOutcome.Status.ISSUED, IssueOutcome.Status.HAS_LIVE_KEY);
    assertThat(outcomes.get(0).revoked()).isNull();
    // The expired key still marked live is revoked, as issueKey revokes it.
    assertThat(outcomes.get(2).revoked()).isEqualTo(old.key().digest());
    assertThat(store.keyByDigest(old.key().digest()).orElseThrow().state())
        .isEqualTo(KeyState.REVOKED);
    assertThat(store.keysOfGuardian(live.id())).hasSize(1);
    assertThat(store.keysOfGuardian(twice.id())).extracting(ActivationKeyRecord::digest)
        .containsExactly(twiceFirst.key().digest());
    assertThat(store.keyByDigest(freshCommand.key().digest())).contains(freshCommand.key());
    for (Guardian g : List.of(fresh, live, expired, withAccount, disabled, moved, twice)) {
      assertThat(store.keysOfGuardian(g.id())).as(g.id().value())
          .filteredOn(k -> k.state() == KeyState.LIVE).hasSizeLessThanOrEqualTo(1);
    }

    // One outbox row per issued key, written as issueKey writes it.
    assertThat(store.pendingCount()).isEqualTo(outboxBefore + 3);
    assertThat(store.claimDue(now.plus(Duration.ofDays(1)), 1_000, Duration.ofMinutes(1))
        .stream().map(OutboxMessage::notification))
        .contains(freshCommand.mail(), expiredCommand.mail(), twiceFirst.mail());

    // Run again: nobody gets a second key.
    assertThat(store.issueFirstKeys(List.of(firstKey(fresh, now), firstKey(expired, now),
        firstKey(twice, now)), now)).extracting(IssueOutcome::status)
        .containsOnly(IssueOutcome.Status.HAS_LIVE_KEY);
    assertThat(store.issueFirstKeys(List.of(), now)).isEmpty();
  }

  @Test
  void aGuardianWhoseSignInIsDisabledGetsNoKeyAndCannotRedeemOne() {
    Instant now = clock.instant();
    Guardian g = storeGuardian("g-carla");
    store.putGuardian(g);
    IssueKeyCommand issued = firstKey(g, now);
    assertThat(store.issueKey(issued).status()).isEqualTo(IssueOutcome.Status.ISSUED);
    store.putGuardian(g.withSignInEnabled(false));

    assertThat(store.issueKey(firstKey(g, now)).status())
        .isEqualTo(IssueOutcome.Status.SIGN_IN_DISABLED);
    RedeemKeyCommand redeem = new RedeemKeyCommand(issued.key().digest(),
        guardianAccount(g, "carla.l"), null, now.plusSeconds(60));
    assertThat(store.redeemKey(redeem)).isEqualTo(RedeemOutcome.KEY_REVOKED);
    assertThat(store.activeAccountOfGuardian(g.id())).isEmpty();
    assertThat(store.keyByDigest(issued.key().digest()).orElseThrow().state())
        .isEqualTo(KeyState.LIVE);

    store.putGuardian(g);
    assertThat(store.redeemKey(redeem)).isEqualTo(RedeemOutcome.REDEEMED);
  }

  @Test
  void createStudentAccountKeepsOneAccountPerStudentAndOneLoginNamespace() {
    Instant now = clock.instant();
    Student ana = pupil(StudentId.of("s-ana-r"), "70001", Grade.G7, JEFFERSON);
    Student ben = pupil(StudentId.of("s-ben-r"), "70002", Grade.G7, JEFFERSON);
    store.putStudents(List.of(ana, ben));
    Guardian dora = storeGuardian("g-dora");
    store.putGuardian(dora);
    long pendingBefore = store.pendingCount();

    PortalAccount anaAccount = studentAccount("a-ana-r", ana, "ana.r");
    Notification credentials = credentials(now);
    assertThat(store.createStudentAccount(anaAccount, credentials))
        .isEqualTo(RosterResult.APPLIED);
    assertThat(store.accountOfStudent(ana.id())).contains(anaAccount);
    assertThat(store.claimDue(now.plus(Duration.ofDays(1)), 1_000, Duration.ofMinutes(1)))
        .extracting(OutboxMessage::notification).contains(credentials);

    assertThat(store.createStudentAccount(studentAccount("a-ana-r2", ana, "ana.two"),
        credentials(now))).isEqualTo(RosterResult.ACCOUNT_EXISTS);
    assertThat(store.createStudentAccount(studentAccount("a-ben-r", ben, "Ana.R"),
        credentials(now))).isEqualTo(RosterResult.LOGIN_NAME_TAKEN);
    // A guardian's email is a login name too (S36).
    assertThat(store.createStudentAccount(studentAccount("a-ben-r", ben,
        dora.email().orElseThrow().value()), credentials(now)))
        .isEqualTo(RosterResult.LOGIN_NAME_TAKEN);
    // A suspended account still counts: any state.
    assertThat(store.setSuspended(anaAccount.id(), true)).isTrue();
    assertThat(store.createStudentAccount(studentAccount("a-ana-r3", ana, "ana.three"),
        credentials(now))).isEqualTo(RosterResult.ACCOUNT_EXISTS);
    assertThat(store.pendingCount()).as("refusals queue nothing").isEqualTo(pendingBefore + 1);
    assertThat(store.accountsOfStudents(List.of(ana.id(), ben.id(), StudentId.of("s-nobody"))))
        .containsOnlyKeys(ana.id());
  }

  private PortalAccount studentAccount(String id, Student s, String login) {
    return PortalAccount.newStudentAccount(AccountId.of(id), DISTRICT, LoginName.of(login),
        s.id(), STORE_HASH, clock.instant());
  }

  private static Notification credentials(Instant at) {
    return new Notification(NotificationId.random(RANDOM), NotificationType.STUDENT_CREDENTIALS,
        DISTRICT, EmailAddress.of("office@example.org"), Map.of(Notification.NAME, "Ana"),
        Optional.of(SecretText.of("SECRET-" + NotificationId.random(RANDOM).value())), at);
  }

  @Test
  void setSuspendedMovesActiveAndSuspendedIntoEachOtherAndNothingElse() {
    Guardian ana = storeGuardian("g-ana");
    store.putGuardian(ana);
    PortalAccount account = guardianAccount(ana, "ana.l");
    assertThat(store.importAccount(account)).isEqualTo(RosterResult.APPLIED);

    assertThat(store.setSuspended(account.id(), false)).as("already active").isFalse();
    assertThat(store.setSuspended(account.id(), true)).isTrue();
    assertThat(store.setSuspended(account.id(), true)).as("already suspended").isFalse();
    assertThat(store.account(account.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.SUSPENDED);
    assertThat(store.activeAccountOfGuardian(ana.id())).isEmpty();
    assertThat(store.setSuspended(account.id(), false)).isTrue();
    assertThat(store.activeAccountOfGuardian(ana.id())).map(PortalAccount::id)
        .contains(account.id());
    assertThat(store.setSuspended(AccountId.of("a-nobody"), true)).isFalse();

    // Another account made while this one was suspended keeps it suspended: one per guardian.
    assertThat(store.setSuspended(account.id(), true)).isTrue();
    PortalAccount newer = PortalAccount.newGuardianAccount(AccountId.of("a-ana-2"), DISTRICT,
        LoginName.of("ana.l2"), ana.id(), STORE_HASH, clock.instant());
    assertThat(store.importAccount(newer)).isEqualTo(RosterResult.APPLIED);
    assertThat(store.setSuspended(account.id(), false)).isFalse();
    assertThat(store.activeAccountOfGuardian(ana.id())).map(PortalAccount::id)
        .contains(newer.id());

    // A disabled account is left alone both ways.
    Guardian ben = storeGuardian("g-ben");
    store.putGuardian(ben);
    PortalAccount disabled = guardianAccount(ben, "ben.l").withStatus(AccountStatus.DISABLED);
    assertThat(store.importAccount(disabled)).isEqualTo(RosterResult.APPLIED);
    assertThat(store.setSuspended(disabled.id(), true)).isFalse();
    assertThat(store.setSuspended(disabled.id(), false)).isFalse();
    assertThat(store.account(disabled.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.DISABLED);
  }

  private static final PasswordHash STORE_HASH =
      new PasswordHash("$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA");

  private static Guardian storeGuardian(String id) {
    return Guardian.of(GuardianId.of(id), DISTRICT, "Given " + id, "Family",
        EmailAddress.of(id + "@example.org"));
  }

  private PortalAccount guardianAccount(Guardian g, String login) {
    return PortalAccount.newGuardianAccount(AccountId.of("a-" + g.id().value()), DISTRICT,
        LoginName.of(login), g.id(), STORE_HASH, clock.instant());
  }

  /** A first key for the guardian's email on file, issued at {@code at}, as the store gets it. */
  private IssueKeyCommand firstKey(Guardian g, Instant at) {
    byte[] digest = new byte[32];
    RANDOM.nextBytes(digest);
    EmailAddress to = g.email().orElseThrow();
    ActivationKeyRecord key = ActivationKeyRecord.live(TokenDigest.of(digest), g.id(),
        g.district(), to, at, at.plus(Duration.ofDays(14)));
    return new IssueKeyCommand(key, new Notification(NotificationId.random(RANDOM),
        NotificationType.ACTIVATION_KEY, g.district(), to, Map.of(Notification.NAME, "O'Brien"),
        Optional.of(SecretText.of("SECRET-" + NotificationId.random(RANDOM).value())), at),
        false, null);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void batchedWritesAreUpsertsAndThePagesCoverTheDistrictInOrder() {
    List<Guardian> guardians = new ArrayList<>();
    List<Student> students = new ArrayList<>();
    List<GuardianLink> links = new ArrayList<>();
    for (int i = 0; i < 2_345; i++) {
      GuardianId g = GuardianId.of(String.format("b-g%05d", i));
      StudentId st = StudentId.of(String.format("b-s%05d", i));
      guardians.add(Guardian.of(g, DISTRICT, "Given", "Family" + i,
          EmailAddress.of("b" + i + "@example.org")));
      students.add(new Student(st, DISTRICT, "9" + i, "Kid", "Family" + i, Optional.empty(),
          Grade.G3, "Maplebrook Elementary", EnrollmentStatus.ENROLLED));
      links.add(new GuardianLink(g, st, Relationship.PARENT, true));
      links.add(new GuardianLink(g, SOFIA, Relationship.RELATIVE, false));
    }
    // Another district whose ids sort between these, to be left out of every page.
    DistrictId other = DistrictId.of("elsewhere-204");
    sync.roster().putDistrict(new District(other, "Elsewhere District 204", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("help@elsewhere.example.org"),
        "630.555.0100"));
    List<Guardian> otherGuardians = new ArrayList<>();
    List<Student> otherStudents = new ArrayList<>();
    List<GuardianLink> otherLinks = new ArrayList<>();
    for (int i = 0; i < 2_345; i += 3) {
      GuardianId g = GuardianId.of(String.format("b-g%05d-e", i));
      StudentId st = StudentId.of(String.format("b-s%05d-e", i));
      otherGuardians.add(Guardian.of(g, other, "Given", "Elsewhere" + i,
          EmailAddress.of("e" + i + "@example.org")));
      otherStudents.add(new Student(st, other, "8" + i, "Kid", "Elsewhere" + i,
          Optional.empty(), Grade.G3, "Elsewhere Elementary", EnrollmentStatus.ENROLLED));
      otherLinks.add(new GuardianLink(g, st, Relationship.PARENT, true));
    }
    store.putGuardians(otherGuardians);
    store.putStudents(otherStudents);
    store.putLinks(otherLinks);
    store.putGuardians(guardians);
    store.putStudents(students);
    store.putLinks(links);
    // Again, changed: an upsert replaces, it does not duplicate.
    store.putGuardians(guardians.stream().map(g -> g.withSignInEnabled(false)).toList());
    store.putLinks(links.stream().map(l -> new GuardianLink(l.guardian(), l.student(),
        Relationship.GUARDIAN, true)).toList());

    List<Guardian> paged = new ArrayList<>();
    GuardianId after = null;
    for (List<Guardian> page; !(page = store.guardiansOfDistrict(DISTRICT, after, 1_000))
        .isEmpty(); after = page.get(page.size() - 1).id()) {
      assertThat(page).hasSizeLessThanOrEqualTo(1_000);
      paged.addAll(page);
    }
    assertThat(paged).hasSize(2_345 + 4).extracting(g -> g.id().value()).isSorted()
        .doesNotHaveDuplicates();
    assertThat(paged).filteredOn(g -> g.id().value().startsWith("b-"))
        .allSatisfy(g -> assertThat(g.signInEnabled()).isFalse());

    List<GuardianLink> pagedLinks = new ArrayList<>();
    GuardianId afterGuardian = null;
    StudentId afterStudent = null;
    while (true) {
      List<GuardianLink> page = store.linksOfDistrict(DISTRICT, afterGuardian, afterStudent, 999);
      if (page.isEmpty()) {
        break;
      }
      pagedLinks.addAll(page);
      afterGuardian = page.get(page.size() - 1).guardian();
      afterStudent = page.get(page.size() - 1).student();
    }
    assertThat(pagedLinks).hasSize(2 * 2_345 + 7)
        .extracting(l -> l.guardian().value() + "/" + l.student().value()).isSorted()
        .doesNotHaveDuplicates();
    assertThat(pagedLinks).filteredOn(l -> l.guardian().value().startsWith("b-"))
        .allSatisfy(l -> assertThat(l.relationship()).isEqualTo(Relationship.GUARDIAN));

    int studentsPaged = 0;
    StudentId afterS = null;
    for (List<Student> page; !(page = store.studentsOfDistrict(DISTRICT, afterS, 700))
        .isEmpty(); afterS = page.get(page.size() - 1).id()) {
      studentsPaged += page.size();
    }
    assertThat(studentsPaged).isEqualTo(2_345 + 3);
    assertThat(store.guardians(List.of(GuardianId.of("b-g00007"), GuardianId.of("nobody"))))
        .containsOnlyKeys(GuardianId.of("b-g00007"));
    assertThat(store.students(List.of(StudentId.of("b-s02344"), SOFIA)))
        .containsOnlyKeys(StudentId.of("b-s02344"), SOFIA);
    assertThat(store.linksOfGuardians(List.of(GuardianId.of("b-g00001"), MARIA)))
        .hasEntrySatisfying(GuardianId.of("b-g00001"), l -> assertThat(l)
            .extracting(GuardianLink::student)
            .containsExactlyInAnyOrder(StudentId.of("b-s00001"), SOFIA))
        .hasEntrySatisfying(MARIA, l -> assertThat(l).hasSize(3));
    store.putAdultConsent(MARIA, SOFIA, true);
    store.putAdultConsent(JOSE, SOFIA, true);
    store.putAdultConsent(JOSE, SOFIA, false);
    store.putAdultConsent(GuardianId.of("b-g00001"), SOFIA, true);
    Map<GuardianId, Set<StudentId>> consents = store.adultConsentsOfGuardians(
        List.of(MARIA, JOSE, GuardianId.of("b-g00001"), GuardianId.of("nobody")));
    assertThat(consents).containsEntry(MARIA, Set.of(SOFIA))
        .containsEntry(GuardianId.of("b-g00001"), Set.of(SOFIA));
    assertThat(consents.getOrDefault(JOSE, Set.of())).as("withdrawn").isEmpty();
    assertThat(consents.getOrDefault(GuardianId.of("nobody"), Set.of())).isEmpty();
    assertThat(store.removeLink(GuardianId.of("b-g00001"), SOFIA)).isTrue();
    assertThat(store.removeLink(GuardianId.of("b-g00001"), SOFIA)).isFalse();
  }

  private long liveKeys(GuardianId guardian) {
    Instant now = clock.instant();
    return store.keysOfGuardian(guardian).stream()
        .filter(k -> k.state() == KeyState.LIVE && now.isBefore(k.expiresAt())).count();
  }

  private Map<StudentId, Visibility> visibility(GuardianId guardian) {
    return sync.roster().access(guardian).stream()
        .collect(Collectors.toMap(a -> a.student().id(), StudentAccess::visibility));
  }
}
