package dev.latchkey.recovery;

/** The outcomes of checking or using a reset token, as stable codes. */
public enum ResetCode {
  /** With {@code checkResetToken}: the token can be used. With {@code resetPassword}: done. */
  VALID,
  INVALID_TOKEN,
  TOKEN_EXPIRED,
  /** Used before, or superseded by a newer link. */
  TOKEN_USED,
  PASSWORD_MISMATCH,
  PASSWORD_TOO_WEAK,
  THROTTLED
}
