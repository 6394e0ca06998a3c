package dev.latchkey.model;

/**
 * How a contact relates to a student in the SIS. Only parents and guardians can be granted
 * portal access; relatives and emergency contacts never are by default.
 */
public enum Relationship {
  PARENT,
  GUARDIAN,
  RELATIVE,
  EMERGENCY_CONTACT,
  OTHER;

  /** True for the relationships a district may grant portal access to. */
  public boolean mayHavePortalAccess() {
    return this == PARENT || this == GUARDIAN;
  }
}
