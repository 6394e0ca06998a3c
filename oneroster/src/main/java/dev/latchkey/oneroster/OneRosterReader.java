package dev.latchkey.oneroster;

import dev.latchkey.model.DistrictId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a OneRoster CSV bundle into a {@link dev.latchkey.roster.RosterBatch} for one district.
 *
 * <pre>{@code
 * OneRosterImport read = OneRosterReader.forDistrict(DistrictId.of("naperville-203"))
 *     .read(Path.of("/exports/oneroster-2026-08-17.zip"));
 * if (read.errors().isEmpty()) {
 *   BatchReport report = latchkey.roster().importBatch(read.batch());
 * }
 * }</pre>
 *
 * <h2>What is read</h2>
 * A {@code .zip} with the CSV files at its root, or a folder holding them; OneRoster 1.1
 * ({@code users.csv} with {@code orgSourcedIds} and {@code role}) or 1.2 ({@code users.csv}
 * without them, plus {@code roles.csv}). Only {@code manifest.csv}, {@code orgs.csv},
 * {@code users.csv}, {@code roles.csv} (1.2) and {@code demographics.csv} are read; the other
 * files (classes, enrollments, results, …) are neither read nor checked.
 *
 * <ul>
 *   <li><b>Manifest.</b> {@code oneroster.version} must be {@code 1.1} or {@code 1.2};
 *       {@code file.<name>} says {@code absent}, {@code bulk} or {@code delta} (a file not named
 *       is absent). A file read here that the manifest declares absent, or one declared bulk or
 *       delta that is missing, fails the read: guessing would risk deleting a district's roster.
 *       <b>Without a manifest</b> every file present is bulk, and the version is the one whose
 *       {@code users.csv} header matches (else 1.2 when {@code roles.csv} is present, else 1.1);
 *       OneRoster 1.0 headers are not read.
 *   <li><b>Format.</b> RFC 4180 through Apache Commons CSV, UTF-8, a BOM ignored; the header row
 *       must hold the version's spec columns in the spec's order and case, followed only by
 *       {@code metadata.*} extension columns; every row has the header's number of fields;
 *       a file without data rows is refused. Any of these fails the whole read with a
 *       {@link OneRosterFormatException} naming the file and line. Blank lines are skipped.
 *   <li><b>Schools.</b> Orgs of type {@code school}, with the {@code metadata.contactEmail}
 *       extension column as the office address when present (OneRoster has no such field).
 *   <li><b>Students.</b> Users whose role is {@code student}: student number from
 *       {@code identifier} (else the sourcedId), the first of {@code grades} as written (the
 *       core reads {@code 06}, {@code Sixth grade}, {@code KG}, {@code UG}), the school from
 *       {@code orgSourcedIds} (1.1: the first that is a school of the bundle, else the first) or
 *       from the student's {@code roles.csv} rows (1.2: the {@code primary} one, else the
 *       first), the birth date from {@code demographics.csv} when present.
 *   <li><b>Contacts.</b> Users whose role is {@code parent}, {@code guardian} or
 *       {@code relative} become guardians, matched on sourcedId only: email, phone (or
 *       {@code sms} when there is no phone). Teachers, aides and administrators are ignored. In
 *       1.2 a user holding a student role is a student whatever else it holds, and a contact
 *       holding several contact roles takes the first of parent, guardian, relative. A 1.2 user
 *       with no role in the bundle's {@code roles.csv} is ignored, so a 1.2 delta must carry the
 *       roles of the users it changes.
 *   <li><b>Links.</b> {@code agentSourcedIds} is read as undirected: each pair named from either
 *       side, once, where one is a student and the other a contact of this bundle, becomes a
 *       link with the contact's role as relationship and portal access granted (the core's
 *       {@link dev.latchkey.roster.AccessPolicy} decides what a relative sees).
 *   <li><b>Sign-in.</b> {@code enabledUser=false} keeps the record with sign-in disabled.
 *   <li><b>Bulk and delta.</b> A bulk {@code users.csv} makes guardians, students and links bulk;
 *       a bulk {@code orgs.csv} makes schools bulk. In bulk files {@code status} and
 *       {@code dateLastModified} must be blank; in delta files both are required, and
 *       {@code status=tobedeleted} becomes a deletion. A delta adds and refreshes links; it
 *       removes none (only a bulk file or a deletion does). A bulk file with a row this reader
 *       refused deletes nothing: the refused row names someone still on the SIS's roll, so the
 *       bundle is applied as a delta until a clean bulk file arrives.
 * </ul>
 *
 * <p>Row-level faults the core judges (a missing name, an unknown grade, a duplicate id, a link
 * to an unknown record, a malformed birth date) pass through in the batch, each row carrying
 * its source ({@code users.csv:12}) for the core's report; faults of the OneRoster rules
 * themselves are listed in {@link OneRosterImport#errors()}.
 *
 * <p>The {@code password} column is never read out of the CSV parser: no row, error or message
 * holds it. Instances are immutable and thread-safe.
 */
public final class OneRosterReader {
  private final DistrictId district;

  private OneRosterReader(DistrictId district) {
    this.district = district;
  }

  /**
   * @param district the district every record of the bundle belongs to
   * @return a reader whose batches belong to {@code district}
   */
  public static OneRosterReader forDistrict(DistrictId district) {
    return new OneRosterReader(Objects.requireNonNull(district, "district"));
  }

  /**
   * Reads a bundle.
   *
   * @param zipOrFolder a {@code .zip} with the CSV files at its root, or a folder holding them
   * @return the batch, the version and file modes read, and the rows refused while reading
   * @throws OneRosterFormatException when the bundle breaks the format (see the class javadoc)
   * @throws IOException when the path cannot be read
   */
  public OneRosterImport read(Path zipOrFolder) throws IOException {
    Objects.requireNonNull(zipOrFolder, "zipOrFolder");
    try (Bundle bundle = Bundle.open(zipOrFolder)) {
      return new BundleReader(district, bundle).read();
    }
  }
}
