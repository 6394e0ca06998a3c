package dev.latchkey.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stored password hash in PHC string form, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$…$…}.
 *
 * <p>This is the value a store persists and hands back; it is opaque to everything except a
 * {@link PasswordHasher}. The record does not validate the format — a stored value may be empty,
 * truncated or from another scheme, and {@link PasswordHasher#verify} is where such values fail
 * closed (S7). {@link #toString()} never shows the value (S32) and {@link #equals(Object)}
 * compares in constant time. Immutable and thread-safe.
 *
 * @param encoded the PHC string exactly as stored; never {@code null}, possibly empty
 */
public record PasswordHash(String encoded) {

  /**
   * Wraps a stored PHC string.
   *
   * @param encoded the PHC string exactly as stored
   * @throws NullPointerException if {@code encoded} is {@code null}
   */
  public PasswordHash {
    Objects.requireNonNull(encoded, "encoded");
  }

  /**
   * Compares the encoded strings in time independent of where they differ, because a hash
   * compared with {@code String.equals} leaks its prefix through timing.
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PasswordHash
        && MessageDigest.isEqual(
            encoded.getBytes(StandardCharsets.UTF_8),
            ((PasswordHash) other).encoded.getBytes(StandardCharsets.UTF_8));
  }

  /** Consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  /** Returns {@code "PasswordHash[***]"}: the value is never printed, logged or put into messages. */
  @Override
  public String toString() {
    return "PasswordHash[***]";
  }
}
