package dev.latchkey.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the value types; messages name the field, never its value when it may be secret. */
public final class Checks {
  /** The OneRoster GUID character set: what an id from a SIS may hold. */
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z._/@-]{1,255}");

  private Checks() {}

  public static String id(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " must be 1-255 characters of 0-9 a-z A-Z . - _ / @");
    }
    return value;
  }

  public static String text(String value, String name, int max) {
    Objects.requireNonNull(value, name);
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > max) {
      throw new IllegalArgumentException(name + " must be at most " + max + " characters");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      if (Character.isISOControl(trimmed.charAt(i))) {
        throw new IllegalArgumentException(name + " must not contain control characters");
      }
    }
    return trimmed;
  }
}
