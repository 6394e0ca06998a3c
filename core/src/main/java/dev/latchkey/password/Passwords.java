package dev.latchkey.password;

import dev.latchkey.model.AccountId;

/**
 * The password page's helpers: the strength meter ("Password Strength 0%") a page may call on
 * every keystroke, and the context words that meter and the policy judge by. The decision is
 * the policy's; the meter informs the person typing.
 */
public interface Passwords {
  /** The estimate for what is typed so far; fast enough for every keystroke. Never throws. */
  Strength strength(CharSequence typed, PasswordContext context);

  /**
   * The words the account's next password must not contain: its login name, the household's
   * names and birthdays, the schools and the district, as the policy uses them. Empty for an
   * unknown account.
   */
  PasswordContext contextOf(AccountId account);

  /** The policy every path that sets a password applies. */
  PasswordPolicy policy();
}
