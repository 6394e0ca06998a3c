package dev.latchkey.roster;

/** The outcome of a roster write. Only {@link #APPLIED} changed anything. */
public enum RosterResult {
  APPLIED,
  UNKNOWN_DISTRICT,
  UNKNOWN_GUARDIAN,
  UNKNOWN_STUDENT,
  /** The record refers to a record of another district. */
  DISTRICT_MISMATCH,
  /** An imported login name breaks the naming rules. */
  INVALID_LOGIN_NAME,
  /** An imported login name is another account's name or another guardian's email (S36). */
  LOGIN_NAME_TAKEN,
  /** The guardian already has an active login. */
  ACCOUNT_EXISTS
}
