package dev.latchkey.oneroster;

import dev.latchkey.roster.RecordError;
import dev.latchkey.roster.RosterBatch;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a OneRoster bundle holds for Latchkey: the batch to apply, and the rows refused while
 * reading.
 *
 * <p>{@link #errors()} lists rows the reader refused (a {@code status} filled in a bulk file, a
 * delta row without one, an {@code enabledUser} that is neither {@code true} nor
 * {@code false}); they are not in the batch. Everything else the core judges: a row with a
 * missing name or an unknown grade is in the batch and
 * {@link dev.latchkey.roster.Roster#importBatch} reports it with the same {@code users.csv:12}
 * source. Because a bulk kind deletes what the batch omits, a record refused here from a bulk
 * file would lose access on import: check {@code errors()} before applying a bulk batch.
 *
 * @param batch the rows for {@link dev.latchkey.roster.Roster#importBatch}
 * @param version the OneRoster version read
 * @param files each data file the manifest names (every file present when there is no
 *     manifest), keyed by its name without {@code .csv} ({@code users}, {@code orgs}, …)
 * @param errors rows refused while reading, in the order read
 */
public record OneRosterImport(RosterBatch batch, OneRosterVersion version,
    Map<String, FileMode> files, List<RecordError> errors) {

  public OneRosterImport {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(version, "version");
    files = Map.copyOf(files);
    errors = List.copyOf(errors);
  }

  /**
   * @param file a data file's name without {@code .csv}: {@code "users"}
   * @return its mode, {@link FileMode#ABSENT} when not named
   */
  public FileMode mode(String file) {
    return files.getOrDefault(Objects.requireNonNull(file, "file"), FileMode.ABSENT);
  }
}
