package dev.latchkey.password;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The form Latchkey stores an imported PBKDF2 hash in, modelled on the PHC string format:
 * {@code $pbkdf2-sha256$i=310000,l=32$SALT$HASH}, where {@code i} is the iteration count,
 * {@code l} the length of the derived key in bytes, and salt and hash are standard base64
 * without padding. Unlike the export formats it comes from, it names everything needed to
 * verify, so a stored value needs no side configuration.
 *
 * <p>Verification derives the key with the JDK's {@code PBKDF2WithHmac*} — the very function
 * Keycloak and Spring Security call — from the password exactly as typed (UTF-8, no
 * normalisation, since neither system normalised), and compares in constant time.
 *
 * <p>Parsing is as strict as {@link PhcArgon2id}'s: one spelling per hash, bounded costs (S7).
 */
final class Pbkdf2Hash {

  /** Ten million iterations take seconds; no exporter writes more, and a tampered row must not. */
  static final int MAX_ITERATIONS = 10_000_000;
  static final int MIN_SALT_BYTES = 1;
  static final int MAX_SALT_BYTES = 256;
  /** Below 128 bits the hash is too short to be worth importing; Spring and Keycloak write 32–128 bytes. */
  static final int MIN_HASH_BYTES = 16;
  static final int MAX_HASH_BYTES = 128;
  /** The longest legal string is about 560 characters. */
  private static final int MAX_ENCODED_CHARS = 640;

  private final Pbkdf2Digest digest;
  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private Pbkdf2Hash(Pbkdf2Digest digest, int iterations, byte[] salt, byte[] hash) {
    this.digest = digest;
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** True when the values are within the limits {@link #parse} accepts. */
  static boolean withinLimits(long iterations, int saltLength, int hashLength) {
    return iterations >= 1 && iterations <= MAX_ITERATIONS
        && saltLength >= MIN_SALT_BYTES && saltLength <= MAX_SALT_BYTES
        && hashLength >= MIN_HASH_BYTES && hashLength <= MAX_HASH_BYTES;
  }

  /** The stored form; the caller has checked {@link #withinLimits}. */
  static String format(Pbkdf2Digest digest, int iterations, byte[] salt, byte[] hash) {
    return '$' + digest.phcId()
        + "$i=" + iterations
        + ",l=" + hash.length
        + '$' + PhcArgon2id.encodeBase64(salt)
        + '$' + PhcArgon2id.encodeBase64(hash);
  }

  /** Returns the parsed hash, or {@code null} for anything that is not exactly our form. */
  static @Nullable Pbkdf2Hash parse(String encoded) {
    if (encoded.length() > MAX_ENCODED_CHARS) {
      return null;
    }
    Pbkdf2Digest digest = null;
    for (Pbkdf2Digest candidate : Pbkdf2Digest.values()) {
      if (encoded.startsWith('$' + candidate.phcId() + '$')) {
        digest = candidate;
      }
    }
    if (digest == null) {
      return null;
    }
    String[] fields = encoded.substring(digest.phcId().length() + 2).split("\\$", -1);
    if (fields.length != 3) {
      return null;
    }
    String[] params = fields[0].split(",", -1);
    if (params.length != 2) {
      return null;
    }
    long iterations = PhcArgon2id.number(params[0], "i=");
    long length = PhcArgon2id.number(params[1], "l=");
    byte[] salt = PhcArgon2id.base64(fields[1]);
    byte[] hash = PhcArgon2id.base64(fields[2]);
    if (salt == null || hash == null || length != hash.length
        || !withinLimits(iterations, salt.length, hash.length)) {
      return null;
    }
    return new Pbkdf2Hash(digest, (int) iterations, salt, hash);
  }

  /**
   * Derives the key from {@code password} and compares it with the stored one in constant time.
   * A password with an unpaired surrogate (no UTF-8 form; the JDK would hash a '?' in its
   * place) is computed all the same, so it costs what any attempt costs, and then refused.
   */
  boolean matches(CharSequence password) {
    char[] chars = new char[password.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = password.charAt(i);
    }
    boolean wellFormed = LegacyPasswords.wellFormed(password);
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, hash.length * 8);
    try {
      byte[] actual = SecretKeyFactory.getInstance(digest.jcaName()).generateSecret(spec)
          .getEncoded();
      return MessageDigest.isEqual(actual, hash) & wellFormed;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // a JDK without the algorithm: fail closed
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}
