package dev.latchkey.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A login name: 3 to 64 characters after NFKC normalisation, made of letters, digits and
 * {@code . _ - @}, starting with a letter or digit. Names compare case-insensitively through
 * {@link #key()}, the same form {@link EmailAddress#key()} uses, so a login name and an email
 * share one namespace (S36).
 */
public final class LoginName {
  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 64;

  private final String value;
  private final String key;

  private LoginName(String value) {
    this.value = value;
    this.key = keyOf(value);
  }

  /** Parses a login name; throws {@link IllegalArgumentException} when it breaks the rules. */
  public static LoginName of(String value) {
    return parse(value).orElseThrow(() -> new IllegalArgumentException(
        "login name must be 3-64 letters, digits or . _ - @, starting with a letter or digit"));
  }

  /** Parses a login name, or empty when it is null or breaks the rules. */
  public static Optional<LoginName> parse(String value) {
    if (value == null || value.length() > MAX_LENGTH * 4) {
      return Optional.empty();
    }
    String normalised = Normalizer.normalize(value.strip(), Normalizer.Form.NFKC);
    int length = normalised.codePointCount(0, normalised.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return Optional.empty();
    }
    int first = normalised.codePointAt(0);
    if (!Character.isLetterOrDigit(first)) {
      return Optional.empty();
    }
    boolean ok = normalised.codePoints().allMatch(c ->
        Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '@');
    return ok ? Optional.of(new LoginName(normalised)) : Optional.empty();
  }

  /** The lookup key for any string a user might type as a login name or email. */
  public static String keyOf(String typed) {
    return Normalizer.normalize(typed.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /** The name as chosen (NFKC-normalised), for display. */
  public String value() {
    return value;
  }

  /** The case-insensitive form used for lookups and uniqueness. */
  public String key() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoginName other && key.equals(other.key);
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
