package dev.latchkey.spi;

import dev.latchkey.model.CallerVerification;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.ResetTokenRecord;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.password.PasswordHash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recovery and the helpdesk: reset tokens, rate buckets, caller verifications, guardian search.
 * Every write is one atomic operation, correct across processes.
 */
public interface RecoveryStore {
  /**
   * Issues a reset token, atomically: supersedes the account's live tokens, inserts this one,
   * and writes {@code effects} (the reset mail, the audit event). False, changing nothing, if
   * the account is unknown.
   */
  boolean issueResetToken(ResetTokenRecord token, Effects effects);

  /** The token with this digest, in any state. */
  Optional<ResetTokenRecord> resetToken(TokenDigest digest);

  /**
   * Uses a reset token, atomically: loads the token and its account for update, asks
   * {@code decision}, and only on {@code RESET} marks the token used at the step's time — one
   * caller wins a race (S22) — replaces the account's hash (the old one kept in its history,
   * see {@link AccountStore#previousPasswords}), bumps its credential version, clears
   * {@code mustChangePassword}, writes the step's sign-in state when it gives one, and writes
   * its effects. Any other answer changes nothing. {@code decision} may be called more than
   * once and must have no side effects.
   */
  ResetOutcome resetPassword(TokenDigest digest, PasswordHash newHash, ResetDecision decision);

  /**
   * Counts one event in {@code bucket}, atomically: loads the bucket's state for update (null
   * when it has none), and writes what {@code decision} answers; true when it answered a next
   * state, false, counting nothing, when it answered null (S24).
   */
  boolean consume(String bucket, RateDecision decision);

  /** Stores a caller verification and writes {@code effects} with it, atomically. */
  void putVerification(CallerVerification verification, Effects effects);

  /** The verification with this id. */
  Optional<CallerVerification> verification(String id);

  /**
   * Guardians of the district matching {@code search}: by a part of the name
   * (case-insensitive), an email key, phone digits, or a linked student's number; up to
   * {@code max}, ordered by family name, given name.
   */
  List<Guardian> searchGuardians(DistrictId district, GuardianSearch search, int max);

  /**
   * Replaces the guardian's address of record if it is still {@code expected}, revoking any
   * live key (sent to the old address), and writes {@code effects}, atomically. False,
   * changing nothing, when the address moved since it was read.
   */
  boolean changeGuardianEmail(GuardianId guardian, EmailAddress expected,
      EmailAddress replacement, Instant now, Effects effects);

  /** Decides a reset over the token and its account as stored. */
  @FunctionalInterface
  interface ResetDecision {
    ResetStep decide(@Nullable ResetTokenRecord token, @Nullable PortalAccount account);
  }

  /**
   * What a {@link ResetDecision} answered.
   *
   * @param outcome the outcome; only {@code RESET} is written
   * @param at when the token is used
   * @param signInState the account's sign-in state after the reset (a lifted lock), or null
   *     to leave it
   * @param effects the messages and audit events written with it
   */
  record ResetStep(ResetOutcome outcome, Instant at,
      dev.latchkey.signin.@Nullable SignInState signInState, Effects effects) {
    public ResetStep {
      java.util.Objects.requireNonNull(outcome, "outcome");
      java.util.Objects.requireNonNull(at, "at");
      java.util.Objects.requireNonNull(effects, "effects");
    }
  }

  /** Decides one event of a rate bucket: the next state, or null to refuse it. */
  @FunctionalInterface
  interface RateDecision {
    @Nullable RateBucket decide(@Nullable RateBucket current);
  }

  /** What {@link #resetPassword} did. Only {@link #RESET} changed anything. */
  enum ResetOutcome {
    RESET,
    INVALID,
    EXPIRED,
    /** Used before, or superseded by a newer token. */
    USED
  }
}
