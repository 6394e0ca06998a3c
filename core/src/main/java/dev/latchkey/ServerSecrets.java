package dev.latchkey;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server-held secret, kept outside the database, and the keys derived from it: the HMAC key
 * under which activation keys and reset tokens are digested (S17), and the AES key that encrypts
 * outbox payloads at rest (S31). There is no default: a host loads the secret from its secret
 * store. Changing it makes every outstanding key, token and queued message unusable.
 */
public final class ServerSecrets {
  private static final int MIN_BYTES = 32;
  private final byte[] digestKey;
  private final byte[] outboxKey;

  private ServerSecrets(byte[] master) {
    this.digestKey = derive(master, "latchkey/v1/digest");
    this.outboxKey = derive(master, "latchkey/v1/outbox");
  }

  /** Derives the keys from {@code master}: at least 32 random bytes, copied, never stored. */
  public static ServerSecrets of(byte[] master) {
    Objects.requireNonNull(master, "master");
    if (master.length < MIN_BYTES) {
      throw new IllegalArgumentException("the server secret must be at least 32 bytes");
    }
    return new ServerSecrets(master);
  }

  /**
   * A fresh random secret that lives as long as this object: for tests and demos only, since
   * every key issued under it is unusable after a restart.
   */
  public static ServerSecrets ephemeral(SecureRandom random) {
    byte[] master = new byte[MIN_BYTES];
    random.nextBytes(master);
    ServerSecrets secrets = new ServerSecrets(master);
    Arrays.fill(master, (byte) 0);
    return secrets;
  }

  /** A copy of the 32-byte HMAC-SHA256 key for key and token digests. */
  public byte[] digestKey() {
    return digestKey.clone();
  }

  /** A copy of the 32-byte AES-256 key for outbox payloads. */
  public byte[] outboxKey() {
    return outboxKey.clone();
  }

  /** HKDF-Expand (RFC 5869) of one block: separate keys for separate jobs from one secret. */
  private static byte[] derive(byte[] master, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "ServerSecrets[***]";
  }
}
