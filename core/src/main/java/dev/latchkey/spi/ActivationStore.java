package dev.latchkey.spi;

import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.TokenDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Activation keys. Both writes are single atomic operations: under any concurrency, across any
 * number of processes sharing the store, each either happens whole or changes nothing.
 */
public interface ActivationStore {
  /**
   * Issues a key, in one atomic step:
   * <ol>
   *   <li>refuse {@code UNKNOWN_GUARDIAN} if the key's guardian does not exist;</li>
   *   <li>refuse {@code ADDRESS_CHANGED} if the guardian's email is not the key's address;</li>
   *   <li>refuse {@code SIGN_IN_DISABLED} if the guardian's {@code signInEnabled} is false;</li>
   *   <li>refuse {@code HAS_ACCOUNT} if the guardian has an active account and this is not a
   *       reset; on a reset, disable that account;</li>
   *   <li>refuse {@code RATE_LIMITED} if the command's limit is reached;</li>
   *   <li>revoke the guardian's live key, if any (K3, S20), insert the new one, and put the
   *       mail in the outbox.</li>
   * </ol>
   * At most one key per guardian is ever live.
   */
  IssueOutcome issueKey(IssueKeyCommand command);

  /**
   * Redeems a key, in one atomic step whose conditions are all re-checked inside it: the key
   * exists ({@code INVALID_KEY}), is live ({@code KEY_ALREADY_USED}, {@code KEY_REVOKED}), has
   * not expired at {@code command.now()} ({@code KEY_EXPIRED}), its guardian's sign-in is
   * enabled ({@code KEY_REVOKED}), its guardian has no active account ({@code KEY_ALREADY_USED}), and the login name is free ({@code USERNAME_TAKEN}, the
   * rule of {@link AccountStore#loginNameTaken}). Then it marks the key redeemed, creates the
   * account and puts the message in the outbox. Sixteen concurrent redemptions of one key
   * create exactly one account (S18); a failed redemption changes nothing (S19).
   */
  RedeemOutcome redeemKey(RedeemKeyCommand command);

  /**
   * Bulk issuance's first keys: each command is carried out as {@link #issueKey} would, except
   * that a guardian who has a live key at {@code now} is refused with {@code HAS_LIVE_KEY} (no
   * key is revoked) and no limit applies. Each command is atomic on its own; a backend may
   * commit several in one transaction. Outcomes are in the commands' order.
   */
  List<IssueOutcome> issueFirstKeys(List<IssueKeyCommand> commands, Instant now);

  /**
   * A page of the district's guardians awaiting a first key, ordered by id, after {@code after}
   * (all when null), at most {@code limit}: email on file, sign-in enabled, no active account,
   * and no key live at {@code now}.
   */
  List<Guardian> guardiansAwaitingKey(DistrictId district, @Nullable GuardianId after,
      int limit, Instant now);

  /** How many guardians {@link #guardiansAwaitingKey} would list in all. */
  long countGuardiansAwaitingKey(DistrictId district, Instant now);

  /** Revokes the guardian's live key, if one is live at {@code now}; true if one was. */
  boolean revokeLiveKey(GuardianId guardian, Instant now);

  /** The key with this digest, in any state. */
  Optional<ActivationKeyRecord> keyByDigest(TokenDigest digest);

  /** Every key ever issued to the guardian, oldest first. */
  List<ActivationKeyRecord> keysOfGuardian(GuardianId guardian);
}
