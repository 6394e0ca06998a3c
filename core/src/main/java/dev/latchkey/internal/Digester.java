package dev.latchkey.internal;

import dev.latchkey.model.TokenDigest;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of keys and tokens under the server's digest key. Thread-safe. */
public final class Digester {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  public Digester(byte[] digestKey) {
    this.key = new SecretKeySpec(digestKey, ALGORITHM);
    mac(); // fail at build time, not on the first key
  }

  public TokenDigest digest(byte[] secret) {
    return TokenDigest.of(mac().doFinal(secret));
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
