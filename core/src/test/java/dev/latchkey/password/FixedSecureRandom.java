package dev.latchkey.password;

import java.security.SecureRandom;
import java.util.Arrays;

/** A SecureRandom that fills every request with one byte, so salts and PHC strings are predictable in tests. */
final class FixedSecureRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte fill;

  FixedSecureRandom(int fill) {
    this.fill = (byte) fill;
  }

  @Override
  public void nextBytes(byte[] bytes) {
    Arrays.fill(bytes, fill);
  }
}
