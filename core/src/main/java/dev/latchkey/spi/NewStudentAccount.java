package dev.latchkey.spi;

import dev.latchkey.model.PortalAccount;
import dev.latchkey.notify.Notification;
import java.util.Objects;

/**
 * A student account prepared by the core (login name, initial password hash) with the
 * STUDENT_CREDENTIALS message to queue with it, for {@link RosterStore#syncStudents} to create
 * if its decider asks for it.
 *
 * @param account the account, {@code ACTIVE}, of a student
 * @param credentials its initial password, to the school
 */
public record NewStudentAccount(PortalAccount account, Notification credentials) {
  public NewStudentAccount {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(credentials, "credentials");
    if (account.student() == null) {
      throw new IllegalArgumentException("not a student account");
    }
  }

  @Override
  public String toString() {
    return "NewStudentAccount[account=" + account.id() + "]";
  }
}
