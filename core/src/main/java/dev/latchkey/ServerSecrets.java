package dev.latchkey;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server-held keys, kept outside the database: the HMAC key under which activation keys and
 * reset tokens are digested (S17). There is no default: a host loads them from its secret store.
 * Changing the digest key makes every outstanding key and token unusable.
 */
public final class ServerSecrets {
  private static final int MIN_BYTES = 32;
  private final byte[] digestKey;

  private ServerSecrets(byte[] digestKey) {
    this.digestKey = digestKey;
  }

  /** Uses {@code digestKey} (at least 32 bytes, copied) for key and token digests. */
  public static ServerSecrets of(byte[] digestKey) {
    Objects.requireNonNull(digestKey, "digestKey");
    if (digestKey.length < MIN_BYTES) {
      throw new IllegalArgumentException("digestKey must be at least 32 bytes");
    }
    return new ServerSecrets(digestKey.clone());
  }

  /**
   * Fresh random secrets that live as long as this object: for tests and demos only, since
   * every key issued under them is unusable after a restart.
   */
  public static ServerSecrets ephemeral(SecureRandom random) {
    byte[] key = new byte[MIN_BYTES];
    random.nextBytes(key);
    return new ServerSecrets(key);
  }

  /** A copy of the digest key. */
  public byte[] digestKey() {
    return Arrays.copyOf(digestKey, digestKey.length);
  }

  @Override
  public String toString() {
    return "ServerSecrets[***]";
  }
}
