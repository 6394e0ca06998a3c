package dev.latchkey.spi;

import dev.latchkey.model.PortalAccount;
import java.util.Objects;

/**
 * The answer to {@link AccountStore#reserveAttempt}: either the attempt was counted in advance
 * and may verify the password, or it was refused and must do dummy work instead (S12, S14).
 */
public sealed interface Reservation {
  /**
   * The attempt is counted as a failure until {@link AccountStore#recordSuccess} says otherwise.
   *
   * @param account the account as it stands after the reservation
   */
  record Reserved(PortalAccount account) implements Reservation {
    public Reserved {
      Objects.requireNonNull(account, "account");
    }
  }

  /**
   * The attempt was not counted and must not be verified against the account's hash.
   *
   * @param reason why, for the audit log only: never shown to the caller (S13)
   */
  record Refused(Reason reason) implements Reservation {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why an attempt was refused. */
  enum Reason {
    UNKNOWN_ACCOUNT,
    DISABLED,
    /** Locked, or as many attempts in flight as the threshold allows. */
    LOCKED
  }
}
