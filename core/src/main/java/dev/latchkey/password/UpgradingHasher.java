package dev.latchkey.password;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes Argon2id through the current hasher and verifies every scheme Latchkey reads: its own
 * Argon2id, imported bcrypt and imported PBKDF2. Every hash not written at the current
 * parameters needs rehashing, so each legacy hash is replaced on its first successful sign-in.
 * One {@link #verify} call computes exactly one key derivation, whatever the scheme.
 */
final class UpgradingHasher implements PasswordHasher {

  private static final String ARGON2ID = "$argon2id$";

  private final Argon2idHasher current;

  UpgradingHasher(Argon2idHasher current) {
    this.current = current;
  }

  @Override
  public PasswordHash hash(CharSequence password) {
    return current.hash(password);
  }

  @Override
  public boolean verify(CharSequence password, @Nullable PasswordHash stored) {
    Objects.requireNonNull(password, "password");
    if (stored == null) {
      return false;
    }
    String encoded = stored.encoded();
    if (encoded.startsWith(ARGON2ID)) {
      return current.verify(password, stored);
    }
    Bcrypt bcrypt = Bcrypt.parse(encoded);
    if (bcrypt != null) {
      return bcrypt.matches(password);
    }
    Pbkdf2Hash pbkdf2 = Pbkdf2Hash.parse(encoded);
    if (pbkdf2 != null) {
      return pbkdf2.matches(password);
    }
    return false;
  }

  @Override
  public boolean needsRehash(@Nullable PasswordHash stored) {
    return stored == null
        || !stored.encoded().startsWith(ARGON2ID)
        || current.needsRehash(stored);
  }

  @Override
  public String toString() {
    return "UpgradingHasher[" + current + ", reads bcrypt 2a/2b/2y, pbkdf2-sha1/sha256/sha512]";
  }
}
