package dev.latchkey.model;

/** Where an activation key stands. Expiry is not a state: it is checked against the clock. */
public enum KeyState {
  /** Issued and not yet used. */
  LIVE,
  /** Used to create a login; never usable again (K4). */
  REDEEMED,
  /** Superseded by a newer key or an activation reset (K3, K6). */
  REVOKED
}
