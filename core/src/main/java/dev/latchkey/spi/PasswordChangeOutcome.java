package dev.latchkey.spi;

/** What {@link AccountStore#changePassword} did. */
public enum PasswordChangeOutcome {
  CHANGED,
  /** The credential version moved since it was read: another change won; nothing changed. */
  STALE,
  UNKNOWN_ACCOUNT
}
