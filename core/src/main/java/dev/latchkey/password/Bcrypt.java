package dev.latchkey.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;

/**
 * An imported bcrypt hash in its modular crypt form, {@code $2b$10$<22 salt chars><31 hash
 * chars>}, as OpenBSD, PHP ({@code $2y$}), Apache {@code htpasswd -B} ({@code $2y$}) and Spring
 * Security ({@code $2a$}) write it. Only {@code $2a$}, {@code $2b$} and {@code $2y$} are read:
 * {@code $2$} and {@code $2x$} are the variants with known bugs, and failing closed on them is
 * the only safe answer (S7).
 *
 * <p><strong>The 72-byte rule (S6, Spring CVE-2025-22228).</strong> bcrypt reads at most 72
 * bytes of its input, and most implementations, BouncyCastle's included, silently drop the
 * rest. So a candidate longer than 72 bytes of UTF-8 — bytes, not characters: 40 {@code é} are
 * 80 bytes — never verifies, even when its first 72 bytes are the password. The work is done
 * all the same, so a long candidate costs what any attempt costs.
 */
final class Bcrypt {

  static final int MAX_PASSWORD_BYTES = 72;
  static final int MIN_COST = 4;
  /**
   * 2^16 rounds take seconds; real exports use 10–14. A higher cost fails closed rather than
   * letting one stored value tie up a sign-in thread for minutes.
   */
  static final int MAX_COST = 16;

  private static final int ENCODED_LENGTH = 60;
  private static final int SALT_START = 7;
  private static final int HASH_START = 29;
  private static final int SALT_BYTES = 16;
  private static final String ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final String version;
  private final int cost;
  private final byte[] salt;
  private final byte[] hash;

  private Bcrypt(String version, int cost, byte[] salt, byte[] hash) {
    this.version = version;
    this.cost = cost;
    this.salt = salt;
    this.hash = hash;
  }

  /** Returns the parsed hash, or {@code null} for anything but a well-formed 2a/2b/2y hash. */
  static @Nullable Bcrypt parse(String encoded) {
    if (encoded.length() != ENCODED_LENGTH
        || !(encoded.startsWith("$2a$") || encoded.startsWith("$2b$")
            || encoded.startsWith("$2y$"))
        || encoded.charAt(6) != '$') {
      return null;
    }
    char tens = encoded.charAt(4);
    char units = encoded.charAt(5);
    if (tens < '0' || tens > '9' || units < '0' || units > '9') {
      return null;
    }
    int cost = (tens - '0') * 10 + (units - '0');
    if (cost < MIN_COST || cost > MAX_COST) {
      return null;
    }
    for (int i = SALT_START; i < ENCODED_LENGTH; i++) {
      if (ALPHABET.indexOf(encoded.charAt(i)) < 0) {
        return null;
      }
    }
    return new Bcrypt(encoded.substring(1, 3), cost,
        decodeSalt(encoded.substring(SALT_START, HASH_START)),
        encoded.substring(HASH_START).getBytes(StandardCharsets.US_ASCII));
  }

  /** Recomputes with the stored version, cost and salt and compares the hash part in constant time. */
  boolean matches(CharSequence password) {
    byte[] bytes = LegacyPasswords.utf8(password);
    boolean acceptable = bytes.length <= MAX_PASSWORD_BYTES & LegacyPasswords.wellFormed(password);
    try {
      String computed = OpenBSDBCrypt.generate(version, bytes, salt, cost);
      byte[] actual = computed.substring(HASH_START).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(actual, hash) & acceptable;
    } catch (RuntimeException e) {
      return false; // the parser admits only what BouncyCastle accepts; if it still refuses, fail closed
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * bcrypt's own base64 (alphabet {@code ./A-Za-z0-9}, no padding): 22 characters carry the 16
   * salt bytes; the last character's four spare bits are ignored, as OpenBSD does.
   */
  private static byte[] decodeSalt(String text) {
    byte[] out = new byte[SALT_BYTES];
    int in = 0;
    int at = 0;
    while (true) {
      int c1 = ALPHABET.indexOf(text.charAt(in++));
      int c2 = ALPHABET.indexOf(text.charAt(in++));
      out[at++] = (byte) ((c1 << 2) | ((c2 & 0x30) >> 4));
      if (at == SALT_BYTES) {
        return out;
      }
      int c3 = ALPHABET.indexOf(text.charAt(in++));
      out[at++] = (byte) (((c2 & 0x0f) << 4) | ((c3 & 0x3c) >> 2));
      int c4 = ALPHABET.indexOf(text.charAt(in++));
      out[at++] = (byte) (((c3 & 0x03) << 6) | c4);
    }
  }
}
