package dev.latchkey.roster;

/** The outcome of a roster write. Only {@link #APPLIED} changed anything. */
public enum RosterResult {
  APPLIED,
  UNKNOWN_DISTRICT,
  UNKNOWN_GUARDIAN,
  UNKNOWN_STUDENT,
  /** The record refers to a record of another district. */
  DISTRICT_MISMATCH
}
