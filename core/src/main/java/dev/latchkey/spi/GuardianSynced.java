package dev.latchkey.spi;

import dev.latchkey.model.Guardian;
import dev.latchkey.roster.GuardianFollowUps;
import java.util.Objects;

/**
 * A guardian written by {@link RosterStore#syncGuardians}, with the follow-ups applied in the same
 * atomic step.
 *
 * @param guardian the record as written
 * @param applied what was done to the guardian's key and accounts
 */
public record GuardianSynced(Guardian guardian, GuardianFollowUps applied) {
  public GuardianSynced {
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(applied, "applied");
  }
}
