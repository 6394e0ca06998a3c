package dev.latchkey.recovery;

import dev.latchkey.password.PasswordRejection;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link Recovery#resetPassword}. */
public sealed interface ResetResult {
  /** A stable code to switch on. */
  ResetCode code();

  /**
   * The password was reset, the token used up, a lock lifted (by default), and a
   * PASSWORD_CHANGED notice queued.
   *
   * @param credentialVersion the account's new credential version
   */
  record Reset(long credentialVersion) implements ResetResult {
    @Override
    public ResetCode code() {
      return ResetCode.VALID;
    }
  }

  /**
   * Nothing changed; the token is still usable unless the code says otherwise.
   *
   * @param code why
   * @param passwordRejections the policy's reasons, with {@link ResetCode#PASSWORD_TOO_WEAK}
   */
  record Rejected(ResetCode code, List<PasswordRejection> passwordRejections)
      implements ResetResult {
    public Rejected {
      Objects.requireNonNull(code, "code");
      if (code == ResetCode.VALID) {
        throw new IllegalArgumentException("VALID is not a rejection");
      }
      passwordRejections = List.copyOf(passwordRejections);
    }

    public static Rejected of(ResetCode code) {
      return new Rejected(code, List.of());
    }
  }
}
