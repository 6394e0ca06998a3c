package dev.latchkey.spi;

/** What {@link ActivationStore#redeemKey} did. Only {@link #REDEEMED} changed anything. */
public enum RedeemOutcome {
  REDEEMED,
  /** No key has this digest, or it belongs to another guardian than the account's. */
  INVALID_KEY,
  /** The key was redeemed before, or its guardian already has an active account (K4). */
  KEY_ALREADY_USED,
  KEY_REVOKED,
  KEY_EXPIRED,
  /** The login name is another account's login name or another guardian's email (S36). */
  USERNAME_TAKEN
}
