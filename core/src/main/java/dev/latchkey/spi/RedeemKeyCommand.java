package dev.latchkey.spi;

import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Role;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Redeem a key for a new guardian account, atomically: see {@link ActivationStore#redeemKey}.
 *
 * @param digest the digest of the typed key
 * @param account the account to create; its guardian must be the key's guardian
 * @param created the ACCOUNT_CREATED message, if the guardian has an address to send it to
 * @param now the time the key's expiry is judged at (S21)
 * @param audit the audit events that record the redemption, written with the account
 */
public record RedeemKeyCommand(
    TokenDigest digest, PortalAccount account, @Nullable Notification created, Instant now,
    List<AuditEvent> audit) {
  public RedeemKeyCommand {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(now, "now");
    audit = List.copyOf(audit);
    if (account.role() != Role.GUARDIAN) {
      throw new IllegalArgumentException("keys create guardian accounts only");
    }
  }

  /** A redemption recorded by no audit event (tests of the store alone). */
  public RedeemKeyCommand(TokenDigest digest, PortalAccount account,
      @Nullable Notification created, Instant now) {
    this(digest, account, created, now, List.of());
  }

  /** What a redemption brings with it: the ACCOUNT_CREATED mail and the audit events. */
  public Effects effects() {
    return new Effects(created == null ? List.of() : List.of(created), audit);
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
