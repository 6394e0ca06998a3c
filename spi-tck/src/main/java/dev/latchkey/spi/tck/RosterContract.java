package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.signin.SignInResult;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The roster: idempotent upserts, refusals that change nothing, and who may see whom — linked
 * with portal access by a parent or guardian relationship, and enrolled. A sibling linked later
 * appears for the existing account without a new key (K1).
 */
public abstract class RosterContract extends ContractSupport {
  private static final DistrictId UNKNOWN_DISTRICT = DistrictId.of("nowhere-999");
  private static final DistrictId OTHER_DISTRICT = DistrictId.of("aurora-204");
  private static final StudentId DIEGO = StudentId.of("s-diego");

  private List<StudentId> visibleIds(GuardianId guardian) {
    return latchkey.roster().visibleStudents(guardian).stream().map(Student::id).toList();
  }

  private void putOtherDistrict() {
    latchkey.roster().putDistrict(new District(OTHER_DISTRICT, "Indian Prairie School District 204",
        "IL", ZoneId.of("America/Chicago"), EmailAddress.of("help@ipsd.example.org"),
        "630.375.3000"));
  }

  private static Student diego(EnrollmentStatus status) {
    return student(DIEGO, "100204", "Diego", Grade.G3, "Maplebrook Elementary", status);
  }

  // --- upserts -------------------------------------------------------------------------------

  @Test
  @DisplayName("putting the same district twice applies both times and keeps one district")
  void putDistrictTwiceIsIdempotent() {
    District district = latchkey.roster().district(DISTRICT).orElseThrow();

    assertThat(latchkey.roster().putDistrict(district)).isEqualTo(RosterResult.APPLIED);
    assertThat(latchkey.roster().putDistrict(district)).isEqualTo(RosterResult.APPLIED);

    assertThat(latchkey.roster().district(DISTRICT)).contains(district);
  }

  @Test
  @DisplayName("putting the same guardian twice applies both times and keeps the one record")
  void putGuardianTwiceIsIdempotent() {
    Guardian maria = latchkey.roster().guardian(MARIA).orElseThrow();

    assertThat(latchkey.roster().putGuardian(maria)).isEqualTo(RosterResult.APPLIED);
    assertThat(latchkey.roster().putGuardian(maria)).isEqualTo(RosterResult.APPLIED);

    assertThat(latchkey.roster().guardian(MARIA)).contains(maria);
    assertThat(store.guardiansByEmail(DISTRICT, MARIA_EMAIL.key()))
        .extracting(Guardian::id).containsExactly(MARIA);
  }

  @Test
  @DisplayName("putting a guardian again replaces the record kept under its id")
  void putGuardianReplacesById() {
    EmailAddress newEmail = EmailAddress.of("maria.new@example.org");
    Guardian changed = Guardian.of(MARIA, DISTRICT, "Maria", "Lopez-Garcia", newEmail);

    assertThat(latchkey.roster().putGuardian(changed)).isEqualTo(RosterResult.APPLIED);

    assertThat(latchkey.roster().guardian(MARIA)).contains(changed);
    assertThat(store.guardiansByEmail(DISTRICT, MARIA_EMAIL.key())).isEmpty();
    assertThat(store.guardiansByEmail(DISTRICT, newEmail.key()))
        .extracting(Guardian::id).containsExactly(MARIA);
  }

  @Test
  @DisplayName("a guardian's preferred language is kept, and mail to the guardian carries it")
  void preferredLanguageIsKeptAndCarriedByMail() {
    Guardian maria = latchkey.roster().guardian(MARIA).orElseThrow()
        .withPreferredLanguage(Locale.forLanguageTag("es-MX"));

    assertThat(latchkey.roster().putGuardian(maria)).isEqualTo(RosterResult.APPLIED);
    issueKey(MARIA, MARIA_EMAIL);

    assertThat(latchkey.roster().guardian(MARIA).orElseThrow().preferredLanguage())
        .contains(Locale.forLanguageTag("es-MX"));
    assertThat(mail.last(MARIA_EMAIL, NotificationType.ACTIVATION_KEY).orElseThrow()
        .field(Notification.LANGUAGE)).contains("es-MX");
  }

  @Test
  @DisplayName("a guardian without a preferred language gets mail without one")
  void noPreferredLanguageMeansNoLanguageField() {
    issueKey(JOSE, JOSE_EMAIL);

    assertThat(latchkey.roster().guardian(JOSE).orElseThrow().preferredLanguage()).isEmpty();
    assertThat(mail.last(JOSE_EMAIL, NotificationType.ACTIVATION_KEY).orElseThrow()
        .field(Notification.LANGUAGE)).isEmpty();
  }

  @Test
  @DisplayName("putting the same student twice applies both times and keeps the one record")
  void putStudentTwiceIsIdempotent() {
    Student sofia = latchkey.roster().student(SOFIA).orElseThrow();

    assertThat(latchkey.roster().putStudent(sofia)).isEqualTo(RosterResult.APPLIED);
    assertThat(latchkey.roster().putStudent(sofia)).isEqualTo(RosterResult.APPLIED);

    assertThat(latchkey.roster().student(SOFIA)).contains(sofia);
    assertThat(visibleIds(MARIA)).containsExactly(MATEO, SOFIA);
  }

  @Test
  @DisplayName("linking the same pair twice keeps one link")
  void linkTwiceIsIdempotent() {
    GuardianLink link = new GuardianLink(MARIA, SOFIA, Relationship.PARENT, true);

    assertThat(latchkey.roster().link(link)).isEqualTo(RosterResult.APPLIED);
    assertThat(latchkey.roster().link(link)).isEqualTo(RosterResult.APPLIED);

    assertThat(store.linksOfGuardian(MARIA)).hasSize(3)
        .filteredOn(l -> l.student().equals(SOFIA)).containsExactly(link);
    assertThat(visibleIds(MARIA)).containsExactly(MATEO, SOFIA);
  }

  @Test
  @DisplayName("linking a pair again replaces the link (portal access revoked by the SIS)")
  void linkAgainReplacesTheLink() {
    GuardianLink revoked = new GuardianLink(MARIA, SOFIA, Relationship.PARENT, false);

    assertThat(latchkey.roster().link(revoked)).isEqualTo(RosterResult.APPLIED);

    assertThat(store.linksOfGuardian(MARIA)).hasSize(3)
        .filteredOn(l -> l.student().equals(SOFIA)).containsExactly(revoked);
    assertThat(visibleIds(MARIA)).containsExactly(MATEO);
  }

  @Test
  @DisplayName("re-running the whole roster sync changes nobody's view")
  void rerunningTheSyncChangesNothing() {
    List<Student> mariaBefore = latchkey.roster().visibleStudents(MARIA);
    List<GuardianLink> linksBefore = store.linksOfGuardian(MARIA);

    for (StudentId child : new StudentId[] {SOFIA, MATEO, LUCIA}) {
      latchkey.roster().putStudent(latchkey.roster().student(child).orElseThrow());
      latchkey.roster().link(new GuardianLink(MARIA, child, Relationship.PARENT, true));
    }
    latchkey.roster().putGuardian(latchkey.roster().guardian(MARIA).orElseThrow());

    assertThat(latchkey.roster().visibleStudents(MARIA)).isEqualTo(mariaBefore);
    assertThat(store.linksOfGuardian(MARIA)).containsExactlyInAnyOrderElementsOf(linksBefore);
  }

  // --- refusals ------------------------------------------------------------------------------

  @Test
  @DisplayName("a new guardian of an unknown district is refused UNKNOWN_DISTRICT and not stored")
  void putGuardianOfUnknownDistrictIsRefused() {
    GuardianId stranger = GuardianId.of("g-stranger");
    Guardian guardian = Guardian.of(stranger, UNKNOWN_DISTRICT, "Pat", "Stranger",
        EmailAddress.of("pat@example.org"));

    assertThat(latchkey.roster().putGuardian(guardian)).isEqualTo(RosterResult.UNKNOWN_DISTRICT);

    assertThat(latchkey.roster().guardian(stranger)).isEmpty();
    assertThat(store.guardiansByEmail(UNKNOWN_DISTRICT, "pat@example.org")).isEmpty();
  }

  @Test
  @DisplayName("moving a guardian to an unknown district is refused and the stored record stays")
  void putExistingGuardianIntoUnknownDistrictChangesNothing() {
    Guardian before = latchkey.roster().guardian(MARIA).orElseThrow();

    RosterResult result = latchkey.roster().putGuardian(
        Guardian.of(MARIA, UNKNOWN_DISTRICT, "Maria", "Lopez", MARIA_EMAIL));

    assertThat(result).isEqualTo(RosterResult.UNKNOWN_DISTRICT);
    assertThat(latchkey.roster().guardian(MARIA)).contains(before);
  }

  @Test
  @DisplayName("a student of an unknown district is refused UNKNOWN_DISTRICT and not stored")
  void putStudentOfUnknownDistrictIsRefused() {
    StudentId stray = StudentId.of("s-stray");
    Student student = new Student(stray, UNKNOWN_DISTRICT, "900001", "Stray", "Student",
        Optional.of(LocalDate.of(2012, 1, 1)), Grade.G8, "Nowhere Middle",
        EnrollmentStatus.ENROLLED);

    assertThat(latchkey.roster().putStudent(student)).isEqualTo(RosterResult.UNKNOWN_DISTRICT);

    assertThat(latchkey.roster().student(stray)).isEmpty();
  }

  @Test
  @DisplayName("moving a student to an unknown district is refused and the stored record stays")
  void putExistingStudentIntoUnknownDistrictChangesNothing() {
    Student before = latchkey.roster().student(SOFIA).orElseThrow();
    Student moved = new Student(SOFIA, UNKNOWN_DISTRICT, before.studentNumber(),
        before.givenName(), before.familyName(), before.dateOfBirth(), before.grade(),
        before.school(), before.status());

    assertThat(latchkey.roster().putStudent(moved)).isEqualTo(RosterResult.UNKNOWN_DISTRICT);

    assertThat(latchkey.roster().student(SOFIA)).contains(before);
    assertThat(visibleIds(MARIA)).containsExactly(MATEO, SOFIA);
  }

  @Test
  @DisplayName("a link from an unknown guardian is refused UNKNOWN_GUARDIAN and not stored")
  void linkFromUnknownGuardianIsRefused() {
    GuardianId ghost = GuardianId.of("g-ghost");

    RosterResult result = latchkey.roster().link(
        new GuardianLink(ghost, SOFIA, Relationship.PARENT, true));

    assertThat(result).isEqualTo(RosterResult.UNKNOWN_GUARDIAN);
    assertThat(store.linksOfGuardian(ghost)).isEmpty();
    assertThat(latchkey.roster().visibleStudents(ghost)).isEmpty();
  }

  @Test
  @DisplayName("a link to an unknown student is refused UNKNOWN_STUDENT and not stored")
  void linkToUnknownStudentIsRefused() {
    List<GuardianLink> before = store.linksOfGuardian(MARIA);

    RosterResult result = latchkey.roster().link(
        new GuardianLink(MARIA, StudentId.of("s-ghost"), Relationship.PARENT, true));

    assertThat(result).isEqualTo(RosterResult.UNKNOWN_STUDENT);
    assertThat(store.linksOfGuardian(MARIA)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(visibleIds(MARIA)).containsExactly(MATEO, SOFIA);
  }

  @Test
  @DisplayName("a link to a student of another district is refused DISTRICT_MISMATCH and not stored")
  void linkAcrossDistrictsIsRefused() {
    putOtherDistrict();
    StudentId elsewhere = StudentId.of("s-elsewhere");
    assertThat(latchkey.roster().putStudent(new Student(elsewhere, OTHER_DISTRICT, "200001",
        "Eli", "Lopez", Optional.of(LocalDate.of(2012, 5, 5)), Grade.G8, "Fischer Middle",
        EnrollmentStatus.ENROLLED))).isEqualTo(RosterResult.APPLIED);
    List<GuardianLink> before = store.linksOfGuardian(MARIA);

    RosterResult result = latchkey.roster().link(
        new GuardianLink(MARIA, elsewhere, Relationship.PARENT, true));

    assertThat(result).isEqualTo(RosterResult.DISTRICT_MISMATCH);
    assertThat(store.linksOfGuardian(MARIA)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(visibleIds(MARIA)).containsExactly(MATEO, SOFIA);
  }

  // --- who sees whom -------------------------------------------------------------------------

  @Test
  @DisplayName("a parent sees the enrolled children linked with portal access, by name")
  void parentSeesEnrolledLinkedChildren() {
    assertThat(visibleIds(MARIA)).containsExactly(MATEO, SOFIA);
    assertThat(visibleIds(JOSE)).containsExactly(MATEO, SOFIA);
  }

  @Test
  @DisplayName("a withdrawn student is hidden from every guardian")
  void withdrawnStudentIsHidden() {
    assertThat(visibleIds(MARIA)).doesNotContain(LUCIA);
    assertThat(visibleIds(JOSE)).doesNotContain(LUCIA);
  }

  @Test
  @DisplayName("a re-enrolled student reappears")
  void reEnrolledStudentReappears() {
    Student lucia = latchkey.roster().student(LUCIA).orElseThrow();
    latchkey.roster().putStudent(new Student(LUCIA, DISTRICT, lucia.studentNumber(),
        lucia.givenName(), lucia.familyName(), lucia.dateOfBirth(), lucia.grade(),
        lucia.school(), EnrollmentStatus.ENROLLED));

    assertThat(visibleIds(MARIA)).containsExactly(LUCIA, MATEO, SOFIA);
  }

  @Test
  @DisplayName("withdrawing a student hides them at once")
  void withdrawingHidesAtOnce() {
    Student sofia = latchkey.roster().student(SOFIA).orElseThrow();
    latchkey.roster().putStudent(new Student(SOFIA, DISTRICT, sofia.studentNumber(),
        sofia.givenName(), sofia.familyName(), sofia.dateOfBirth(), sofia.grade(),
        sofia.school(), EnrollmentStatus.WITHDRAWN));

    assertThat(visibleIds(MARIA)).containsExactly(MATEO);
  }

  @Test
  @DisplayName("a relative sees nothing, even with portal access set")
  void relativeSeesNothing() {
    assertThat(latchkey.roster().visibleStudents(ABUELA)).isEmpty();
  }

  @Test
  @DisplayName("an emergency contact sees nothing, even with portal access set")
  void emergencyContactSeesNothing() {
    latchkey.roster().link(new GuardianLink(ABUELA, MATEO, Relationship.EMERGENCY_CONTACT, true));

    assertThat(latchkey.roster().visibleStudents(ABUELA)).isEmpty();
  }

  @Test
  @DisplayName("a legal guardian with portal access sees the student")
  void legalGuardianSeesStudent() {
    latchkey.roster().link(new GuardianLink(ABUELA, MATEO, Relationship.GUARDIAN, true));

    assertThat(visibleIds(ABUELA)).containsExactly(MATEO);
  }

  @Test
  @DisplayName("a parent link without portal access hides the child")
  void parentLinkWithoutPortalAccessHides() {
    latchkey.roster().link(new GuardianLink(JOSE, SOFIA, Relationship.PARENT, false));

    assertThat(visibleIds(JOSE)).containsExactly(MATEO);
    assertThat(visibleIds(MARIA)).containsExactly(MATEO, SOFIA);
  }

  @Test
  @DisplayName("a guardian with no links sees nothing")
  void unlinkedGuardianSeesNothing() {
    assertThat(latchkey.roster().visibleStudents(NO_EMAIL)).isEmpty();
  }

  // --- K1: siblings linked later -------------------------------------------------------------

  @Test
  @DisplayName("a sibling linked after activation appears at the next sign-in, no new key (K1)")
  void siblingLinkedLaterAppearsWithoutNewKey() {
    AccountId account = createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    assertThat(latchkey.roster().putStudent(diego(EnrollmentStatus.ENROLLED)))
        .isEqualTo(RosterResult.APPLIED);
    assertThat(latchkey.roster().link(new GuardianLink(MARIA, DIEGO, Relationship.PARENT, true)))
        .isEqualTo(RosterResult.APPLIED);

    SignInResult result = latchkey.signIn().signIn(credentials("maria.lopez", PASSWORD), REQUEST);

    assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
    SignInResult.SignedIn signedIn = (SignInResult.SignedIn) result;
    assertThat(signedIn.account().id()).isEqualTo(account);
    assertThat(signedIn.students()).extracting(Student::id).containsExactly(DIEGO, MATEO, SOFIA);
    assertThat(store.keysOfGuardian(MARIA)).hasSize(1);
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.ACTIVATION_KEY)).hasSize(1);
  }

  @Test
  @DisplayName("a sibling linked later without portal access does not appear at sign-in")
  void siblingLinkedLaterWithoutAccessStaysHidden() {
    createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    latchkey.roster().putStudent(diego(EnrollmentStatus.ENROLLED));
    latchkey.roster().link(new GuardianLink(MARIA, DIEGO, Relationship.PARENT, false));

    SignInResult result = latchkey.signIn().signIn(credentials("maria.lopez", PASSWORD), REQUEST);

    assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(((SignInResult.SignedIn) result).students())
        .extracting(Student::id).containsExactly(MATEO, SOFIA);
  }
}
