package dev.latchkey.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A password-reset token as stored: its digest, never the token (S17).
 *
 * @param digest HMAC-SHA256 of the token under the server secret
 * @param account the account it resets
 * @param district the account's district
 * @param sentTo the address of record it was mailed to
 * @param issuedAt when it was issued
 * @param expiresAt when it stops working (S21)
 * @param state live, used or superseded
 * @param usedAt when it was used
 */
public record ResetTokenRecord(
    TokenDigest digest, AccountId account, DistrictId district, EmailAddress sentTo,
    Instant issuedAt, Instant expiresAt, TokenState state, @Nullable Instant usedAt) {

  /** Where a reset token stands. */
  public enum TokenState {
    LIVE,
    USED,
    /** A newer token was issued for the account. */
    SUPERSEDED
  }

  public ResetTokenRecord {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(sentTo, "sentTo");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("a token must expire after it is issued");
    }
  }

  public static ResetTokenRecord live(TokenDigest digest, AccountId account, DistrictId district,
      EmailAddress sentTo, Instant issuedAt, Instant expiresAt) {
    return new ResetTokenRecord(digest, account, district, sentTo, issuedAt, expiresAt,
        TokenState.LIVE, null);
  }

}
