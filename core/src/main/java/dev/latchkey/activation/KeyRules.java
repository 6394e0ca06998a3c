package dev.latchkey.activation;

import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.KeyState;
import dev.latchkey.spi.IssueKeyCommand;
import dev.latchkey.spi.IssueOutcome;
import dev.latchkey.spi.KeyHolder;
import dev.latchkey.spi.RedeemOutcome;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The activation-key rules (K3, K4, K6, S20, S21, S24), as pure functions over what a store
 * loads under the guardian's lock. They are written here and nowhere else: the facade asks them
 * early, to answer a key's problem before a login name or a password, and every store asks the
 * same functions again inside its atomic step, through the command it was given.
 */
public final class KeyRules {
  private KeyRules() {}

  /**
   * Whether a key may be issued, and what issuing it does. In order: the guardian must exist
   * ({@code UNKNOWN_GUARDIAN}), the key must go to the address of record
   * ({@code ADDRESS_CHANGED}), the SIS must let the guardian sign in
   * ({@code SIGN_IN_DISABLED}), a guardian with an active account gets no key unless the
   * activation is being reset ({@code HAS_ACCOUNT}, K6), and the limit must not be reached
   * ({@code RATE_LIMITED}, S24). Issued, the key revokes the guardian's live key in the same
   * step (K3, S20), and a reset disables the active account.
   */
  public static IssueOutcome issue(@Nullable KeyHolder holder, IssueKeyCommand command) {
    Objects.requireNonNull(command, "command");
    return issue(holder, command, command.resetActivation(), command.limit());
  }

  private static IssueOutcome issue(@Nullable KeyHolder holder, IssueKeyCommand command,
      boolean reset, IssueKeyCommand.@Nullable IssueLimit limit) {
    if (holder == null) {
      return IssueOutcome.refused(IssueOutcome.Status.UNKNOWN_GUARDIAN);
    }
    if (!command.key().sentTo().key().equals(holder.emailKey())) {
      return IssueOutcome.refused(IssueOutcome.Status.ADDRESS_CHANGED);
    }
    if (!holder.signInEnabled()) {
      return IssueOutcome.refused(IssueOutcome.Status.SIGN_IN_DISABLED);
    }
    if (holder.activeAccount() != null && !reset) {
      return IssueOutcome.refused(IssueOutcome.Status.HAS_ACCOUNT);
    }
    if (limit != null && holder.keysIssuedSince() >= limit.max()) {
      return IssueOutcome.refused(IssueOutcome.Status.RATE_LIMITED);
    }
    return new IssueOutcome(IssueOutcome.Status.ISSUED, holder.liveKey(),
        reset ? holder.activeAccount() : null);
  }

  /**
   * Bulk issuance's first key: refused with {@code HAS_LIVE_KEY} when the guardian has a key
   * live at {@code now}; otherwise as {@link #issue}, never as a reset and under no limit. A
   * live key that has expired is revoked.
   */
  public static IssueOutcome firstKey(@Nullable KeyHolder holder, IssueKeyCommand command,
      Instant now) {
    Objects.requireNonNull(now, "now");
    if (holder != null && holder.liveKeyExpiresAt() != null
        && now.isBefore(holder.liveKeyExpiresAt())) {
      return IssueOutcome.refused(IssueOutcome.Status.HAS_LIVE_KEY);
    }
    return issue(holder, command, false, null);
  }

  /**
   * Whether a key can still create a login for {@code claimant} at {@code now}; null when it
   * can. In order: no such key, or another guardian's ({@code INVALID_KEY}); redeemed before
   * ({@code KEY_ALREADY_USED}, K4); superseded ({@code KEY_REVOKED}); at or past its expiry
   * ({@code KEY_EXPIRED}, S21); the guardian unknown or their sign-in disabled by the SIS
   * ({@code KEY_REVOKED}); the guardian already has an active login made with another key
   * ({@code KEY_ALREADY_USED}). A free login name is the store's to enforce, as a uniqueness.
   */
  public static @Nullable RedeemOutcome redeemRefusal(@Nullable ActivationKeyRecord key,
      GuardianId claimant, @Nullable KeyHolder holder, Instant now) {
    Objects.requireNonNull(claimant, "claimant");
    Objects.requireNonNull(now, "now");
    if (key == null || !key.guardian().equals(claimant)) {
      return RedeemOutcome.INVALID_KEY;
    }
    if (key.state() == KeyState.REDEEMED) {
      return RedeemOutcome.KEY_ALREADY_USED;
    }
    if (key.state() == KeyState.REVOKED) {
      return RedeemOutcome.KEY_REVOKED;
    }
    if (!now.isBefore(key.expiresAt())) {
      return RedeemOutcome.KEY_EXPIRED;
    }
    if (holder == null || !holder.signInEnabled()) {
      return RedeemOutcome.KEY_REVOKED;
    }
    if (holder.activeAccount() != null) {
      return RedeemOutcome.KEY_ALREADY_USED;
    }
    return null;
  }
}
