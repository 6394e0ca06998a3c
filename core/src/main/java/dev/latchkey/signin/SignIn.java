package dev.latchkey.signin;

import dev.latchkey.model.RequestContext;

/**
 * Signing in: login name and password, with lockout (S9–S15).
 *
 * <p>Every attempt does exactly one password-hash verification at current parameters whatever
 * the account's state, against a dummy hash when the account may not sign in, so no state can be
 * told apart by result or by work (S13, S14). Consecutive failures lock the account at the
 * {@link LockoutPolicy}'s threshold; the owner is emailed once. Attempts while locked neither
 * count nor extend the lock. A success clears the count and re-hashes a password stored with
 * older parameters. A per-source throttle slows credential stuffing across many names.
 */
public interface SignIn {
  /**
   * Signs in. Never throws for any input, nulls included inside {@code credentials}: bad input
   * is a failed sign-in. Throws {@link NullPointerException} if {@code credentials} or
   * {@code request} is null, and {@link dev.latchkey.StoreException} if the store fails.
   */
  SignInResult signIn(Credentials credentials, RequestContext request);
}
