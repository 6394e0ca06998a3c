package dev.latchkey.roster;

/** Whether a guardian sees a linked student, and if not, the first reason why not. */
public enum Visibility {
  VISIBLE,
  /** The SIS did not grant portal access on this link. */
  NO_PORTAL_ACCESS,
  /** The relationship (relative, emergency contact, ...) is not one the district allows. */
  RELATIONSHIP_NOT_ALLOWED,
  /** The student is not enrolled. */
  NOT_ENROLLED,
  /** A court or protection order is in force. */
  RESTRICTED,
  /** The student has come of age and has not consented to this guardian. */
  ADULT_AWAITING_CONSENT,
  /** The student has come of age and the district ends guardians' access then. */
  ADULT_ACCESS_ENDED,
  /** The SIS curtailed or removed the guardian. */
  GUARDIAN_DISABLED;

  public boolean visible() {
    return this == VISIBLE;
  }
}
