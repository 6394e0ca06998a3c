package dev.latchkey.helpdesk;

import java.util.Objects;
import java.util.Optional;

/** The outcome of a helpdesk action. */
public sealed interface HelpdeskResult {
  /** A stable code to switch on. */
  Code code();

  /** The outcome codes. */
  enum Code {
    DONE,
    /** No fresh verification of this guardian by this agent. */
    NOT_VERIFIED,
    UNKNOWN_GUARDIAN,
    /** The guardian has no login (yet). */
    NO_ACCOUNT,
    /** The guardian has no email on file. */
    NO_EMAIL,
    /** The new address is not exactly one email address. */
    INVALID_EMAIL,
    /** The guardian has a login already: reset the activation instead of issuing a key. */
    ACCOUNT_EXISTS,
    /** The record changed during the action; look again. */
    CONFLICT
  }

  /**
   * Done, audited, and the owner notified.
   *
   * @param loginName the login name, for {@link Helpdesk#readLoginName} only
   */
  record Done(Optional<String> loginName) implements HelpdeskResult {
    public Done {
      Objects.requireNonNull(loginName, "loginName");
    }

    @Override
    public Code code() {
      return Code.DONE;
    }
  }

  /**
   * Nothing changed.
   *
   * @param code why
   */
  record Refused(Code code) implements HelpdeskResult {
    public Refused {
      Objects.requireNonNull(code, "code");
      if (code == Code.DONE) {
        throw new IllegalArgumentException("DONE is not a refusal");
      }
    }
  }
}
