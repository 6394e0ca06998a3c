package dev.latchkey.oneroster;

/** How {@code manifest.csv} declares a data file ({@code file.users}, {@code file.orgs}, …). */
public enum FileMode {
  /** Not in the bundle. */
  ABSENT,
  /** The complete set: a record missing from the file is treated as deleted. */
  BULK,
  /** Changes only: {@code status} and {@code dateLastModified} are required on every row. */
  DELTA
}
