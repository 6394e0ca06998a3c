package dev.latchkey.password;

import org.jspecify.annotations.Nullable;

/**
 * Hashes new passwords and verifies candidates against stored hashes.
 *
 * <p>Implementations normalise every password with {@link PasswordPolicy#normalise(CharSequence)}
 * (Unicode NFKC) themselves, on both {@link #hash} and {@link #verify}, so a password set in one
 * form verifies in any canonically or compatibly equivalent form and callers cannot forget a step
 * (S4). Case is preserved: a case change does not verify.
 *
 * <p>Stored hashes are untrusted input: {@link #verify} and {@link #needsRehash} never throw for
 * a bad stored value and {@code verify} fails closed (S7). Neither the password nor the hash ever
 * appears in an exception message or log line (S32).
 *
 * <p>Implementations are immutable and safe to share between threads.
 */
public interface PasswordHasher {

  /**
   * Hashes {@code password} with a fresh random salt at this hasher's current parameters.
   *
   * <p>The password is not checked against any policy; run {@link PasswordPolicy#check} first.
   *
   * @param password the new password, in any Unicode normalisation form
   * @return a self-describing hash that {@link #verify} accepts for the same password
   * @throws NullPointerException if {@code password} is {@code null}
   */
  PasswordHash hash(CharSequence password);

  /**
   * Tells whether {@code password} matches {@code stored}, recomputing with the parameters
   * recorded in {@code stored} and comparing in constant time.
   *
   * @param password the candidate, in any Unicode normalisation form
   * @param stored the stored hash; {@code null}, empty, malformed, unknown-scheme or
   *     absurd-parameter values are answered with {@code false}, never an exception
   * @return {@code true} only if {@code stored} is a well-formed hash of {@code password}
   * @throws NullPointerException if {@code password} is {@code null}
   */
  boolean verify(CharSequence password, @Nullable PasswordHash stored);

  /**
   * Tells whether {@code stored} should be replaced by a fresh {@link #hash} at the next
   * successful sign-in, because its scheme, version or parameters differ from this hasher's
   * current ones (S5). A value this hasher cannot read — including {@code null} — needs rehashing
   * too; it will not verify anyway.
   *
   * @param stored the stored hash, possibly {@code null} or malformed
   * @return {@code false} only if {@code stored} was written with exactly the current settings
   */
  boolean needsRehash(@Nullable PasswordHash stored);
}
