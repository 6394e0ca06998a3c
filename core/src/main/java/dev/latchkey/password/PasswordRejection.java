package dev.latchkey.password;

/**
 * Why {@link PasswordPolicy#check} rejected a password; stable codes a caller switches on and
 * shows to the user (S3: a rejection says why). Declaration order is the order in which reasons
 * appear in a {@link PolicyResult}.
 */
public enum PasswordRejection {
  /** Fewer Unicode code points, after NFKC, than {@link PasswordPolicy#minLength()}. */
  TOO_SHORT,
  /** More code points than {@link PasswordPolicy#maxLength()}; never silently truncated. */
  TOO_LONG,
  /** The whole password, case-folded, is on the blocklist. */
  BLOCKLISTED,
  /** The password contains a context word such as the login name or a child's name. */
  CONTAINS_CONTEXT,
  /**
   * The estimated strength is below the policy's minimum
   * ({@link PasswordPolicy#withMinimumStrength}).
   */
  TOO_WEAK,
  /**
   * The password is one of the account's last {@link PasswordPolicy#history()} passwords. Only
   * a change or a reset reports it; {@link PasswordPolicy#check} cannot know the history.
   */
  REUSED
}
