package dev.latchkey.activation;

/**
 * Every outcome of a redemption, as a stable code a host can translate. The key is judged first
 * (its format and check character, then the store), so only the holder of a valid key ever
 * learns whether a login name is free.
 */
public enum RedeemCode {
  /** A login was created. */
  REDEEMED,
  /** Not a key: wrong length, characters or check character, or no such key. */
  INVALID_KEY,
  /** The key was used before — most likely by someone else in the family (the FAQ). */
  KEY_ALREADY_USED,
  /** A newer key was issued to this guardian; use that one. */
  KEY_REVOKED,
  /** The key is too old; ask for a new one. */
  KEY_EXPIRED,
  /** The login name breaks the naming rules. */
  INVALID_USERNAME,
  /** The login name is taken; see the suggestions. */
  USERNAME_TAKEN,
  /** The password and its confirmation differ. */
  PASSWORD_MISMATCH,
  /** The password breaks the policy; see the reasons. */
  PASSWORD_TOO_WEAK,
  /** Too many failed attempts from this source; try later. */
  THROTTLED
}
