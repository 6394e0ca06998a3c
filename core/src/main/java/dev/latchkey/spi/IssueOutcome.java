package dev.latchkey.spi;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.TokenDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ActivationStore#issueKey} did.
 *
 * @param status the outcome
 * @param revoked the previously live key that this issue revoked, if any
 * @param disabledAccount the account an activation reset disabled, if any
 */
public record IssueOutcome(
    Status status, @Nullable TokenDigest revoked, @Nullable AccountId disabledAccount) {

  /** The outcomes of an issue. Only {@link #ISSUED} changed anything. */
  public enum Status {
    ISSUED,
    UNKNOWN_GUARDIAN,
    /** The guardian's address of record is no longer the key's address; nothing changed. */
    ADDRESS_CHANGED,
    /** The guardian already has an active account and this was not a reset (K6). */
    HAS_ACCOUNT,
    RATE_LIMITED,
    /** The guardian's sign-in is disabled by the SIS. */
    SIGN_IN_DISABLED,
    /** Bulk issuance only: the guardian already has a live key. */
    HAS_LIVE_KEY
  }

  public IssueOutcome {
    Objects.requireNonNull(status, "status");
  }

  public static IssueOutcome refused(Status status) {
    return new IssueOutcome(status, null, null);
  }
}
