package dev.latchkey.activation;

import java.time.Duration;
import java.util.Objects;

/**
 * What a bulk issuance did.
 *
 * @param issued keys issued (each with its message queued)
 * @param skipped guardians who, by the time their batch committed, no longer awaited a key (a
 *     key or login appeared meanwhile, the address changed, the SIS disabled them)
 * @param elapsed how long the run took
 */
public record BulkIssueReport(long issued, long skipped, Duration elapsed) {
  public BulkIssueReport {
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
