package dev.latchkey.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address of record. Exactly one address: lists, separators, quotes, angle brackets,
 * whitespace and control characters are rejected (S23), so a request can never smuggle in a
 * second recipient. Two addresses are equal when their {@link #key() keys} are equal: NFKC,
 * lower case (S36).
 */
public final class EmailAddress {
  private static final Pattern SHAPE =
      Pattern.compile("[^@\\s,;:<>()\\[\\]\"'\\\\]{1,64}@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

  private final String value;
  private final String key;

  private EmailAddress(String value) {
    this.value = value;
    this.key = value.toLowerCase(Locale.ROOT);
  }

  /** Parses an address; throws {@link IllegalArgumentException} when it is not exactly one address. */
  public static EmailAddress of(String value) {
    return parse(value)
        .orElseThrow(() -> new IllegalArgumentException("not a single email address"));
  }

  /** Parses an address, or empty when it is null, blank or not exactly one address. */
  public static Optional<EmailAddress> parse(String value) {
    if (value == null || value.length() > 254) {
      return Optional.empty();
    }
    String normalised = Normalizer.normalize(value.strip(), Normalizer.Form.NFKC);
    if (normalised.length() > 254 || !SHAPE.matcher(normalised).matches()) {
      return Optional.empty();
    }
    for (int i = 0; i < normalised.length(); i++) {
      char c = normalised.charAt(i);
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        return Optional.empty();
      }
    }
    return Optional.of(new EmailAddress(normalised));
  }

  /** The address as given (NFKC-normalised, trimmed). */
  public String value() {
    return value;
  }

  /** The case-insensitive form used for lookups and uniqueness; shared with login names (S36). */
  public String key() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmailAddress other && key.equals(other.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key);
  }

  @Override
  public String toString() {
    return value;
  }
}
