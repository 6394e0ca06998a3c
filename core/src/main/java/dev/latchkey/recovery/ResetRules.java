package dev.latchkey.recovery;

import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.ResetTokenRecord;
import dev.latchkey.spi.RecoveryStore.ResetOutcome;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a reset token may still set a password (S21, S22), written once: the facade asks it to
 * answer early, and every store asks it again inside its atomic step.
 */
public final class ResetRules {
  private ResetRules() {}

  /**
   * The token's own state at {@code now}: {@code INVALID} for none, {@code USED} once used or
   * superseded, {@code EXPIRED} at or past its expiry, else {@code RESET} (it would work).
   */
  public static ResetOutcome check(@Nullable ResetTokenRecord token, Instant now) {
    Objects.requireNonNull(now, "now");
    if (token == null) {
      return ResetOutcome.INVALID;
    }
    if (token.state() != ResetTokenRecord.TokenState.LIVE) {
      return ResetOutcome.USED;
    }
    return now.isBefore(token.expiresAt()) ? ResetOutcome.RESET : ResetOutcome.EXPIRED;
  }

  /**
   * Whether the token may set its account's password now: as {@link #check}, and
   * {@code INVALID} when the account is gone or disabled.
   */
  public static ResetOutcome use(@Nullable ResetTokenRecord token,
      @Nullable PortalAccount account, Instant now) {
    ResetOutcome own = check(token, now);
    if (own != ResetOutcome.RESET) {
      return own;
    }
    if (account == null || !account.id().equals(token.account())
        || account.status() == AccountStatus.DISABLED) {
      return ResetOutcome.INVALID;
    }
    return ResetOutcome.RESET;
  }
}
