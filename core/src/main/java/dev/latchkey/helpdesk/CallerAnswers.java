package dev.latchkey.helpdesk;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller claiming to be a guardian answered when the agent asked: facts from the roster
 * that a stranger would not know. Unanswered questions are empty; text is compared leniently
 * (case, spaces, punctuation in phone numbers).
 *
 * @param studentBirthDate a linked student's date of birth
 * @param studentNumber a linked student's number
 * @param postalCode the guardian's home postal code
 * @param phone the guardian's phone number on file
 */
public record CallerAnswers(Optional<LocalDate> studentBirthDate, Optional<String> studentNumber,
    Optional<String> postalCode, Optional<String> phone) {
  public CallerAnswers {
    Objects.requireNonNull(studentBirthDate, "studentBirthDate");
    Objects.requireNonNull(studentNumber, "studentNumber");
    Objects.requireNonNull(postalCode, "postalCode");
    Objects.requireNonNull(phone, "phone");
  }

  /** How many questions were answered. */
  public int answered() {
    return (studentBirthDate.isPresent() ? 1 : 0) + (studentNumber.isPresent() ? 1 : 0)
        + (postalCode.isPresent() ? 1 : 0) + (phone.isPresent() ? 1 : 0);
  }
}
