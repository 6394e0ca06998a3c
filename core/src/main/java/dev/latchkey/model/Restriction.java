package dev.latchkey.model;

import dev.latchkey.internal.Checks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal restriction on one guardian–student link (a court or protection order). While it is
 * in force it overrides every grant and every re-sync: the guardian does not see the student,
 * whatever the SIS's link says.
 *
 * @param id the restriction's id
 * @param guardian the restricted guardian
 * @param student the student the guardian may not see
 * @param startsOn the first day it is in force, in the district's time zone
 * @param endsBefore the first day it is no longer in force (exclusive), if it ends
 * @param reason why, as the district records it ("protection order 2026-CV-118")
 * @param enteredBy who entered it
 * @param enteredAt when it was entered
 */
public record Restriction(String id, GuardianId guardian, StudentId student, LocalDate startsOn,
    Optional<LocalDate> endsBefore, String reason, String enteredBy, Instant enteredAt) {
  public Restriction {
    id = Checks.id(id, "id");
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(startsOn, "startsOn");
    Objects.requireNonNull(endsBefore, "endsBefore");
    if (endsBefore.isPresent() && !endsBefore.get().isAfter(startsOn)) {
      throw new IllegalArgumentException("endsBefore must be after startsOn");
    }
    reason = Checks.text(reason, "reason", 500);
    enteredBy = Checks.text(enteredBy, "enteredBy", 200);
    Objects.requireNonNull(enteredAt, "enteredAt");
  }

  /** True when the restriction is in force on {@code day}. */
  public boolean inForceOn(LocalDate day) {
    return !day.isBefore(startsOn) && endsBefore.map(day::isBefore).orElse(true);
  }

  /** This restriction ending before {@code day} (not before it started). */
  public Restriction endingBefore(LocalDate day) {
    return new Restriction(id, guardian, student, startsOn, Optional.of(day), reason, enteredBy,
        enteredAt);
  }
}
