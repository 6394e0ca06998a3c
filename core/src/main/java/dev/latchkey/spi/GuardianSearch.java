package dev.latchkey.spi;

import java.util.Objects;

/**
 * One way to find a guardian at the helpdesk.
 *
 * @param kind what {@code text} is
 * @param text the normalised search text: lower-case name part, email key, phone digits, or a
 *     student number
 */
public record GuardianSearch(Kind kind, String text) {
  /** What is being searched. */
  public enum Kind {
    NAME,
    EMAIL,
    PHONE,
    STUDENT_NUMBER
  }

  public GuardianSearch {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }
}
