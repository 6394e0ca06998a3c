package dev.latchkey.activation;

import dev.latchkey.model.GuardianId;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of issuing a key. The key itself is never here: it exists only in the message to
 * the guardian's address of record (K2).
 */
public sealed interface IssueResult {
  /** A stable code to switch on. */
  IssueCode code();

  /** The outcome codes. */
  enum IssueCode {
    ISSUED,
    UNKNOWN_GUARDIAN,
    /** The guardian has no email on file: nowhere to send a key. */
    NO_EMAIL,
    /** The guardian already has a login; only an activation reset issues a new key (K6). */
    ACCOUNT_EXISTS,
    /** The SIS curtailed or removed the guardian: no key until it enables them again. */
    SIGN_IN_DISABLED
  }

  /**
   * A key was issued and its message queued; any earlier unredeemed key was revoked (K3).
   *
   * @param guardian who it is for
   * @param expiresAt when it stops working
   * @param revokedPrevious whether an earlier live key was revoked
   * @param disabledAccount whether an activation reset disabled an account
   */
  record Issued(GuardianId guardian, Instant expiresAt, boolean revokedPrevious,
      boolean disabledAccount) implements IssueResult {
    public Issued {
      Objects.requireNonNull(guardian, "guardian");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public IssueCode code() {
      return IssueCode.ISSUED;
    }
  }

  /**
   * Nothing was issued and nothing changed.
   *
   * @param code why
   */
  record Refused(IssueCode code) implements IssueResult {
    public Refused {
      Objects.requireNonNull(code, "code");
      if (code == IssueCode.ISSUED) {
        throw new IllegalArgumentException("ISSUED is not a refusal");
      }
    }
  }
}
