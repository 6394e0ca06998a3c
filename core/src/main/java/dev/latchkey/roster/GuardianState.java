package dev.latchkey.roster;

import java.util.List;
import java.util.Objects;

/**
 * What follows from a guardian's roster record, as the store holds it when it writes the record:
 * whether a key is live, and the guardian's accounts.
 *
 * @param liveKey true when the guardian has an unredeemed key that has not expired
 * @param accounts every account of the guardian, in any status, oldest first
 */
public record GuardianState(boolean liveKey, List<AccountState> accounts) {
  /** A guardian with no key and no account (one the roster has just met). */
  public static final GuardianState NOTHING = new GuardianState(false, List.of());

  public GuardianState {
    accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
  }
}
