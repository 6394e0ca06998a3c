package dev.latchkey.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (an activation key, a reset token, an initial password) on its way to the one
 * message meant to carry it. {@code toString} prints a mask; {@link #reveal()} is the only way
 * to read it, so a stray log statement or string concatenation never leaks it.
 */
public final class SecretText {
  private final String value;

  private SecretText(String value) {
    this.value = value;
  }

  public static SecretText of(String value) {
    return new SecretText(Objects.requireNonNull(value, "value"));
  }

  /** The secret itself. Call it only where the secret is meant to go: the outgoing message. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretText other && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // deliberately uninformative
  }

  @Override
  public String toString() {
    return "***";
  }
}
