package dev.latchkey.model;

import java.util.Locale;
import java.util.Optional;

/** A grade level: pre-kindergarten, kindergarten, then 1 to 12. */
public enum Grade {
  PK, K, G1, G2, G3, G4, G5, G6, G7, G8, G9, G10, G11, G12;

  /** The numeric level: PK is -1, K is 0, G1..G12 are 1..12. */
  public int level() {
    return ordinal() - 1;
  }

  /** Parses "PK", "K"/"KG", "1".."12" and "01".."12"; empty for anything else. */
  public static Optional<Grade> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip().toUpperCase(Locale.ROOT);
    switch (v) {
      case "PK":
        return Optional.of(PK);
      case "K":
      case "KG":
        return Optional.of(K);
      default:
        if (v.matches("0?[1-9]|1[0-2]")) {
          return Optional.of(values()[Integer.parseInt(v) + 1]);
        }
        return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return level() <= 0 ? name() : Integer.toString(level());
  }
}
