package dev.latchkey.spi;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.TokenDigest;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a key operation needs to know of a guardian, as a store loads it under the guardian's
 * lock: the input of the core's key rules ({@link dev.latchkey.activation.KeyRules}). A store
 * fills it in and applies the decision; it judges nothing itself.
 *
 * @param emailKey the normalised key of the guardian's address of record, or null for none
 * @param signInEnabled whether the SIS lets the guardian sign in
 * @param activeAccount the guardian's active account, if any (there is at most one)
 * @param liveKey the guardian's key in state LIVE, expired or not (there is at most one)
 * @param liveKeyExpiresAt when {@code liveKey} expires; null exactly when it is null
 * @param keysIssuedSince how many keys the guardian was issued at or after the instant the
 *     command asks about ({@link IssueKeyCommand#countKeysSince()}); 0 when it asks none
 */
public record KeyHolder(
    @Nullable String emailKey, boolean signInEnabled, @Nullable AccountId activeAccount,
    @Nullable TokenDigest liveKey, @Nullable Instant liveKeyExpiresAt, long keysIssuedSince) {
  public KeyHolder {
    if ((liveKey == null) != (liveKeyExpiresAt == null)) {
      throw new IllegalArgumentException("a live key and its expiry come together");
    }
    if (keysIssuedSince < 0) {
      throw new IllegalArgumentException("keysIssuedSince must not be negative");
    }
  }

  /** The same guardian after {@code issued} became their live key. */
  public KeyHolder withLiveKey(TokenDigest issued, Instant expiresAt) {
    Objects.requireNonNull(issued, "issued");
    return new KeyHolder(emailKey, signInEnabled, activeAccount, issued, expiresAt,
        keysIssuedSince + 1);
  }
}
