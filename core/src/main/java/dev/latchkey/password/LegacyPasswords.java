package dev.latchkey.password;

import java.nio.charset.StandardCharsets;

/**
 * How a candidate password is presented to a legacy scheme: exactly as typed, as UTF-8, with no
 * Unicode normalisation — the bytes Keycloak, Spring Security, htpasswd and PHP hashed. (S4's
 * one normalisation applies to the hashes Latchkey writes; a legacy hash was written without
 * it, and once it verifies it is replaced by an Argon2id hash of the normalised password.)
 */
final class LegacyPasswords {

  private LegacyPasswords() {
  }

  /** False when the text has an unpaired surrogate, which has no UTF-8 form. */
  static boolean wellFormed(CharSequence password) {
    int length = password.length();
    for (int i = 0; i < length; i++) {
      char c = password.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(password.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * UTF-8 of the password as typed; an unpaired surrogate becomes '?', as in the JDK — callers
   * refuse such passwords with {@link #wellFormed} after doing the same work.
   */
  static byte[] utf8(CharSequence password) {
    return password.toString().getBytes(StandardCharsets.UTF_8);
  }
}
