package dev.latchkey.roster;

import dev.latchkey.model.AccountId;
import java.util.List;
import java.util.Objects;

/**
 * What a store does, in the same atomic step as writing a guardian's record, so that the
 * guardian's key and logins agree with the record ({@link RosterFollowUps#forGuardian}).
 *
 * @param revokeLiveKey revoke the guardian's live key
 * @param suspend the {@code ACTIVE} accounts to make {@code SUSPENDED}
 * @param restore the {@code SUSPENDED} accounts to make {@code ACTIVE} (at most one)
 */
public record GuardianFollowUps(boolean revokeLiveKey, List<AccountId> suspend,
    List<AccountId> restore) {
  /** Nothing to do. */
  public static final GuardianFollowUps NONE = new GuardianFollowUps(false, List.of(), List.of());

  public GuardianFollowUps {
    suspend = List.copyOf(Objects.requireNonNull(suspend, "suspend"));
    restore = List.copyOf(Objects.requireNonNull(restore, "restore"));
    if (restore.size() > 1) {
      throw new IllegalArgumentException("a guardian has at most one active account");
    }
  }

  /** True when there is nothing to do. */
  public boolean isEmpty() {
    return !revokeLiveKey && suspend.isEmpty() && restore.isEmpty();
  }
}
