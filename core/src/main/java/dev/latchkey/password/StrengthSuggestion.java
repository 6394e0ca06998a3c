package dev.latchkey.password;

/**
 * Advice {@link StrengthEstimator} gives with a weak password, a few per estimate.
 *
 * <p>The constant names are stable codes: a host that shows the feedback in another language
 * switches on them (or uses {@code name()} as a message key). Names never change meaning;
 * new constants may be added. {@link #message()} is the English text, written for a parent
 * choosing a password.
 */
public enum StrengthSuggestion {
  /** For an empty field: how to build a good password. */
  USE_A_FEW_WORDS("Use two or three words together, and avoid common phrases."),
  /** For an empty field: composition rules are not needed. */
  NO_NEED_FOR_SYMBOLS("You don't need symbols, digits or capital letters."),
  /** The usual remedy for a weak password. */
  ADD_ANOTHER_WORD("Add another word or two. Unusual words are better."),
  /** A capital first letter was counted as nearly no help. */
  CAPITALS_DONT_HELP("A capital first letter doesn't help much."),
  /** All capitals were counted as nearly no help. */
  ALL_CAPITALS_DONT_HELP("All capitals are almost as easy to guess as all small letters."),
  /** A word spelled backwards was recognised. */
  REVERSED_WORDS_DONT_HELP("Words spelled backwards are not much harder to guess."),
  /** Symbols standing for letters were recognised. */
  SUBSTITUTIONS_DONT_HELP("Predictable swaps like @ for a or 0 for o don't help much."),
  /** A keyboard walk was recognised. */
  LONGER_KEYBOARD_PATTERN("Avoid keyboard patterns, or use a longer one with more turns."),
  /** Repeated characters or words were recognised. */
  AVOID_REPEATS("Avoid repeated words and characters."),
  /** A sequence was recognised. */
  AVOID_SEQUENCES("Avoid sequences like 1234 or abcd."),
  /** A recent year was recognised. */
  AVOID_RECENT_YEARS("Avoid recent years."),
  /** A year was recognised; years that mean something to the family are guessed first. */
  AVOID_PERSONAL_YEARS("Avoid years that mean something to you, like a birth year."),
  /** A date was recognised. */
  AVOID_DATES("Avoid dates that mean something to you, like birthdays."),
  /** A context word was recognised. */
  AVOID_PERSONAL_INFORMATION(
      "Leave out names, your login, your school and other things people know about you.");

  private final String message;

  StrengthSuggestion(String message) {
    this.message = message;
  }

  /**
   * The suggestion in plain English, one sentence.
   *
   * @return the English text
   */
  public String message() {
    return message;
  }
}
