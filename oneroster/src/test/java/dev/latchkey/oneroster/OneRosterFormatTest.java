package dev.latchkey.oneroster;

import static dev.latchkey.oneroster.Bundles.MANIFEST_1_1_BULK_USERS;
import static dev.latchkey.oneroster.Bundles.MANIFEST_1_1_DELTA_USERS;
import static dev.latchkey.oneroster.Bundles.USERS_1_1;
import static dev.latchkey.oneroster.Bundles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.model.DistrictId;
import dev.latchkey.oneroster.OneRosterFormatException.Code;
import dev.latchkey.roster.RecordError;
import dev.latchkey.roster.RecordError.Problem;
import dev.latchkey.roster.RosterBatch.GuardianRow;
import dev.latchkey.roster.RosterBatch.Kind;
import dev.latchkey.roster.RosterBatch.StudentRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneRosterFormatTest {
  final OneRosterReader reader = OneRosterReader.forDistrict(DistrictId.of("cedar-hollow"));

  @TempDir
  Path tmp;
  Path folder;

  @BeforeEach
  void setUp() throws IOException {
    folder = Files.createDirectories(tmp.resolve("bundle"));
  }

  static final String STUDENT = "stu-1,,,true,sch-1,student,u1,,Ana,Reyes,,100,,,,,07,"
      + "Pass!w0rd-stu-1\n";
  static final String PARENT = "par-1,,,true,sch-1,parent,p1,,Luz,Reyes,,,luz@example.org,,,"
      + "stu-1,,Pass!w0rd-par-1\n";

  OneRosterImport users(String manifest, String users) throws IOException {
    write(folder, "manifest.csv", manifest);
    write(folder, "users.csv", users);
    return reader.read(folder);
  }

  OneRosterFormatException failure(ThrowingCallable call) {
    OneRosterFormatException e = catchThrowableOfType(OneRosterFormatException.class, call);
    assertThat(e).as("a OneRosterFormatException").isNotNull();
    assertThat(e.getMessage()).doesNotContain(Bundles.PASSWORD_MARK);
    assertThat(e.getStackTrace()).isEmpty();
    return e;
  }

  @Test
  void headerColumnsOutOfOrderFailTheImport() {
    String swapped = USERS_1_1.replace("givenName,familyName", "familyName,givenName");

    OneRosterFormatException e = failure(() -> users(MANIFEST_1_1_BULK_USERS,
        swapped + "\n" + STUDENT));

    assertThat(e.code()).isEqualTo(Code.BAD_HEADER);
    assertThat(e.file()).isEqualTo("users.csv");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.getMessage()).isEqualTo(
        "users.csv:1: column 9 must be 'givenName' (the columns are out of order)");
  }

  @Test
  void headerInAnotherCaseFailsTheImport() {
    OneRosterFormatException e = failure(() -> users(MANIFEST_1_1_BULK_USERS,
        USERS_1_1.replace("givenName", "GivenName") + "\n" + STUDENT));

    assertThat(e.code()).isEqualTo(Code.BAD_HEADER);
    assertThat(e.getMessage()).contains("case-sensitive");
  }

  @Test
  void aMissingHeaderFailsWithoutEchoingTheDataRow() {
    OneRosterFormatException e = failure(() -> users(MANIFEST_1_1_BULK_USERS, STUDENT + PARENT));

    assertThat(e.code()).isEqualTo(Code.BAD_HEADER);
    assertThat(e.getMessage()).doesNotContain("stu-1").doesNotContain("Ana");
  }

  @Test
  void oneRosterTwoHeadersInAOneOneBundleFail() {
    OneRosterFormatException e = failure(() -> users(MANIFEST_1_1_BULK_USERS,
        "sourcedId,status,dateLastModified,enabledUser,username\nx,,,true,y\n"));

    assertThat(e.code()).isEqualTo(Code.BAD_HEADER);
    assertThat(e.getMessage()).isEqualTo("users.csv:1: column 5 must be 'orgSourcedIds'");
  }

  @Test
  void metadataColumnsAfterTheSpecColumnsAreRead() throws IOException {
    OneRosterImport read = users(MANIFEST_1_1_BULK_USERS,
        USERS_1_1 + ",metadata.homeroom,metadata.bus\n"
            + STUDENT.replace("\n", ",7B,12\n"));

    assertThat(read.batch().students()).hasSize(1);
  }

  @Test
  void anExtraColumnNotNamedMetadataFails() {
    OneRosterFormatException e = failure(() -> users(MANIFEST_1_1_BULK_USERS,
        USERS_1_1 + ",homeroom\n" + STUDENT.replace("\n", ",7B\n")));

    assertThat(e.code()).isEqualTo(Code.BAD_HEADER);
    assertThat(e.getMessage()).contains("column 19").contains("metadata.*");
  }

  @Test
  void aMetadataColumnAmongTheSpecColumnsFails() {
    String header = USERS_1_1.replace("sourcedId,status", "sourcedId,metadata.x,status");

    assertThat(failure(() -> users(MANIFEST_1_1_BULK_USERS, header + "\n"
        + STUDENT.replace("stu-1,", "stu-1,x,"))).code()).isEqualTo(Code.BAD_HEADER);
  }

  @Test
  void aByteOrderMarkIsIgnored() throws IOException {
    write(folder, "manifest.csv", "\uFEFF" + MANIFEST_1_1_BULK_USERS);
    write(folder, "users.csv", "\uFEFF" + USERS_1_1 + "\n" + STUDENT);

    assertThat(reader.read(folder).batch().students()).hasSize(1);
  }

  @Test
  void crLfLineEndsAndATrailingBlankLineAreRead() throws IOException {
    OneRosterImport read = users(MANIFEST_1_1_BULK_USERS,
        (USERS_1_1 + "\n" + STUDENT + PARENT + "\n").replace("\n", "\r\n"));

    assertThat(read.batch().guardians()).extracting(GuardianRow::source)
        .containsExactly("users.csv:3");
  }

  @Test
  void aFileWithNoDataRowsFails() {
    OneRosterFormatException e = failure(() -> users(MANIFEST_1_1_BULK_USERS, USERS_1_1 + "\n"));

    assertThat(e.code()).isEqualTo(Code.NO_DATA_ROWS);
    assertThat(e.getMessage()).startsWith("users.csv: ");
  }

  @Test
  void anEmptyFileFailsForItsMissingHeader() {
    assertThat(failure(() -> users(MANIFEST_1_1_BULK_USERS, "")).code())
        .isEqualTo(Code.BAD_HEADER);
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsFailsWithItsLine() {
    OneRosterFormatException e = failure(() -> users(MANIFEST_1_1_BULK_USERS,
        USERS_1_1 + "\n" + STUDENT + "par-1,,,true\n"));

    assertThat(e.code()).isEqualTo(Code.COLUMN_COUNT);
    assertThat(e.getMessage()).startsWith("users.csv:3: ");
  }

  @Test
  void anUnclosedQuoteFails() {
    assertThat(failure(() -> users(MANIFEST_1_1_BULK_USERS,
        USERS_1_1 + "\n" + STUDENT.replace("Ana", "\"Ana"))).code())
        .isEqualTo(Code.MALFORMED_CSV);
  }

  @Test
  void bytesThatAreNotUtf8Fail() throws IOException {
    write(folder, "manifest.csv", MANIFEST_1_1_BULK_USERS);
    byte[] latin1 = (USERS_1_1 + "\n" + STUDENT.replace("Ana", "Ana\u00efs"))
        .getBytes(StandardCharsets.ISO_8859_1);
    write(folder, "users.csv", latin1);

    assertThat(failure(() -> reader.read(folder)).code()).isEqualTo(Code.ENCODING);
  }

  @Test
  void anUnknownVersionFails() {
    OneRosterFormatException e = failure(() -> users(
        MANIFEST_1_1_BULK_USERS.replace("1.1", "1.0"), USERS_1_1 + "\n" + STUDENT));

    assertThat(e.code()).isEqualTo(Code.UNSUPPORTED_VERSION);
    assertThat(e.getMessage()).startsWith("manifest.csv:2: ");
  }

  @Test
  void aManifestWithoutVersionFails() {
    assertThat(failure(() -> users("propertyName,value\nfile.users,bulk\n",
        USERS_1_1 + "\n" + STUDENT)).code()).isEqualTo(Code.BAD_MANIFEST);
  }

  @Test
  void aFileModeOutsideTheVocabularyFails() {
    OneRosterFormatException e = failure(() -> users(
        MANIFEST_1_1_BULK_USERS.replace("bulk", "Bulk"), USERS_1_1 + "\n" + STUDENT));

    assertThat(e.code()).isEqualTo(Code.BAD_MANIFEST);
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void aFileTheManifestCallsAbsentFails() {
    assertThat(failure(() -> users(MANIFEST_1_1_BULK_USERS.replace("bulk", "absent"),
        USERS_1_1 + "\n" + STUDENT)).code()).isEqualTo(Code.MANIFEST_CONFLICT);
  }

  @Test
  void aFileTheManifestDeclaresButTheBundleLacksFails() {
    write(folder, "manifest.csv", MANIFEST_1_1_BULK_USERS);

    OneRosterFormatException e = failure(() -> reader.read(folder));

    assertThat(e.code()).isEqualTo(Code.MISSING_FILE);
    assertThat(e.file()).isEqualTo("users.csv");
  }

  @Test
  void oneTwoUsersWithoutRolesFail() throws IOException {
    Path copy = Bundles.copy("v1_2", tmp);
    Files.delete(copy.resolve("roles.csv"));
    Files.delete(copy.resolve("manifest.csv"));

    OneRosterFormatException e = failure(() -> reader.read(copy));

    assertThat(e.code()).isEqualTo(Code.MISSING_FILE);
    assertThat(e.file()).isEqualTo("roles.csv");
  }

  @Test
  void aZipWithItsFilesInsideAFolderFails() throws IOException {
    Path zip = Bundles.zip(Bundles.fixture("v1_1"), tmp.resolve("nested.zip"), "export/");

    assertThat(failure(() -> reader.read(zip)).code()).isEqualTo(Code.NOT_AT_ROOT);
  }

  @Test
  void aFileThatIsNoZipFails() throws IOException {
    Path notZip = Files.writeString(tmp.resolve("export.zip"), "sourcedId,status\n");

    assertThat(failure(() -> reader.read(notZip)).code()).isEqualTo(Code.NOT_A_BUNDLE);
  }

  // ---- row-level problems ----

  @Test
  @DisplayName("status or dateLastModified filled in a bulk file refuses that row, by line")
  void statusInBulkIsARowError() throws IOException {
    OneRosterImport read = users(MANIFEST_1_1_BULK_USERS, USERS_1_1 + "\n" + STUDENT
        + PARENT.replace("par-1,,,", "par-1,active,,")
        + PARENT.replace("par-1,,,", "par-2,,2026-01-01T00:00:00Z,"));

    assertThat(read.errors()).containsExactly(
        new RecordError("users.csv:3", Kind.GUARDIAN, "par-1", Problem.INVALID_FIELD, "status"),
        new RecordError("users.csv:4", Kind.GUARDIAN, "par-2", Problem.INVALID_FIELD,
            "dateLastModified"));
    assertThat(read.batch().guardians()).isEmpty();
    assertThat(read.batch().students()).hasSize(1);
    assertThat(read.batch().bulk()).as("refused rows name people still there: delete nothing")
        .isEmpty();
  }

  @Test
  void deltaRowsNeedAValidStatusAndDate() throws IOException {
    String active = ",active,2026-09-01T08:00:00Z,";
    OneRosterImport read = users(MANIFEST_1_1_DELTA_USERS, USERS_1_1 + "\n"
        + STUDENT.replace("stu-1,,,", "stu-1" + active)
        + STUDENT.replace("stu-1,,,", "stu-2,,2026-09-01T08:00:00Z,")
        + STUDENT.replace("stu-1,,,", "stu-3,deleted,2026-09-01T08:00:00Z,")
        + STUDENT.replace("stu-1,,,", "stu-4,active,,")
        + STUDENT.replace("stu-1,,,", "stu-5,active,yesterday,"));

    assertThat(read.batch().students()).extracting(StudentRow::id).containsExactly("stu-1");
    assertThat(read.errors()).extracting(RecordError::source, RecordError::problem,
            RecordError::field)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("users.csv:3", Problem.MISSING_FIELD, "status"),
            org.assertj.core.api.Assertions.tuple("users.csv:4", Problem.INVALID_FIELD, "status"),
            org.assertj.core.api.Assertions.tuple("users.csv:5", Problem.MISSING_FIELD,
                "dateLastModified"),
            org.assertj.core.api.Assertions.tuple("users.csv:6", Problem.INVALID_FIELD,
                "dateLastModified"));
  }

  @Test
  void enabledUserMustBeTrueOrFalse() throws IOException {
    OneRosterImport read = users(MANIFEST_1_1_BULK_USERS, USERS_1_1 + "\n"
        + STUDENT.replace(",true,", ",yes,") + PARENT.replace(",true,", ",,"));

    assertThat(read.errors()).containsExactly(
        new RecordError("users.csv:2", Kind.STUDENT, "stu-1", Problem.INVALID_FIELD,
            "enabledUser"),
        new RecordError("users.csv:3", Kind.GUARDIAN, "par-1", Problem.MISSING_FIELD,
            "enabledUser"));
  }

  @Test
  @DisplayName("A missing givenName passes through for the core to report with its source")
  void missingNamesPassThrough() throws IOException {
    OneRosterImport read = users(MANIFEST_1_1_BULK_USERS, USERS_1_1 + "\n"
        + STUDENT + PARENT.replace("Luz", ""));

    assertThat(read.errors()).isEmpty();
    assertThat(read.batch().guardians()).singleElement().satisfies(g -> {
      assertThat(g.source()).isEqualTo("users.csv:3");
      assertThat(g.givenName()).isNull();
    });
  }

  @Test
  void aUserWithoutARoleIsIgnored() throws IOException {
    OneRosterImport read = users(MANIFEST_1_1_BULK_USERS, USERS_1_1 + "\n"
        + STUDENT + PARENT.replace(",parent,", ",,"));

    assertThat(read.errors()).isEmpty();
    assertThat(read.batch().guardians()).isEmpty();
    assertThat(read.batch().links()).isEmpty();
  }

  @Test
  void gradesListTakesTheFirstAndUnknownGradesPassThrough() throws IOException {
    OneRosterImport read = users(MANIFEST_1_1_BULK_USERS, USERS_1_1 + "\n"
        + STUDENT.replace(",07,", ",\"08, 09\",")
        + STUDENT.replace("stu-1", "stu-2").replace(",07,", ",Postsecondary,"));

    assertThat(read.batch().students()).extracting(StudentRow::grade)
        .containsExactly("08", "Postsecondary");
  }

  @Test
  @DisplayName("In 1.2 a user with a student and a parent role is a student")
  void studentRoleWinsOverParentRole() throws IOException {
    Path copy = Bundles.copy("v1_2", tmp);
    Files.writeString(copy.resolve("roles.csv"),
        "role-sam-parent,,,stu-sam,secondary,parent,,,sch-hs,\n",
        java.nio.file.StandardOpenOption.APPEND);

    OneRosterImport read = reader.read(copy);

    assertThat(read.batch().students()).extracting(StudentRow::id).contains("stu-sam");
    assertThat(read.batch().guardians()).extracting(GuardianRow::id).doesNotContain("stu-sam");
  }

  @Test
  void oneTwoUsersWithoutARoleAreIgnored() throws IOException {
    Path copy = Bundles.copy("v1_2", tmp);
    String roles = Files.readString(copy.resolve("roles.csv"));
    Files.writeString(copy.resolve("roles.csv"), roles.replace(
        "role-grace,,,rel-grace,primary,relative,,,sch-hs,\n", ""));

    OneRosterImport read = reader.read(copy);

    assertThat(read.batch().guardians()).extracting(GuardianRow::id).doesNotContain("rel-grace");
    assertThat(read.batch().links()).hasSize(7);
  }

  @Test
  void aManifestAloneIsAnEmptyImport() throws IOException {
    write(folder, "manifest.csv", "propertyName,value\noneroster.version,1.2\n");

    OneRosterImport read = reader.read(folder);

    assertThat(read.batch().size()).isZero();
    assertThat(read.batch().bulk()).isEmpty();
  }

  @Test
  void aPathThatIsNeitherFolderNorFileFails() {
    assertThatThrownBy(() -> reader.read(tmp.resolve("missing.zip")))
        .isInstanceOf(OneRosterFormatException.class);
  }
}
