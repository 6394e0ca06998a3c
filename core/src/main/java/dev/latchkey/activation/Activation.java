package dev.latchkey.activation;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;

/**
 * Activation keys (K1–K6): issuing them to a guardian's address of record, and redeeming one
 * for the guardian's single login.
 *
 * <p>A key belongs to one guardian and opens all of that guardian's students, including ones
 * linked later. The plaintext key exists only in the ACTIVATION_KEY message; the store keeps an
 * HMAC digest. Issuing revokes the guardian's previous unredeemed key in the same step. A key
 * creates exactly one login, once, under any concurrency.
 */
public interface Activation {
  /**
   * Issues a key to the guardian's email of record ("request your activation key" at the
   * helpdesk, or a district run) and queues its message. Refused when the guardian is unknown,
   * has no email, or already has a login (K6: use {@link #resetActivation}).
   */
  IssueResult issue(GuardianId guardian, RequestContext request);

  /**
   * The misused-key case: someone else used this guardian's key. Disables the login made with
   * it, revokes any live key and issues a fresh one to the address of record, atomically (K6).
   */
  IssueResult resetActivation(GuardianId guardian, RequestContext request);

  /**
   * Self-service "I lost my key email": if {@code email} is on file for guardians of the
   * district who have no login yet, each gets a fresh key (old ones revoked) at that address.
   * The answer is the same whether or not anything was sent (S13, S23, S24), and so is its
   * time when the facade has a relay executor: the lookup and the issue run there, after the
   * answer (see {@link dev.latchkey.recovery.Recovery}).
   */
  ResendResult resend(DistrictId district, String email, RequestContext request);

  /**
   * Redeems a key for a login ("New User?"). The key is judged first — format and check
   * character, then the store — then the login name, the confirmation and the password policy;
   * the account is created in one atomic step that re-checks everything (S18, S19).
   */
  RedeemResult redeem(Redemption redemption, RequestContext request);

  /**
   * The district's back-to-school run: every guardian of the district with an email on file,
   * sign-in enabled, no login and no live key gets a key and its ACTIVATION_KEY message. Safe to
   * re-run at any time, after a crash too: a guardian who got a key in an earlier run has a live
   * key and is skipped, so no one gets a second key. {@code progress} hears after every batch.
   * The messages wait in the outbox: the run hands the relay one batch at its end, and the
   * host's scheduled {@code outbox().runOnce()} sends the rest.
   */
  BulkIssueReport issueAll(DistrictId district, BulkIssueProgress progress);
}
