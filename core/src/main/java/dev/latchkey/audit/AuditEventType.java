package dev.latchkey.audit;

/** The security events Latchkey audits. */
public enum AuditEventType {
  KEY_ISSUED,
  KEY_REDEEMED,
  KEY_REDEMPTION_REJECTED,
  ACTIVATION_RESET,
  SIGNED_IN,
  SIGN_IN_FAILED,
  ACCOUNT_LOCKED,
  ACCOUNT_UNLOCKED,
  PASSWORD_CHANGED,
  PASSWORD_CHANGE_REJECTED,
  NOTIFICATION_PARKED,
  USERNAME_REMINDER_REQUESTED,
  PASSWORD_RESET_REQUESTED,
  PASSWORD_RESET,
  CALLER_VERIFIED,
  CALLER_NOT_VERIFIED,
  /** A privileged helpdesk action; details carry {@code action} and {@code reason}. */
  HELPDESK_ACTION
}
