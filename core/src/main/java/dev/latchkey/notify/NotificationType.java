package dev.latchkey.notify;

/** The messages Latchkey sends. */
public enum NotificationType {
  /** A guardian's activation key; the only message that carries the key. */
  ACTIVATION_KEY,
  /** A login was created with the guardian's key. */
  ACCOUNT_CREATED,
  /** The login names tied to an address. */
  USERNAME_REMINDER,
  /** A password-reset link. */
  PASSWORD_RESET,
  /** The password was changed. */
  PASSWORD_CHANGED,
  /** The account was locked after repeated failures; tells the owner how to reach the helpdesk. */
  ACCOUNT_LOCKED,
  /** A student's initial credentials, sent to the school. */
  STUDENT_CREDENTIALS,
  /** The helpdesk acted on the account; field {@code action} says what (S27). */
  HELPDESK_ACTION
}
