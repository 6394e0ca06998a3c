package dev.latchkey.model;

import java.util.Objects;

/**
 * A guardian–student link from the SIS. It grants portal access only when {@code portalAccess}
 * is set and the relationship {@linkplain Relationship#mayHavePortalAccess() allows it}.
 *
 * @param guardian the guardian
 * @param student the student
 * @param relationship how the guardian relates to the student
 * @param portalAccess whether the district grants this guardian portal access to this student
 */
public record GuardianLink(
    GuardianId guardian, StudentId student, Relationship relationship, boolean portalAccess) {
  public GuardianLink {
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(relationship, "relationship");
  }

  /** True when this link lets the guardian see the student (enrolment is checked separately). */
  public boolean grantsAccess() {
    return portalAccess && relationship.mayHavePortalAccess();
  }
}
