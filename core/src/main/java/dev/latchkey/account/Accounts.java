package dev.latchkey.account;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountView;
import dev.latchkey.model.RequestContext;
import java.util.Optional;

/** Portal accounts after they exist: password changes and unlocks. */
public interface Accounts {
  /** The account, without its hash or security state. */
  Optional<AccountView> find(AccountId account);

  /**
   * Changes a password: current + new + confirmation ("Update Password"). A wrong current
   * password counts as a failed sign-in and can lock the account. The new password must pass
   * the policy. Success bumps the credential version and emails a PASSWORD_CHANGED notice.
   * Any input is judged, nulls included; only a null {@code account} or {@code request} throws.
   */
  PasswordChangeResult changePassword(AccountId account, String current, String next,
      String confirmation, RequestContext request);

  /**
   * Lifts a lock and clears the failure count: the helpdesk's "get your account unlocked".
   * An administrative call: the host decides who may make it. True when a lock was lifted.
   */
  boolean unlock(AccountId account, RequestContext request);
}
