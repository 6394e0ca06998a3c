package dev.latchkey.roster;

import java.util.Objects;

/**
 * A batch record that was not applied, and why. Nothing of it was applied.
 *
 * @param source where the row came from ({@code "users.csv:12"})
 * @param kind what kind of record it was
 * @param id the record's id as given (may be empty when the id itself is missing)
 * @param problem the reason, as a stable code
 * @param field the field at fault, or empty
 */
public record RecordError(String source, RosterBatch.Kind kind, String id, Problem problem,
    String field) {

  /** Why a record was refused. */
  public enum Problem {
    /** A required field is empty. */
    MISSING_FIELD,
    /** A field is malformed (an id outside the GUID characters, an email, a date, a name too long). */
    INVALID_FIELD,
    /** The grade is none of the forms {@link dev.latchkey.model.Grade#parse} reads. */
    UNKNOWN_GRADE,
    /** Another record of the batch has the same id; neither is applied. */
    DUPLICATE_ID,
    /** A link or student names a guardian, student or school that is neither on file nor in the batch. */
    BROKEN_REFERENCE,
    /** The id is on file for another district. */
    DISTRICT_MISMATCH
  }

  public RecordError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(field, "field");
  }
}
