package dev.latchkey.activation;

/**
 * The answer to a self-service "I lost my key email" request. {@link #ACCEPTED} is the same
 * whether or not the address belongs to a guardian, and whether or not a key was sent (S13,
 * S24): the page says "if that address is on file, a new key is on its way".
 */
public enum ResendResult {
  ACCEPTED,
  /** The text is not exactly one email address (lists and separators are refused, S23). */
  INVALID_EMAIL,
  /** Too many requests from this source; try later. */
  THROTTLED
}
