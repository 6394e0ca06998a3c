package dev.latchkey.roster;

import java.util.List;

/**
 * What a roster batch (or a year-end rollover) did.
 *
 * @param schools schools applied
 * @param guardians guardians applied
 * @param students students applied
 * @param links links applied
 * @param deleted records deleted: by a deletion row, or missing from a bulk kind
 * @param accountsCreated student accounts created (their credentials queued to the schools)
 * @param accountsSuspended logins suspended (withdrawn, ineligible or disabled by the SIS)
 * @param accountsRestored suspended logins brought back
 * @param errors the records not applied, each with its reason
 */
public record BatchReport(int schools, int guardians, int students, int links, int deleted,
    int accountsCreated, int accountsSuspended, int accountsRestored, List<RecordError> errors) {
  public BatchReport {
    errors = List.copyOf(errors);
  }

  /** Records applied, deletions included. */
  public int applied() {
    return schools + guardians + students + links + deleted;
  }
}
