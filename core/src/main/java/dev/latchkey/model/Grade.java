package dev.latchkey.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A grade level: pre-kindergarten, kindergarten, 1 to 12, or ungraded. */
public enum Grade {
  PK, K, G1, G2, G3, G4, G5, G6, G7, G8, G9, G10, G11, G12,
  /** Ungraded (OneRoster/CEDS {@code UG} or {@code US}): in no grade band. */
  UG;

  private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth",
      "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"};
  private static final Map<String, Grade> WORDS = Map.ofEntries(
      Map.entry("PK", PK), Map.entry("PREK", PK), Map.entry("PREKINDERGARTEN", PK),
      Map.entry("PRE-KINDERGARTEN", PK), Map.entry("PR", PK), Map.entry("PS", PK),
      Map.entry("PRESCHOOL", PK), Map.entry("IT", PK), Map.entry("INFANT/TODDLER", PK),
      Map.entry("K", K), Map.entry("KG", K), Map.entry("KINDERGARTEN", K), Map.entry("TK", K),
      Map.entry("TRANSITIONAL KINDERGARTEN", K),
      Map.entry("UG", UG), Map.entry("US", UG), Map.entry("UNGRADED", UG));

  /** The numeric level: PK is -1, K is 0, G1..G12 are 1..12, and UG -2 (below every grade). */
  public int level() {
    return this == UG ? -2 : ordinal() - 1;
  }

  /** The grade of this numeric level (-1 PK, 0 K, 1..12), or empty. */
  public static Optional<Grade> ofLevel(int level) {
    return level < -1 || level > 12 ? Optional.empty() : Optional.of(values()[level + 1]);
  }

  /** The grade after a year-end promotion: PK to K, K to 1, ... 12 and ungraded stay. */
  public Grade promoted() {
    return this == UG || this == G12 ? this : values()[ordinal() + 1];
  }

  /**
   * Parses the forms SIS exports use: {@code PK}, {@code K}/{@code KG}/{@code TK}, {@code 1} to
   * {@code 12} with or without a leading zero, {@code G6}/{@code Grade 6}, the Ed-Fi words
   * ({@code Sixth grade}, {@code Kindergarten}, {@code Prekindergarten}, {@code Ungraded}) and the
   * CEDS codes ({@code IT}, {@code PR}, {@code PS}, {@code UG}, {@code US}); empty for anything
   * else (grade 13, postsecondary, other).
   */
  public static Optional<Grade> parse(String value) {
    if (value == null || value.length() > 40) {
      return Optional.empty();
    }
    String v = value.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    Grade word = WORDS.get(v);
    if (word != null) {
      return Optional.of(word);
    }
    String number = v.startsWith("GRADE ") ? v.substring(6) : v.startsWith("G") ? v.substring(1) : v;
    if (number.matches("0?[1-9]|1[0-2]")) {
      return ofLevel(Integer.parseInt(number));
    }
    String lower = v.toLowerCase(Locale.ROOT);
    for (int i = 0; i < ORDINALS.length; i++) {
      if (lower.equals(ORDINALS[i] + " grade")) {
        return ofLevel(i + 1);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return this == UG || level() <= 0 ? name() : Integer.toString(level());
  }
}
