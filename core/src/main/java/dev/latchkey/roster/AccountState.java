package dev.latchkey.roster;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import java.util.Objects;

/**
 * An account as the roster's follow-ups see it: which one, and whether it may sign in.
 *
 * @param id the account
 * @param status its status as the store holds it
 */
public record AccountState(AccountId id, AccountStatus status) {
  public AccountState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }
}
