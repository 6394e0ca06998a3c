package dev.latchkey.model;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The HMAC-SHA256 digest of an activation key or reset token under the server's secret: what a
 * store keeps instead of the secret (S17). Useless without the server secret, but still never
 * printed in full.
 *
 * @param hex 64 lower-case hex digits
 */
public record TokenDigest(String hex) {
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

  public TokenDigest {
    Objects.requireNonNull(hex, "hex");
    if (!SHAPE.matcher(hex).matches()) {
      throw new IllegalArgumentException("digest must be 64 lower-case hex digits");
    }
  }

  public static TokenDigest of(byte[] digest) {
    return new TokenDigest(HexFormat.of().formatHex(digest));
  }

  @Override
  public String toString() {
    return "TokenDigest[" + hex.substring(0, 6) + "…]";
  }
}
