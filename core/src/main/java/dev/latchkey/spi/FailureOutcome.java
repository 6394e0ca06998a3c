package dev.latchkey.spi;

/** What {@link AccountStore#recordFailure} did. */
public enum FailureOutcome {
  /** The failure stands (it was counted at reservation); no lock yet. */
  COUNTED,
  /** This failure reached the threshold: the account is now locked and the notice queued. */
  LOCKED_NOW,
  /** The account is gone or disabled; nothing changed. */
  NOT_COUNTED
}
