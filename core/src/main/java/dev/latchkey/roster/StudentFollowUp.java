package dev.latchkey.roster;

/**
 * What a store does to a student's own login, in the same atomic step as writing the student's
 * record ({@link RosterFollowUps#forStudent}).
 */
public enum StudentFollowUp {
  /** The login already agrees with the record. */
  NONE,
  /** Create the student's account and queue its initial password to the school. */
  CREATE_ACCOUNT,
  /** Make the student's {@code ACTIVE} account {@code SUSPENDED}. */
  SUSPEND_ACCOUNT,
  /** Make the student's {@code SUSPENDED} account {@code ACTIVE}. */
  RESTORE_ACCOUNT
}
