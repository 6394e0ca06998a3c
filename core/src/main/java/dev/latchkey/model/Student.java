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
 */
public record Student(
    StudentId id, DistrictId district, String studentNumber, String givenName,
    String familyName, Optional<LocalDate> dateOfBirth, Grade grade, String school,
    EnrollmentStatus status) {

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
  }

  /** "Given Family". */
  public String displayName() {
    return givenName + " " + familyName;
  }
}
