package dev.latchkey.password;

import java.util.Objects;

/**
 * Factories for {@link PasswordHasher}s beyond the plain {@link Argon2idHasher}.
 *
 * <p>A district moving from another portal brings its users' hashes (S6): convert them once with
 * {@link LegacyHashes}, store them, and wire {@link #upgrading(Argon2idHasher)} into the
 * builder. Each user then signs in with the old password, and that first successful sign-in
 * replaces the legacy hash with an Argon2id one; a wrong password changes nothing.
 */
public final class PasswordHashers {

  private PasswordHashers() {
  }

  /**
   * A hasher that writes Argon2id through {@code current} and verifies Argon2id (through
   * {@code current}) and every legacy form {@link LegacyHashes} produces: bcrypt {@code $2a$},
   * {@code $2b$}, {@code $2y$} and Latchkey's {@code $pbkdf2-…$} form.
   *
   * <ul>
   *   <li>{@link PasswordHasher#needsRehash} is {@code true} for every legacy hash, and for an
   *       Argon2id hash exactly when {@code current} says so — so a successful sign-in upgrades.
   *   <li>Legacy hashes are verified against the password as typed, UTF-8, without the NFKC
   *       normalisation Latchkey applies to its own hashes, because the system that wrote them
   *       did not normalise either. A password with an unpaired surrogate never verifies.
   *   <li>bcrypt never verifies a candidate longer than 72 UTF-8 bytes (Spring
   *       CVE-2025-22228); a legacy user whose password was longer must reset it.
   *   <li>{@code current}'s pepper (S8) applies to Argon2id only: legacy hashes were made
   *       without it; the Argon2id hash that replaces one is peppered.
   *   <li>Each {@link PasswordHasher#verify} call computes exactly one key derivation (S14);
   *       anything unrecognised, malformed or over the cost limits is {@code false} at once,
   *       never an exception (S7).
   * </ul>
   *
   * <p>Costs differ between schemes — a bcrypt or PBKDF2 check does not take as long as the
   * Argon2id dummy check for an unknown name — so until every legacy hash has been upgraded, a
   * timing observer may tell an account with a legacy hash from no account. Hosts for whom that
   * matters can ask legacy users to sign in, or reset them, within a migration window.
   *
   * @param current the hasher for new hashes, normally at {@link Argon2Parameters#owasp2025()}
   *     or {@link Argon2Parameters#calibrate}
   * @return an immutable, thread-safe hasher
   * @throws NullPointerException if {@code current} is {@code null}
   */
  public static PasswordHasher upgrading(Argon2idHasher current) {
    return new UpgradingHasher(Objects.requireNonNull(current, "current"));
  }
}
