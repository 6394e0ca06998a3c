package dev.latchkey.account;

import dev.latchkey.password.PasswordRejection;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link Accounts#changePassword}. */
public sealed interface PasswordChangeResult {
  /** A stable code to switch on. */
  Code code();

  /** The outcome codes. */
  enum Code {
    CHANGED,
    /** The current password was wrong (counted as a failed sign-in), or the account may not
     * sign in: one answer for both, as at sign-in. */
    INVALID_CREDENTIALS,
    PASSWORD_MISMATCH,
    PASSWORD_TOO_WEAK,
    /** Another change landed first; read the account again and retry. */
    CONFLICT
  }

  /**
   * The password was changed and a PASSWORD_CHANGED notice queued.
   *
   * @param credentialVersion the new version; sessions made under an older one should end
   */
  record Changed(long credentialVersion) implements PasswordChangeResult {
    @Override
    public Code code() {
      return Code.CHANGED;
    }
  }

  /**
   * Nothing changed.
   *
   * @param code why
   * @param passwordRejections the policy's reasons, with {@link Code#PASSWORD_TOO_WEAK}
   */
  record Rejected(Code code, List<PasswordRejection> passwordRejections)
      implements PasswordChangeResult {
    public Rejected {
      Objects.requireNonNull(code, "code");
      if (code == Code.CHANGED) {
        throw new IllegalArgumentException("CHANGED is not a rejection");
      }
      passwordRejections = List.copyOf(passwordRejections);
    }

    public static Rejected of(Code code) {
      return new Rejected(code, List.of());
    }
  }
}
