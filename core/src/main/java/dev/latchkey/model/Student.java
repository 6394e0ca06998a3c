package dev.latchkey.model;

import dev.latchkey.internal.Checks;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A student from the district's SIS.
 *
 * @param id the SIS id
 * @param district the district the record belongs to
 * @param studentNumber the student number printed on school documents
 * @param givenName given name
 * @param familyName family name
 * @param dateOfBirth date of birth, when the SIS supplies one
 * @param grade current grade
 * @param school the school's name
 * @param status enrolment status
 * @param schoolId the school's SIS id, when the roster has one: its office receives the
 *     student's initial credentials
 * @param signInEnabled false when the SIS curtails the student's own system access (OneRoster
 *     {@code enabledUser=false}): the record stays, the student's login is suspended
 */
public record Student(
    StudentId id, DistrictId district, String studentNumber, String givenName,
    String familyName, Optional<LocalDate> dateOfBirth, Grade grade, String school,
    EnrollmentStatus status, Optional<SchoolId> schoolId, boolean signInEnabled) {

  public Student {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(district, "district");
    studentNumber = Checks.id(studentNumber, "studentNumber");
    givenName = Checks.text(givenName, "givenName", 100);
    familyName = Checks.text(familyName, "familyName", 100);
    Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    Objects.requireNonNull(grade, "grade");
    school = Checks.text(school, "school", 200);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(schoolId, "schoolId");
  }

  /** A student with no school id on file whose sign-in is enabled. */
  public Student(StudentId id, DistrictId district, String studentNumber, String givenName,
      String familyName, Optional<LocalDate> dateOfBirth, Grade grade, String school,
      EnrollmentStatus status) {
    this(id, district, studentNumber, givenName, familyName, dateOfBirth, grade, school, status,
        Optional.empty(), true);
  }

  /** This student in another grade. */
  public Student withGrade(Grade newGrade) {
    return new Student(id, district, studentNumber, givenName, familyName, dateOfBirth, newGrade,
        school, status, schoolId, signInEnabled);
  }

  /** This student with another enrolment status. */
  public Student withStatus(EnrollmentStatus newStatus) {
    return new Student(id, district, studentNumber, givenName, familyName, dateOfBirth, grade,
        school, newStatus, schoolId, signInEnabled);
  }

  /** This student, at school {@code id}. */
  public Student atSchool(SchoolId id) {
    return new Student(this.id, district, studentNumber, givenName, familyName, dateOfBirth,
        grade, school, status, Optional.of(id), signInEnabled);
  }

  /** This student with sign-in enabled or curtailed. */
  public Student withSignInEnabled(boolean enabled) {
    return new Student(id, district, studentNumber, givenName, familyName, dateOfBirth, grade,
        school, status, schoolId, enabled);
  }

  /** "Given Family". */
  public String displayName() {
    return givenName + " " + familyName;
  }
}
