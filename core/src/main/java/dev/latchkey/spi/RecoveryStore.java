package dev.latchkey.spi;

import dev.latchkey.model.CallerVerification;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.ResetTokenRecord;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.password.PasswordHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Recovery and the helpdesk: reset tokens, rate buckets, caller verifications, guardian search.
 * Every write is one atomic operation, correct across processes.
 */
public interface RecoveryStore {
  /**
   * Issues a reset token, atomically: supersedes the account's live tokens, inserts this one,
   * and puts {@code mail} in the outbox. False, changing nothing, if the account is unknown.
   */
  boolean issueResetToken(ResetTokenRecord token, Notification mail);

  /** The token with this digest, in any state. */
  Optional<ResetTokenRecord> resetToken(TokenDigest digest);

  /**
   * Uses a reset token, atomically: only a live token unexpired at {@code now} is used — one
   * caller wins a race — then the account's hash is replaced (the old one kept in its history,
   * see {@link AccountStore#previousPasswords}), its credential version bumped,
   * {@code mustChangePassword} cleared, its lock lifted and count cleared when {@code unlock},
   * and {@code notice} put in the outbox.
   */
  ResetOutcome resetPassword(TokenDigest digest, Instant now, PasswordHash newHash,
      boolean unlock, Notification notice);

  /**
   * Counts one event in {@code bucket}'s fixed window, atomically: true and counted while fewer
   * than {@code max} events fell in the window that started at the bucket's first event (a
   * window older than {@code window} starts afresh at {@code now}); false, counting nothing,
   * at the limit (S24).
   */
  boolean tryConsume(String bucket, Instant now, Duration window, int max);

  /** Stores a caller verification. */
  void putVerification(CallerVerification verification);

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
   * live key (sent to the old address), and puts {@code notices} in the outbox, atomically.
   * False, changing nothing, when the address moved since it was read.
   */
  boolean changeGuardianEmail(GuardianId guardian, EmailAddress expected,
      EmailAddress replacement, Instant now, List<Notification> notices);

  /** What {@link #resetPassword} did. Only {@link #RESET} changed anything. */
  enum ResetOutcome {
    RESET,
    INVALID,
    EXPIRED,
    /** Used before, or superseded by a newer token. */
    USED
  }
}
