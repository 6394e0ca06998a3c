package dev.latchkey.activation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * An activation key as a parent types it: 24 Crockford base32 characters (120 random bits)
 * and one check character, shown in five groups of five: {@code 7KQ2M-0XH4R-PZ9TB-W3E6N-YD1CJ}.
 *
 * <p>Parsing forgives what people do on a phone: lower case, spaces, dashes, and the letters
 * O, I and L typed for the digits 0, 1 and 1. The check character (Luhn mod 32) catches any
 * single mistyped character before the store is ever asked (S16, K5).
 *
 * <p>A key is a secret: {@code toString} prints a mask and {@code equals} compares in constant
 * time. The plaintext exists only in the message that carries it to the guardian.
 */
public final class ActivationKey {
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int DATA_CHARS = 24;
  private static final int LENGTH = DATA_CHARS + 1;
  private static final int GROUP = 5;

  private final String canonical;

  private ActivationKey(String canonical) {
    this.canonical = canonical;
  }

  /** A fresh key with 120 bits from {@code random}, which must be a {@link SecureRandom}. */
  public static ActivationKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] bits = new byte[DATA_CHARS * 5 / 8];
    random.nextBytes(bits);
    StringBuilder data = new StringBuilder(LENGTH);
    int buffer = 0;
    int count = 0;
    for (byte b : bits) {
      buffer = (buffer << 8) | (b & 0xff);
      count += 8;
      while (count >= 5) {
        data.append(ALPHABET.charAt((buffer >> (count - 5)) & 31));
        count -= 5;
      }
    }
    data.append(ALPHABET.charAt(checkValue(data)));
    return new ActivationKey(data.toString());
  }

  /**
   * Parses a typed key. Empty when it is null, has the wrong length, holds a character outside
   * the alphabet, or fails the check character — all without touching any store.
   */
  public static Optional<ActivationKey> parse(CharSequence typed) {
    if (typed == null || typed.length() > 4 * LENGTH) {
      return Optional.empty();
    }
    StringBuilder canonical = new StringBuilder(LENGTH);
    for (int i = 0; i < typed.length(); i++) {
      char c = Character.toUpperCase(typed.charAt(i));
      switch (c) {
        case ' ', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\t', '\u00a0' -> {
          continue;
        }
        case 'O' -> c = '0';
        case 'I', 'L' -> c = '1';
        default -> { }
      }
      if (ALPHABET.indexOf(c) < 0 || canonical.length() == LENGTH) {
        return Optional.empty();
      }
      canonical.append(c);
    }
    if (canonical.length() != LENGTH) {
      return Optional.empty();
    }
    int check = ALPHABET.indexOf(canonical.charAt(DATA_CHARS));
    if (checkValue(canonical.subSequence(0, DATA_CHARS)) != check) {
      return Optional.empty();
    }
    return Optional.of(new ActivationKey(canonical.toString()));
  }

  /** Luhn mod N over the alphabet: detects every single substitution. */
  static int checkValue(CharSequence data) {
    int n = ALPHABET.length();
    int sum = 0;
    boolean doubleIt = true;
    for (int i = data.length() - 1; i >= 0; i--) {
      int addend = ALPHABET.indexOf(data.charAt(i));
      if (doubleIt) {
        addend *= 2;
      }
      doubleIt = !doubleIt;
      sum += addend / n + addend % n;
    }
    return (n - sum % n) % n;
  }

  /** The key in five dash-separated groups, for the message that carries it. */
  public String display() {
    StringBuilder out = new StringBuilder(LENGTH + LENGTH / GROUP);
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % GROUP == 0) {
        out.append('-');
      }
      out.append(canonical.charAt(i));
    }
    return out.toString();
  }

  /** The 25 characters without separators: what the digest is computed over. */
  public byte[] canonicalBytes() {
    return canonical.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActivationKey other && MessageDigest.isEqual(
        canonical.getBytes(StandardCharsets.US_ASCII),
        other.canonical.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return 0; // deliberately uninformative; keys are not meant for hash maps
  }

  @Override
  public String toString() {
    return "ActivationKey[***]";
  }
}
