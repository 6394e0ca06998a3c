package dev.latchkey.helpdesk;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import java.util.List;
import java.util.Optional;

/**
 * The helpdesk's tools. The host authenticates its agents and passes each as an {@link Agent};
 * every action is audited under that agent with a reason, and the account owner is notified
 * (S27). No operation takes or returns a password, hash, key or token (S25): keys and reset
 * links go to the address of record only.
 *
 * <p>The privileged actions — reading out the login name, sending a reset, unlocking, changing
 * the email, resetting a misused activation — need a fresh {@link #verifyCaller verification}
 * of the guardian by the same agent (S26). Issuing a key to the address already on file needs
 * none.
 */
public interface Helpdesk {
  /**
   * Guardians matching {@code query}: a student's number, an email, a phone number, or a part
   * of the name, in that order of preference. At most 50.
   */
  List<Guardian> find(Agent agent, DistrictId district, String query);

  /** Everything an agent needs on a call about this guardian. */
  Optional<GuardianFile> file(Agent agent, GuardianId guardian);

  /**
   * Checks the caller's answers against the roster: at least the policy's number of correct
   * answers, never saying which failed, throttled per guardian.
   */
  VerificationResult verifyCaller(Agent agent, GuardianId guardian, CallerAnswers answers);

  /** Reads out the guardian's login name to the verified caller; the owner is told. */
  HelpdeskResult readLoginName(Agent agent, GuardianId guardian, String verificationId,
      String reason);

  /** Mails a reset link to the address of record. */
  HelpdeskResult sendPasswordReset(Agent agent, GuardianId guardian, String verificationId,
      String reason);

  /** Lifts a lock: "my account is disabled". */
  HelpdeskResult unlock(Agent agent, GuardianId guardian, String verificationId, String reason);

  /** Changes the address of record; the old and the new address are both told. */
  HelpdeskResult changeEmail(Agent agent, GuardianId guardian, String verificationId,
      String newEmail, String reason);

  /**
   * The misused-key case (K6): disables the login made with the guardian's key and mails a
   * fresh key to the address of record, atomically.
   */
  HelpdeskResult resetActivation(Agent agent, GuardianId guardian, String verificationId,
      String reason);

  /** Issues or reissues a key to the address already on file; needs no verification. */
  HelpdeskResult issueKey(Agent agent, GuardianId guardian, String reason);
}
