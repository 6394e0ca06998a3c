package dev.latchkey.notify;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A notification's idempotency id. A message delivered twice (at-least-once delivery) carries
 * the same id both times, so a mail gateway or host can drop the duplicate.
 */
public record NotificationId(String value) {
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");

  public NotificationId {
    Objects.requireNonNull(value, "value");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("notification id must be 32 lower-case hex digits");
    }
  }

  /** A fresh random id (128 bits). */
  public static NotificationId random(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new NotificationId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public String toString() {
    return value;
  }
}
