package dev.latchkey.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An activation key as stored: its digest, never the key (S17), and its history — the helpdesk's
 * answer to "it says my key was already used".
 *
 * @param digest HMAC-SHA256 of the key under the server secret
 * @param guardian the guardian the key belongs to (K1)
 * @param district the guardian's district
 * @param sentTo the address of record the key was mailed to
 * @param issuedAt when it was issued
 * @param expiresAt when it stops working (S21)
 * @param state live, redeemed or revoked
 * @param redeemedAt when it was redeemed
 * @param redeemedBy the account it created
 * @param redeemedLoginName the login name chosen at redemption
 * @param revokedAt when it was revoked
 */
public record ActivationKeyRecord(
    TokenDigest digest, GuardianId guardian, DistrictId district, EmailAddress sentTo,
    Instant issuedAt, Instant expiresAt, KeyState state, @Nullable Instant redeemedAt,
    @Nullable AccountId redeemedBy, @Nullable LoginName redeemedLoginName,
    @Nullable Instant revokedAt) {

  public ActivationKeyRecord {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(sentTo, "sentTo");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("a key must expire after it is issued");
    }
  }

  /** A fresh live key. */
  public static ActivationKeyRecord live(TokenDigest digest, GuardianId guardian,
      DistrictId district, EmailAddress sentTo, Instant issuedAt, Instant expiresAt) {
    return new ActivationKeyRecord(digest, guardian, district, sentTo, issuedAt, expiresAt,
        KeyState.LIVE, null, null, null, null);
  }


  public ActivationKeyRecord redeemed(Instant at, AccountId account, LoginName loginName) {
    return new ActivationKeyRecord(digest, guardian, district, sentTo, issuedAt, expiresAt,
        KeyState.REDEEMED, at, account, loginName, null);
  }

  public ActivationKeyRecord revoked(Instant at) {
    return new ActivationKeyRecord(digest, guardian, district, sentTo, issuedAt, expiresAt,
        KeyState.REVOKED, null, null, null, at);
  }
}
