package dev.latchkey.activation;

import dev.latchkey.model.AccountView;
import dev.latchkey.model.Student;
import dev.latchkey.password.PasswordRejection;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link Activation#redeem}: a new login, or a rejection with its code. */
public sealed interface RedeemResult {
  /** A stable code to switch on. */
  RedeemCode code();

  /**
   * A guardian login was created.
   *
   * @param account the new account
   * @param students the students it may see
   */
  record Redeemed(AccountView account, List<Student> students) implements RedeemResult {
    public Redeemed {
      Objects.requireNonNull(account, "account");
      students = List.copyOf(students);
    }

    @Override
    public RedeemCode code() {
      return RedeemCode.REDEEMED;
    }
  }

  /**
   * Nothing was created and nothing changed.
   *
   * @param code why
   * @param suggestions free login names, with {@link RedeemCode#USERNAME_TAKEN}
   * @param passwordRejections the policy's reasons, with {@link RedeemCode#PASSWORD_TOO_WEAK}
   */
  record Rejected(RedeemCode code, List<String> suggestions,
      List<PasswordRejection> passwordRejections) implements RedeemResult {
    public Rejected {
      Objects.requireNonNull(code, "code");
      if (code == RedeemCode.REDEEMED) {
        throw new IllegalArgumentException("REDEEMED is not a rejection");
      }
      suggestions = List.copyOf(suggestions);
      passwordRejections = List.copyOf(passwordRejections);
    }

    public static Rejected of(RedeemCode code) {
      return new Rejected(code, List.of(), List.of());
    }
  }
}
