package dev.latchkey.spi;

import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Role;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Redeem a key for a new guardian account, atomically: see {@link ActivationStore#redeemKey}.
 *
 * @param digest the digest of the typed key
 * @param account the account to create; its guardian must be the key's guardian
 * @param created the ACCOUNT_CREATED message, if the guardian has an address to send it to
 * @param now the time the key's expiry is judged at (S21)
 */
public record RedeemKeyCommand(
    TokenDigest digest, PortalAccount account, @Nullable Notification created, Instant now) {
  public RedeemKeyCommand {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(now, "now");
    if (account.role() != Role.GUARDIAN) {
      throw new IllegalArgumentException("keys create guardian accounts only");
    }
  }

  /**
   * The core's decision over the key and its guardian as loaded under their locks: null when
   * the store may go on to create the account (enforcing a free login name and one active
   * account per guardian as uniqueness), else the refusal.
   * {@link dev.latchkey.activation.KeyRules#redeemRefusal}.
   */
  public @Nullable RedeemOutcome decide(@Nullable ActivationKeyRecord key,
      @Nullable KeyHolder holder) {
    return dev.latchkey.activation.KeyRules.redeemRefusal(key,
        Objects.requireNonNull(account.guardian()), holder, now);
  }
}
