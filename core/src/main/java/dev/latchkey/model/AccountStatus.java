package dev.latchkey.model;

/** Whether an account may sign in at all (a lock is separate: see {@link PortalAccount#isLocked}). */
public enum AccountStatus {
  ACTIVE,
  /** Disabled by the district or by an activation reset; only the helpdesk brings it back. */
  DISABLED
}
