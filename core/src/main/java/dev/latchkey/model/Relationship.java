package dev.latchkey.model;

/**
 * How a contact relates to a student in the SIS. By default
 * ({@link dev.latchkey.roster.AccessPolicy#defaults()}) only parents and guardians can be granted
 * portal access; relatives and emergency contacts are denied.
 */
public enum Relationship {
  PARENT,
  GUARDIAN,
  RELATIVE,
  EMERGENCY_CONTACT,
  OTHER
}
