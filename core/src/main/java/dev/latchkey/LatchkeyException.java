package dev.latchkey;

/**
 * The root of Latchkey's infrastructure faults: a store that cannot be reached, a notifier that
 * fails. Expected outcomes (a wrong password, a used key) are never exceptions; they are result
 * values. Messages never contain a secret.
 */
public class LatchkeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LatchkeyException(String message) {
    super(message);
  }

  public LatchkeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
