package dev.latchkey.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.latchkey.model.DistrictId;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.roster.RosterBatch.Deletion;
import dev.latchkey.roster.RosterBatch.GuardianRow;
import dev.latchkey.roster.RosterBatch.Kind;
import dev.latchkey.roster.RosterBatch.LinkRow;
import dev.latchkey.roster.RosterBatch.SchoolRow;
import dev.latchkey.roster.RosterBatch.StudentRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OneRosterReaderTest {
  static final DistrictId DISTRICT = DistrictId.of("cedar-hollow");
  final OneRosterReader reader = OneRosterReader.forDistrict(DISTRICT);

  @TempDir
  Path tmp;

  OneRosterImport read(String fixture) throws IOException {
    return reader.read(Bundles.fixture(fixture));
  }

  static <T> Map<String, T> byId(List<T> rows, Function<T, String> id) {
    return rows.stream().collect(Collectors.toMap(id, r -> r));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1_1", "v1_2"})
  @DisplayName("A shipped bundle gives two schools, five students, six guardians and eight links")
  void shippedBundleCounts(String fixture) throws IOException {
    OneRosterImport read = read(fixture);
    RosterBatch batch = read.batch();

    assertThat(read.errors()).isEmpty();
    assertThat(batch.district()).isEqualTo(DISTRICT);
    assertThat(batch.schools()).extracting(SchoolRow::id).containsExactly("sch-elm", "sch-hs");
    assertThat(batch.students()).extracting(StudentRow::id)
        .containsExactly("stu-ava", "stu-leo", "stu-nina", "stu-kit", "stu-sam");
    assertThat(batch.guardians()).extracting(GuardianRow::id).containsExactly("par-helen",
        "par-marcus", "gdn-ifeoma", "rel-grace", "par-dana", "gdn-ruth");
    assertThat(batch.links()).hasSize(8);
    assertThat(batch.deletions()).isEmpty();
    assertThat(batch.bulk()).containsExactlyInAnyOrder(Kind.SCHOOL, Kind.GUARDIAN,
        Kind.STUDENT, Kind.LINK);
  }

  @Test
  void versionAndFileModesComeFromTheManifest() throws IOException {
    OneRosterImport v11 = read("v1_1");
    OneRosterImport v12 = read("v1_2");

    assertThat(v11.version()).isEqualTo(OneRosterVersion.V1_1);
    assertThat(v11.mode("users")).isEqualTo(FileMode.BULK);
    assertThat(v11.mode("classes")).isEqualTo(FileMode.ABSENT);
    assertThat(v11.files()).hasSize(13);
    assertThat(v12.version()).isEqualTo(OneRosterVersion.V1_2);
    assertThat(v12.mode("roles")).isEqualTo(FileMode.BULK);
    assertThat(v12.files()).hasSize(21);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1_1", "v1_2"})
  @DisplayName("agentSourcedIds from the student side and the parent side give the same links, once")
  void linksFromEitherSideOnce(String fixture) throws IOException {
    List<LinkRow> links = read(fixture).batch().links();

    assertThat(links).extracting(LinkRow::guardianId, LinkRow::studentId,
            LinkRow::relationship, LinkRow::portalAccess)
        .containsExactlyInAnyOrder(
            tuple("par-helen", "stu-ava", "parent", true), // from Ava's row only
            tuple("par-marcus", "stu-ava", "parent", true), // from both rows
            tuple("par-helen", "stu-leo", "parent", true), // from the parents' rows only
            tuple("par-marcus", "stu-leo", "parent", true),
            tuple("gdn-ifeoma", "stu-nina", "guardian", true), // from Nina's row
            tuple("rel-grace", "stu-nina", "relative", true), // from Grace's row
            tuple("par-dana", "stu-kit", "parent", true),
            tuple("gdn-ruth", "stu-sam", "guardian", true)); // both rows; Olsen dropped
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1_1", "v1_2"})
  void eachLinkNamesTheRowItWasFirstSeenOn(String fixture) throws IOException {
    Map<String, LinkRow> links = read(fixture).batch().links().stream()
        .collect(Collectors.toMap(l -> l.guardianId() + ">" + l.studentId(), l -> l));

    assertThat(links.get("par-helen>stu-ava").source()).isEqualTo("users.csv:2");
    assertThat(links.get("par-helen>stu-leo").source()).isEqualTo("users.csv:7");
    assertThat(links.get("rel-grace>stu-nina").source()).isEqualTo("users.csv:10");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1_1", "v1_2"})
  void studentsCarryNumberGradeSchoolBirthDateAsWritten(String fixture) throws IOException {
    Map<String, StudentRow> students = byId(read(fixture).batch().students(), StudentRow::id);

    assertThat(students.get("stu-ava")).isEqualTo(new StudentRow("users.csv:2", "stu-ava",
        "200101", "Ava", "Thornbury", "2015-05-02", "05", "sch-elm", true, true));
    assertThat(students.get("stu-leo").grade()).isEqualTo("06");
    assertThat(students.get("stu-leo").schoolId()).isEqualTo("sch-hs");
    assertThat(students.get("stu-nina").grade()).isEqualTo("Sixth grade");
    assertThat(students.get("stu-kit")).isEqualTo(new StudentRow("users.csv:5", "stu-kit",
        "stu-kit", "Kit", "Marsh", null, "KG", "sch-elm", true, true));
    assertThat(students.get("stu-sam").grade()).isEqualTo("UG");
    assertThat(students.get("stu-sam").birthDate()).isEqualTo("2008-03-14");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1_1", "v1_2"})
  void guardiansCarryContactsAndSignIn(String fixture) throws IOException {
    Map<String, GuardianRow> guardians = byId(read(fixture).batch().guardians(),
        GuardianRow::id);

    assertThat(guardians.get("par-helen")).isEqualTo(new GuardianRow("users.csv:7",
        "par-helen", "Helen", "Thornbury", "helen.thornbury@example.org", "555-0101", null, null,
        true));
    assertThat(guardians.get("par-marcus").phone()).as("sms when no phone").isEqualTo("555-0102");
    assertThat(guardians.get("gdn-ifeoma").signInEnabled()).isFalse();
    assertThat(guardians.get("rel-grace").email()).isEqualTo("grace.okafor@example.org");
  }

  @Test
  void schoolsTakeTheContactEmailExtensionColumn() throws IOException {
    Map<String, SchoolRow> schools = byId(read("v1_1").batch().schools(), SchoolRow::id);

    assertThat(schools.get("sch-elm")).isEqualTo(new SchoolRow("orgs.csv:3", "sch-elm",
        "Willow Creek Elementary", "office@willowcreek.example.org"));
    assertThat(schools.get("sch-hs").contactEmail()).isNull();
  }

  @Test
  @DisplayName("1.1 and 1.2 bundles of the same roster give the same batch, sources aside")
  void bothVersionsGiveTheSameRecords() throws IOException {
    RosterBatch v11 = read("v1_1").batch();
    RosterBatch v12 = read("v1_2").batch();

    assertThat(v12.students()).isEqualTo(v11.students());
    assertThat(v12.guardians()).isEqualTo(v11.guardians());
    assertThat(v12.schools()).isEqualTo(v11.schools());
    assertThat(v12.links()).isEqualTo(v11.links());
  }

  @Test
  void teachersAndTheirAgentPairsAreIgnored() throws IOException {
    RosterBatch batch = read("v1_1").batch();

    assertThat(batch.guardians()).extracting(GuardianRow::id).doesNotContain("tch-olsen");
    assertThat(batch.students()).extracting(StudentRow::id).doesNotContain("tch-olsen");
    assertThat(batch.links()).extracting(LinkRow::guardianId).doesNotContain("tch-olsen");
  }

  @Test
  void zipAndFolderGiveTheSameImport() throws IOException {
    Path zip = Bundles.zip(Bundles.fixture("v1_2"), tmp.resolve("export.zip"), "");

    assertThat(reader.read(zip)).isEqualTo(read("v1_2"));
  }

  @Test
  void deltaGivesDeletionsAndNoBulkKinds() throws IOException {
    OneRosterImport read = read("delta_1_1");
    RosterBatch batch = read.batch();

    assertThat(read.mode("users")).isEqualTo(FileMode.DELTA);
    assertThat(read.errors()).isEmpty();
    assertThat(batch.bulk()).isEmpty();
    assertThat(batch.deletions()).containsExactly(
        new Deletion("users.csv:2", Kind.STUDENT, "stu-kit", null));
    assertThat(batch.guardians()).extracting(GuardianRow::id, GuardianRow::email)
        .containsExactly(tuple("par-dana", "dana.marsh@newmail.example.org"));
    assertThat(batch.students()).extracting(StudentRow::id, StudentRow::grade)
        .containsExactly(tuple("stu-zoe", "03"));
    assertThat(batch.links()).extracting(LinkRow::guardianId, LinkRow::studentId)
        .containsExactly(tuple("par-dana", "stu-zoe"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1_1", "v1_2", "delta_1_1"})
  @DisplayName("No password from users.csv surfaces in the import or its text")
  void passwordsNeverSurface(String fixture) throws IOException {
    OneRosterImport read = read(fixture);

    assertThat(read.toString()).doesNotContain(Bundles.PASSWORD_MARK);
    assertThat(read.batch().toString()).doesNotContain(Bundles.PASSWORD_MARK);
  }

  @Test
  void noManifestMeansBulkOfWhatIsPresentAndTheVersionOfTheUsersHeader() throws IOException {
    Path folder = Bundles.copy("v1_2", tmp);
    java.nio.file.Files.delete(folder.resolve("manifest.csv"));

    OneRosterImport read = reader.read(folder);

    assertThat(read.version()).isEqualTo(OneRosterVersion.V1_2);
    assertThat(read.files()).containsOnly(Map.entry("users", FileMode.BULK),
        Map.entry("roles", FileMode.BULK), Map.entry("orgs", FileMode.BULK),
        Map.entry("demographics", FileMode.BULK));
    assertThat(read.batch().links()).hasSize(8);
  }
}
