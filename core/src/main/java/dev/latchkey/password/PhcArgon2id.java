package dev.latchkey.password;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The PHC string form of an Argon2id hash, {@code $argon2id$v=19$m=M,t=T,p=P$SALT$TAG}, as the
 * reference {@code argon2} CLI prints it (standard base64 alphabet, no padding).
 *
 * <p>Parsing is strict on purpose: a stored value that is not exactly this shape is not ours to
 * guess at, and failing closed is cheaper than recomputing from doubtful input (S7).
 */
final class PhcArgon2id {

  static final int VERSION = 0x13;

  private static final String PREFIX = "$argon2id$v=19$";
  private static final int MIN_SALT_BYTES = 8;
  private static final int MAX_SALT_BYTES = 64;
  private static final int MIN_TAG_BYTES = 16;
  private static final int MAX_TAG_BYTES = 64;
  /** Longest legal string is well under this; anything longer is rejected before splitting. */
  private static final int MAX_ENCODED_CHARS = 256;
  /** Ten digits hold every in-range value and stop {@code long} overflow. */
  private static final int MAX_DIGITS = 10;

  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private final Argon2Parameters parameters;
  private final byte[] salt;
  private final byte[] tag;

  private PhcArgon2id(Argon2Parameters parameters, byte[] salt, byte[] tag) {
    this.parameters = parameters;
    this.salt = salt;
    this.tag = tag;
  }

  Argon2Parameters parameters() {
    return parameters;
  }

  /** The decoded salt; callers own the returned copy. */
  byte[] salt() {
    return salt.clone();
  }

  /** The decoded tag; callers own the returned copy. */
  byte[] tag() {
    return tag.clone();
  }

  int saltLength() {
    return salt.length;
  }

  int tagLength() {
    return tag.length;
  }

  /** Standard base64 without padding: the PHC spelling of salts and tags. */
  static String encodeBase64(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  static String format(Argon2Parameters parameters, byte[] salt, byte[] tag) {
    return PREFIX
        + "m=" + parameters.memoryKiB()
        + ",t=" + parameters.iterations()
        + ",p=" + parameters.parallelism()
        + '$' + ENCODER.encodeToString(salt)
        + '$' + ENCODER.encodeToString(tag);
  }

  /** Returns the parsed hash, or {@code null} for anything that is not a hash we will recompute. */
  static @Nullable PhcArgon2id parse(String encoded) {
    if (encoded.length() > MAX_ENCODED_CHARS || !encoded.startsWith(PREFIX)) {
      return null;
    }
    String[] fields = encoded.substring(PREFIX.length()).split("\\$", -1);
    if (fields.length != 3) {
      return null;
    }
    String[] params = fields[0].split(",", -1);
    if (params.length != 3) {
      return null;
    }
    long memory = number(params[0], "m=");
    long iterations = number(params[1], "t=");
    long parallelism = number(params[2], "p=");
    if (!Argon2Parameters.withinLimits(memory, iterations, parallelism)) {
      return null;
    }
    byte[] salt = base64(fields[1]);
    byte[] tag = base64(fields[2]);
    if (salt == null || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES
        || tag == null || tag.length < MIN_TAG_BYTES || tag.length > MAX_TAG_BYTES) {
      return null;
    }
    return new PhcArgon2id(
        new Argon2Parameters((int) memory, (int) iterations, (int) parallelism), salt, tag);
  }

  /**
   * A PHC decimal: ASCII digits, no sign, no leading zero; -1 when it is not one. Shared with
   * {@link Pbkdf2Hash}, so every stored form Latchkey reads spells numbers one way.
   */
  static long number(String field, String key) {
    if (!field.startsWith(key)) {
      return -1;
    }
    String digits = field.substring(key.length());
    int length = digits.length();
    if (length == 0 || length > MAX_DIGITS || (length > 1 && digits.charAt(0) == '0')) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Decodes unpadded standard base64, or returns {@code null}. The re-encoding check rejects
   * non-canonical trailing bits, so every hash has exactly one accepted spelling. Shared with
   * {@link Pbkdf2Hash}.
   */
  static byte @Nullable [] base64(String text) {
    if (text.isEmpty() || text.length() % 4 == 1) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/';
      if (!alphabet) {
        return null;
      }
    }
    byte[] decoded;
    try {
      decoded = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return ENCODER.encodeToString(decoded).equals(text) ? decoded : null;
  }
}
