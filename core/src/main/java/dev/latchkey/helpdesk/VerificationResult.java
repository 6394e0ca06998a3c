package dev.latchkey.helpdesk;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of {@link Helpdesk#verifyCaller}. A failure never says which answer was wrong
 * (S26).
 */
public sealed interface VerificationResult {
  /**
   * The caller answered enough correctly. The id authorises this agent's privileged actions on
   * this guardian until {@code expiresAt}.
   *
   * @param verificationId pass it to the privileged actions
   * @param expiresAt when it stops authorising anything
   */
  record Verified(String verificationId, Instant expiresAt) implements VerificationResult {
    public Verified {
      Objects.requireNonNull(verificationId, "verificationId");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /** Not enough correct answers, or no such guardian: one answer for all. */
  record NotVerified() implements VerificationResult {
  }

  /** Too many attempts for this guardian lately; try later. */
  record Throttled() implements VerificationResult {
  }
}
