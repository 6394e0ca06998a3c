package dev.latchkey.recovery;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.RequestContext;

/**
 * Self-service recovery: "Forgot Username?" and "Forgot Password?".
 *
 * <p>Both requests answer the same whether or not the address or name exists (S13), mail only
 * the address of record (S23), and are limited per account, per address and per source (S24).
 * A reset token is single-use, short-lived and stored as a digest; opening the link
 * ({@link #checkResetToken}) never uses it up, only {@link #resetPassword} does (S22). A
 * completed reset lifts a lock by default: it proves control of the address of record.
 *
 * <p>They also take the caller the same time either way. With a relay executor
 * ({@code Latchkey.Builder.relayExecutor}) each answers once its input is judged and its
 * source's limit taken, and the lookup, the token, the per-account limit and the mail run on
 * that executor afterwards; a store failure there is logged, never told. Without one (or with
 * synchronous delivery) that work runs before the call returns, and a real account's request
 * takes measurably longer than an unknown name's.
 */
public interface Recovery {
  /** Mails the login names tied to {@code email} in the district to that address. */
  RecoveryAnswer forgotUsername(DistrictId district, String email, RequestContext request);

  /**
   * Mails a reset link for the account named by {@code loginNameOrEmail} (or, for an email,
   * each active account of guardians with that address) to its address of record.
   */
  RecoveryAnswer forgotPassword(DistrictId district, String loginNameOrEmail,
      RequestContext request);

  /** Whether a token from a reset link can still be used; never uses it up. */
  ResetCode checkResetToken(String token);

  /** Sets a new password with a reset token: the one call that uses the token up. */
  ResetResult resetPassword(String token, String password, String confirmation,
      RequestContext request);
}
