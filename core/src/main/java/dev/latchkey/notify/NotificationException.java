package dev.latchkey.notify;

import dev.latchkey.LatchkeyException;

/** A notification could not be delivered. Its message never holds the notification's secret. */
public class NotificationException extends LatchkeyException {
  private static final long serialVersionUID = 1L;
  private final boolean permanent;

  public NotificationException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private NotificationException(String message, Throwable cause, boolean permanent) {
    super(message, cause);
    this.permanent = permanent;
  }

  /** A failure that retrying cannot fix, such as an address the mail server rejects. */
  public static NotificationException permanent(String message, Throwable cause) {
    return new NotificationException(message, cause, true);
  }

  /** True when retrying cannot help: the message is parked at once. */
  public boolean isPermanent() {
    return permanent;
  }
}
