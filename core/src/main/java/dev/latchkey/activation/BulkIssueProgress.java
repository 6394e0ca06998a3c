package dev.latchkey.activation;

/** Hears how a bulk issuance is going, after every batch, so a host can show a progress bar. */
@FunctionalInterface
public interface BulkIssueProgress {
  /** A listener that ignores progress. */
  BulkIssueProgress NONE = (done, total, perSecond) -> { };

  /**
   * Called on the issuing thread after each batch commits.
   *
   * @param done guardians handled so far (issued or skipped)
   * @param total guardians awaiting a key when the run started
   * @param perSecond keys issued per second so far
   */
  void onProgress(long done, long total, double perSecond);
}
