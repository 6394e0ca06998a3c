package dev.latchkey.oneroster;

import java.util.Objects;

/**
 * A bundle that breaks the OneRoster CSV format in a way that makes the whole import
 * untrustworthy (a wrong header, a file with no data rows, a manifest that contradicts the
 * files): nothing of the bundle is returned. The message names the file and line and never
 * repeats a value from the data, so it is safe to show to the district's staff and to log.
 */
public final class OneRosterFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong, as a stable code a host can switch on or translate. */
  public enum Code {
    /** The path is neither a folder nor a readable zip. */
    NOT_A_BUNDLE,
    /** The zip keeps its CSV files inside a folder; they must sit at its root. */
    NOT_AT_ROOT,
    /** A file is not UTF-8. */
    ENCODING,
    /** A file is not RFC 4180 CSV (e.g. a quote that never closes). */
    MALFORMED_CSV,
    /** The header row is missing, or its columns are not the version's, in its order and case. */
    BAD_HEADER,
    /** A row has more or fewer fields than the header. */
    COLUMN_COUNT,
    /** A file has a header and no data rows, which the format does not permit. */
    NO_DATA_ROWS,
    /** {@code manifest.csv} lacks {@code oneroster.version} or has a bad or repeated entry. */
    BAD_MANIFEST,
    /** {@code oneroster.version} is neither 1.1 nor 1.2. */
    UNSUPPORTED_VERSION,
    /** The manifest declares a file bulk or delta that the bundle lacks, or 1.2 users come without roles. */
    MISSING_FILE,
    /** The bundle holds a file the manifest declares absent. */
    MANIFEST_CONFLICT
  }

  private final Code code;
  private final String file;
  private final long line;

  OneRosterFormatException(Code code, String file, long line, String detail) {
    super(location(file, line) + ": " + detail, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
  }

  private static String location(String file, long line) {
    return line > 0 ? file + ":" + line : file;
  }

  /** @return what is wrong */
  public Code code() {
    return code;
  }

  /**
   * @return the file at fault ({@code users.csv}), or the bundle's own name for faults of the
   *     bundle as a whole
   */
  public String file() {
    return file;
  }

  /** @return the line at fault (the header is line 1), or 0 when the fault is the whole file */
  public long line() {
    return line;
  }
}
