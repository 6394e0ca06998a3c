package dev.latchkey.roster;

import dev.latchkey.model.DistrictId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A batch of roster records for one district, as an SIS export delivers them: raw text fields,
 * each row tagged with where it came from ({@code "users.csv:12"}), so a bad record is reported
 * by its source and reason while the rest is applied. A record is applied whole or not at all.
 *
 * <p>A kind marked {@linkplain Builder#bulk bulk} is the district's complete set: a record of
 * that kind on file but missing from the batch is treated as deleted and loses access (a
 * guardian is disabled and unlinked, a student withdrawn, a link removed). Otherwise the batch
 * is a delta, and {@link Builder#delete} marks records to delete.
 *
 * @param district the district every record belongs to
 * @param schools school rows
 * @param guardians guardian rows
 * @param students student rows
 * @param links link rows
 * @param deletions records the SIS marks {@code tobedeleted}
 * @param bulk the kinds this batch holds completely
 */
public record RosterBatch(DistrictId district, List<SchoolRow> schools,
    List<GuardianRow> guardians, List<StudentRow> students, List<LinkRow> links,
    List<Deletion> deletions, Set<Kind> bulk) {

  /** The kinds of record a batch holds. */
  public enum Kind { SCHOOL, GUARDIAN, STUDENT, LINK }

  public RosterBatch {
    Objects.requireNonNull(district, "district");
    schools = List.copyOf(schools);
    guardians = List.copyOf(guardians);
    students = List.copyOf(students);
    links = List.copyOf(links);
    deletions = List.copyOf(deletions);
    bulk = Set.copyOf(bulk);
  }

  public static Builder builder(DistrictId district) {
    return new Builder(Objects.requireNonNull(district, "district"));
  }

  /** How many rows the batch holds, deletions included. */
  public int size() {
    return schools.size() + guardians.size() + students.size() + links.size() + deletions.size();
  }

  /**
   * A school.
   *
   * @param source where the row came from
   * @param id SIS id
   * @param name display name
   * @param contactEmail the office address for students' credentials, or null
   */
  public record SchoolRow(String source, @Nullable String id, @Nullable String name,
      @Nullable String contactEmail) {
    public SchoolRow {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A guardian.
   *
   * @param source where the row came from
   * @param id SIS id (one person is one guardian, matched on this only)
   * @param givenName given name
   * @param familyName family name
   * @param email address of record, or null
   * @param phone phone, or null
   * @param postalCode postal code, or null
   * @param language preferred language as a BCP 47 tag, or null
   * @param signInEnabled false for OneRoster {@code enabledUser=false}
   */
  public record GuardianRow(String source, @Nullable String id, @Nullable String givenName,
      @Nullable String familyName, @Nullable String email, @Nullable String phone,
      @Nullable String postalCode, @Nullable String language, boolean signInEnabled) {
    public GuardianRow {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A student.
   *
   * @param source where the row came from
   * @param id SIS id
   * @param studentNumber the number on school documents (OneRoster {@code identifier}); the id
   *     when null
   * @param givenName given name
   * @param familyName family name
   * @param birthDate {@code YYYY-MM-DD}, or null when unknown
   * @param grade the grade in any form {@link dev.latchkey.model.Grade#parse} reads
   * @param schoolId the school's SIS id, or null
   * @param enrolled false for a withdrawn student
   * @param signInEnabled false for OneRoster {@code enabledUser=false}
   */
  public record StudentRow(String source, @Nullable String id, @Nullable String studentNumber,
      @Nullable String givenName, @Nullable String familyName, @Nullable String birthDate,
      @Nullable String grade, @Nullable String schoolId, boolean enrolled,
      boolean signInEnabled) {
    public StudentRow {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A guardian–student link.
   *
   * @param source where the row came from
   * @param guardianId the guardian's SIS id
   * @param studentId the student's SIS id
   * @param relationship {@code parent}, {@code guardian}, {@code relative},
   *     {@code emergency} or {@code other} (any case)
   * @param portalAccess whether the SIS grants portal access on this link
   */
  public record LinkRow(String source, @Nullable String guardianId, @Nullable String studentId,
      @Nullable String relationship, boolean portalAccess) {
    public LinkRow {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A record to delete: a guardian, student or school by id, or a link by its two ids
   * ({@code id} the guardian's, {@code otherId} the student's).
   *
   * @param source where the row came from
   * @param kind what is deleted
   * @param id the record's id (the guardian's, for a link)
   * @param otherId the student's id for a link, otherwise null
   */
  public record Deletion(String source, Kind kind, @Nullable String id,
      @Nullable String otherId) {
    public Deletion {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** Collects rows; not thread-safe. */
  public static final class Builder {
    private final DistrictId district;
    private final List<SchoolRow> schools = new ArrayList<>();
    private final List<GuardianRow> guardians = new ArrayList<>();
    private final List<StudentRow> students = new ArrayList<>();
    private final List<LinkRow> links = new ArrayList<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private final Set<Kind> bulk = EnumSet.noneOf(Kind.class);

    private Builder(DistrictId district) {
      this.district = district;
    }

    public Builder school(SchoolRow row) {
      schools.add(Objects.requireNonNull(row, "row"));
      return this;
    }

    public Builder guardian(GuardianRow row) {
      guardians.add(Objects.requireNonNull(row, "row"));
      return this;
    }

    public Builder student(StudentRow row) {
      students.add(Objects.requireNonNull(row, "row"));
      return this;
    }

    public Builder link(LinkRow row) {
      links.add(Objects.requireNonNull(row, "row"));
      return this;
    }

    public Builder delete(Deletion deletion) {
      deletions.add(Objects.requireNonNull(deletion, "deletion"));
      return this;
    }

    /** Marks these kinds as complete: records of them missing from the batch are deleted. */
    public Builder bulk(Kind... kinds) {
      bulk.addAll(List.of(kinds));
      return this;
    }

    public RosterBatch build() {
      return new RosterBatch(district, schools, guardians, students, links, deletions, bulk);
    }
  }
}
