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
  ACCOUNT_EXISTS,
  /** The guardian and the student are not linked. */
  UNKNOWN_LINK,
  /** No restriction has this id. */
  UNKNOWN_RESTRICTION,
  /** A restriction's dates or text are not acceptable (blank reason, end not after start). */
  INVALID_RESTRICTION,
  /** Consent is the student's only once they come of age, by the birth date on file. */
  NOT_ADULT,
  /** The roster has no birth date for the student: nothing is guessed. */
  BIRTH_DATE_MISSING
}
