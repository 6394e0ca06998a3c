package dev.latchkey.model;

/** Whether an account may sign in at all (a lock is separate: see {@link PortalAccount#isLocked}). */
public enum AccountStatus {
  ACTIVE,
  /** Disabled by the district or by an activation reset; only the helpdesk brings it back. */
  DISABLED,
  /**
   * Suspended by the roster: the SIS disabled or removed the person, the student withdrew or left
   * the eligible grades. The roster brings it back when the SIS does; nothing else does.
   */
  SUSPENDED
}
