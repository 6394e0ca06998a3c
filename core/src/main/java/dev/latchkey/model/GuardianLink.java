package dev.latchkey.model;

import java.util.Objects;

/**
 * A guardian–student link from the SIS. It grants portal access only when {@code portalAccess}
 * is set and the district's {@link dev.latchkey.roster.AccessPolicy} allows the relationship;
 * restrictions and the age of majority come on top ({@link dev.latchkey.roster.Roster#access}).
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
}
