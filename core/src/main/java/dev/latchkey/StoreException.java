package dev.latchkey;

/**
 * The store failed: unreachable, timed out, or refused an operation for a reason the caller
 * cannot fix. {@link #isRetryable()} says whether the same call may succeed later (a lock
 * timeout, a serialization failure) — nothing was changed either way.
 */
public class StoreException extends LatchkeyException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public StoreException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
