package dev.latchkey.roster;

import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Student;
import java.util.Objects;

/**
 * One linked student as a guardian's login sees it: links × enrolment × access × restrictions ×
 * age, decided in one place.
 *
 * @param student the student
 * @param link how the guardian is linked
 * @param visibility whether the guardian sees the student, or the first reason not
 * @param birthDateMissing true when the roster has no birth date, so the age-of-majority rule
 *     cannot be applied: nothing is guessed, and the helpdesk sees the gap
 */
public record StudentAccess(Student student, GuardianLink link, Visibility visibility,
    boolean birthDateMissing) {
  public StudentAccess {
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(visibility, "visibility");
  }

  public boolean visible() {
    return visibility.visible();
  }
}
