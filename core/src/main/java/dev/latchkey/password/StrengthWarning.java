package dev.latchkey.password;

/**
 * The main problem {@link StrengthEstimator} found in a password, at most one per estimate.
 *
 * <p>The constant names are stable codes: a host that shows the feedback in another language
 * switches on them (or uses {@code name()} as a message key). Names never change meaning;
 * new constants may be added. {@link #message()} is the English text, written for a parent
 * choosing a password.
 */
public enum StrengthWarning {
  /** Nothing in particular is wrong, or the password is already strong. */
  NONE(""),
  /** The whole password is one of the ten most common. */
  TOP_10_PASSWORD("This is one of the ten most common passwords."),
  /** The whole password is one of the hundred most common. */
  TOP_100_PASSWORD("This is one of the hundred most common passwords."),
  /** The whole password is a very common one. */
  COMMON_PASSWORD("This is a very common password."),
  /** A common password, slightly disguised (capitals, symbols for letters, reversed). */
  SIMILAR_TO_COMMON_PASSWORD("This is very like a common password."),
  /** A single dictionary word and nothing else. */
  WORD_BY_ITSELF("A single word on its own is easy to guess."),
  /** A single first name or surname and nothing else. */
  NAME_BY_ITSELF("A name on its own is easy to guess."),
  /** Mostly a common first name or surname. */
  COMMON_NAMES("Common first names and surnames are easy to guess."),
  /** Contains a context word: a family name, the login, the school, the district, the mascot. */
  PERSONAL_INFORMATION(
      "It contains something people know about you, such as a name, your login or your school."),
  /** Mostly a straight row of keys. */
  STRAIGHT_ROW_OF_KEYS("A straight row of keys, like qwerty, is easy to guess."),
  /** Mostly a short walk over neighbouring keys. */
  SHORT_KEYBOARD_PATTERN("A short pattern of keys that are next to each other is easy to guess."),
  /** Mostly one character repeated. */
  REPEATED_CHARACTER("Repeated characters like aaa are easy to guess."),
  /** Mostly a repeated group of characters. */
  REPEATED_PATTERN("Repeating something like abc, as in abcabcabc, makes it barely harder to guess."),
  /** Mostly a sequence such as abcd or 9876. */
  SEQUENCE("Sequences like abc or 6543 are easy to guess."),
  /** Mostly a recent year. */
  RECENT_YEAR("Recent years are easy to guess."),
  /** Mostly a date. */
  DATE("Dates are easy to guess.");

  private final String message;

  StrengthWarning(String message) {
    this.message = message;
  }

  /**
   * The warning in plain English, one sentence; empty for {@link #NONE}.
   *
   * @return the English text
   */
  public String message() {
    return message;
  }
}
