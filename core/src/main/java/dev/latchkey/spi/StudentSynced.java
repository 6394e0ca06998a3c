package dev.latchkey.spi;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.Student;
import dev.latchkey.roster.StudentFollowUp;
import java.util.Objects;
import java.util.Optional;

/**
 * A student written by {@link RosterStore#syncStudents}, with the follow-up the decider asked for
 * and what became of it.
 *
 * @param student the record as written
 * @param followUp the decider's follow-up, under the record's lock
 * @param status whether the follow-up was applied
 * @param account the student's account after the write, if there is one
 */
public record StudentSynced(Student student, StudentFollowUp followUp, Status status,
    Optional<AccountId> account) {
  public StudentSynced {
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(followUp, "followUp");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(account, "account");
  }

  /** What became of the follow-up. */
  public enum Status {
    /** Applied with the record (always, for {@link StudentFollowUp#NONE}). */
    APPLIED,
    /**
     * {@link StudentFollowUp#CREATE_ACCOUNT}, but the prepared account's login name is taken by
     * now (the rule of {@link AccountStore#loginNameTaken}): the record is written, no account.
     */
    LOGIN_NAME_TAKEN,
    /**
     * {@link StudentFollowUp#CREATE_ACCOUNT}, but no account was prepared for the student: the
     * record is written, no account.
     */
    NOT_PREPARED
  }
}
