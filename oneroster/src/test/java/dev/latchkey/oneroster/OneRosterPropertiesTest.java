package dev.latchkey.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.latchkey.model.DistrictId;
import dev.latchkey.roster.RosterBatch.LinkRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class OneRosterPropertiesTest {
  static final int EXAMPLES = 300;
  final OneRosterReader reader = OneRosterReader.forDistrict(DistrictId.of("cedar-hollow"));
  final AtomicInteger counter = new AtomicInteger();

  @TempDir
  Path tmp;

  /** Text made of the pieces CSV parsers trip on, optionally after a valid header. */
  static Gen<byte[]> csvish(String header) {
    Gen<String> pieces = lists().of(arbitrary().pick(List.of("a", ",", "\"", "\n", "\r", "\r\n",
            "\uFEFF", "stu-1", "par-1", "student", "parent", "true", "false", "tobedeleted",
            "metadata.x", " ", "\u00e9", "\u0000", ",,,,,,,,,,,,,,,,,")))
        .ofSizeBetween(0, 80)
        .map(l -> String.join("", l));
    Gen<byte[]> text = booleans().all().zip(pieces,
        (withHeader, body) -> ((withHeader ? header + "\n" : "") + body)
            .getBytes(StandardCharsets.UTF_8));
    Gen<byte[]> raw = Generate.byteArrays(Generate.range(0, 200),
        Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    return text.mix(raw, 30);
  }

  Path folder() {
    try {
      return Files.createDirectories(tmp.resolve("b" + counter.incrementAndGet()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void readExpectingOnlyFormatFaults(Path bundle) {
    try {
      reader.read(bundle);
    } catch (OneRosterFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    } catch (IOException e) {
      throw new AssertionError("a readable bundle raised an I/O fault", e);
    }
  }

  @Test
  @DisplayName("Any bytes as users.csv give an import or a OneRosterFormatException, nothing else")
  void arbitraryUsersFile() {
    qt().withExamples(EXAMPLES).forAll(csvish(Bundles.USERS_1_1)).checkAssert(bytes -> {
      Path folder = folder();
      Bundles.write(folder, "manifest.csv", Bundles.MANIFEST_1_1_DELTA_USERS);
      Bundles.write(folder, "users.csv", bytes);
      readExpectingOnlyFormatFaults(folder);
    });
  }

  @Test
  void arbitraryRolesFileUnderOneTwoUsers() {
    String header = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,"
        + "endDate,orgSourcedId,userProfileSourcedId";
    qt().withExamples(EXAMPLES).forAll(csvish(header)).checkAssert(bytes -> {
      Path folder;
      try {
        folder = Bundles.copy("v1_2", folder());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Bundles.write(folder, "roles.csv", bytes);
      readExpectingOnlyFormatFaults(folder);
    });
  }

  @Test
  void arbitraryManifest() {
    qt().withExamples(EXAMPLES).forAll(csvish("propertyName,value")).checkAssert(bytes -> {
      Path folder = folder();
      Bundles.write(folder, "manifest.csv", bytes);
      readExpectingOnlyFormatFaults(folder);
    });
  }

  @Test
  void arbitraryZip() {
    qt().withExamples(EXAMPLES).forAll(csvish("PK\u0003\u0004")).checkAssert(bytes -> {
      Path zip = folder().resolve("bundle.zip");
      try {
        Files.write(zip, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      readExpectingOnlyFormatFaults(zip);
    });
  }

  /**
   * A family: which of 3 parents is linked to which of 3 students, and for each pair whether the
   * student's row, the parent's row or both name it.
   */
  record Family(List<Integer> sides) {
    static final int STUDENTS = 3;
    static final int PARENTS = 3;

    String users() {
      StringBuilder csv = new StringBuilder(Bundles.USERS_1_1).append('\n');
      for (int s = 0; s < STUDENTS; s++) {
        csv.append(row("stu-" + s, "student", agents(s, true)));
      }
      for (int p = 0; p < PARENTS; p++) {
        csv.append(row("par-" + p, p == 2 ? "relative" : "parent", agents(p, false)));
      }
      return csv.toString();
    }

    /** 0 no link, 1 named by the student, 2 by the parent, 3 by both. */
    int side(int student, int parent) {
      return sides.get(student * PARENTS + parent);
    }

    String agents(int self, boolean student) {
      List<String> named = new java.util.ArrayList<>();
      for (int other = 0; other < (student ? PARENTS : STUDENTS); other++) {
        int side = student ? side(self, other) : side(other, self);
        if (side == 3 || side == (student ? 1 : 2)) {
          named.add((student ? "par-" : "stu-") + other);
        }
      }
      return "\"" + String.join(",", named) + "\"";
    }

    static String row(String id, String role, String agents) {
      return id + ",,,true,sch-1," + role + "," + id + ",,Given,Family,,,,,," + agents
          + ",07,\n";
    }

    Set<List<String>> expected() {
      Set<List<String>> pairs = new HashSet<>();
      for (int s = 0; s < STUDENTS; s++) {
        for (int p = 0; p < PARENTS; p++) {
          if (side(s, p) != 0) {
            pairs.add(List.of("par-" + p, "stu-" + s));
          }
        }
      }
      return pairs;
    }
  }

  @Test
  @DisplayName("Links are the pairs named from either side or both, each once")
  void linksAreUndirected() {
    Gen<Family> families = lists().of(integers().between(0, 3))
        .ofSize(Family.STUDENTS * Family.PARENTS).map(Family::new);
    qt().withExamples(200).forAll(families).checkAssert(family -> {
      Path folder = folder();
      Bundles.write(folder, "manifest.csv", Bundles.MANIFEST_1_1_BULK_USERS);
      Bundles.write(folder, "users.csv", family.users());
      List<LinkRow> links;
      try {
        links = reader.read(folder).batch().links();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(links).extracting(l -> List.of(l.guardianId(), l.studentId()))
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(family.expected());
      assertThat(links).allSatisfy(l -> assertThat(l.relationship())
          .isEqualTo(l.guardianId().equals("par-2") ? "relative" : "parent"));
    });
  }
}
