package dev.latchkey.password;

import java.util.Collection;

/**
 * A set of passwords too common to allow, compared whole (S3).
 *
 * <p>{@link PasswordPolicy} asks with the password already normalised (NFKC) and lower-cased
 * with {@link java.util.Locale#ROOT}, and again with surrounding whitespace stripped, so an
 * implementation only needs an exact lookup of entries stored in that same form. Implementations
 * must be thread-safe; the ones returned here are immutable.
 */
public interface Blocklist {

  /**
   * Tells whether a password is on the list.
   *
   * @param normalisedLowerCase the password after NFKC and {@code toLowerCase(Locale.ROOT)}
   * @return {@code true} if it must be rejected as {@link PasswordRejection#BLOCKLISTED}
   */
  boolean contains(String normalisedLowerCase);

  /**
   * A blocklist of the given words, each normalised, lower-cased and stripped of surrounding
   * whitespace the way {@link PasswordPolicy} looks them up; {@code null} and blank entries are
   * ignored. The collection is copied.
   *
   * @param words the passwords to refuse, e.g. a breach corpus or the district's own list
   * @return an immutable blocklist
   * @throws NullPointerException if {@code words} is {@code null}
   */
  static Blocklist of(Collection<String> words) {
    return Blocklists.of(words);
  }

  /**
   * The built-in list of very common passwords, read once, on first use, from the resource
   * {@code dev/latchkey/password/common-passwords.txt}; every policy includes it.
   *
   * @return the shared immutable built-in list
   * @throws ExceptionInInitializerError if the resource is missing or unreadable (a packaging
   *     bug, not a runtime condition)
   */
  static Blocklist builtIn() {
    return Blocklists.builtIn();
  }

  /**
   * A blocklist containing nothing.
   *
   * @return the empty blocklist
   */
  static Blocklist none() {
    return Blocklists.NONE;
  }
}
