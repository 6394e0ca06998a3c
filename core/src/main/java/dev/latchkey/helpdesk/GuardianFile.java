package dev.latchkey.helpdesk;

import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.KeyState;
import dev.latchkey.roster.StudentAccess;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent sees on a call about one guardian: no password, hash, key or token (S25).
 *
 * @param guardian the roster record
 * @param students the linked students, with how each is linked, whether the guardian sees
 *     them and why not, and whether a birth date is missing (the age-of-majority rule then
 *     cannot apply: the agent should ask the school to complete the record)
 * @param account the guardian's login, if any
 * @param keys every activation key issued, oldest first: the answer to "it says my key was
 *     already used"
 */
public record GuardianFile(Guardian guardian, List<StudentAccess> students,
    Optional<AccountFacts> account, List<KeyHistory> keys) {
  public GuardianFile {
    Objects.requireNonNull(guardian, "guardian");
    students = List.copyOf(students);
    Objects.requireNonNull(account, "account");
    keys = List.copyOf(keys);
  }

  /**
   * The security state of a login, without its name (read it out with a verification).
   *
   * @param status active or disabled
   * @param locked whether a lock holds now
   * @param lockedAt when it was locked
   * @param failedAttempts consecutive failures counted
   * @param lastSignInAt the last successful sign-in
   * @param createdAt when the login was made
   */
  public record AccountFacts(AccountStatus status, boolean locked, Optional<Instant> lockedAt,
      int failedAttempts, Optional<Instant> lastSignInAt, Instant createdAt) {
  }

  /**
   * One activation key's history.
   *
   * @param issuedAt when it was issued
   * @param sentTo the address it was mailed to
   * @param expiresAt when it stops (or stopped) working
   * @param state live, redeemed or revoked
   * @param redeemedAt when it was redeemed
   * @param redeemedLoginName the login name it created
   * @param revokedAt when it was revoked
   */
  public record KeyHistory(Instant issuedAt, String sentTo, Instant expiresAt, KeyState state,
      Optional<Instant> redeemedAt, Optional<String> redeemedLoginName,
      Optional<Instant> revokedAt) {
  }
}
