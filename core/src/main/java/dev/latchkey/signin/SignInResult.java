package dev.latchkey.signin;

import dev.latchkey.model.AccountView;
import dev.latchkey.model.Student;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a sign-in. Every failing state — unknown name, wrong password, locked,
 * disabled — is the one {@link Failed} value, {@code equals()}-identical (S13): the owner of a
 * locked account learns of the lock by email, not here.
 */
public sealed interface SignInResult {
  /** A stable code to switch on. */
  Code code();

  /** The outcome codes. */
  enum Code {
    SIGNED_IN,
    /** Wrong login name or password (or any other reason the account may not sign in). */
    INVALID_CREDENTIALS,
    /** Too many failures from this source: slow down and try later. */
    THROTTLED
  }

  /**
   * Signed in.
   *
   * @param account the account
   * @param passwordChangeRequired the host must make the user change the password now
   * @param students the students this account may see: linked with portal access and enrolled
   */
  record SignedIn(AccountView account, boolean passwordChangeRequired, List<Student> students)
      implements SignInResult {
    public SignedIn {
      Objects.requireNonNull(account, "account");
      students = List.copyOf(students);
    }

    @Override
    public Code code() {
      return Code.SIGNED_IN;
    }
  }

  /** Not signed in. One value for every reason. */
  record Failed() implements SignInResult {
    @Override
    public Code code() {
      return Code.INVALID_CREDENTIALS;
    }
  }

  /** Refused before any check: this source has failed too often recently (S15). */
  record Throttled() implements SignInResult {
    @Override
    public Code code() {
      return Code.THROTTLED;
    }
  }
}
