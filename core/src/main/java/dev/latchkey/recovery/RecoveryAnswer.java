package dev.latchkey.recovery;

/**
 * The answer to a forgot-username or forgot-password request. {@link #ACCEPTED} is the same
 * whether or not anything matched or was sent: the page says "if that is on file, we have sent
 * an email" (S13).
 */
public enum RecoveryAnswer {
  ACCEPTED,
  /** Not an email address or login name at all (lists and separators are refused, S23). */
  INVALID_INPUT,
  /** Too many requests from this source; try later. */
  THROTTLED
}
