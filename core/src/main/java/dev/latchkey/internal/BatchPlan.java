package dev.latchkey.internal;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.roster.RecordError;
import dev.latchkey.roster.RecordError.Problem;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.roster.RosterBatch.Kind;
import dev.latchkey.spi.RosterStore;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A roster batch judged record by record before anything is written: the records to apply, in
 * model form, and the ones refused with their reasons. A record is refused whole; a link is
 * refused when either end is neither on file in the district nor a good record of the batch.
 */
record BatchPlan(List<School> schools, List<Guardian> guardians, List<Student> students,
    List<GuardianLink> links, List<GuardianId> deletedGuardians, List<StudentId> deletedStudents,
    List<GuardianLink> deletedLinks, Set<String> mentionedGuardians,
    Set<String> mentionedStudents, Set<String> mentionedLinks, List<RecordError> errors) {

  static String pair(GuardianLink link) {
    return pair(link.guardian().value(), link.student().value());
  }

  private static String pair(@Nullable String guardian, @Nullable String student) {
    return guardian + '\u0000' + student;
  }

  static BatchPlan of(RosterBatch batch, RosterStore store) {
    DistrictId district = batch.district();
    List<RecordError> errors = new ArrayList<>();

    // Schools.
    Set<String> dupSchools = duplicates(batch.schools(), RosterBatch.SchoolRow::id);
    Map<SchoolId, School> schools = new HashMap<>();
    for (RosterBatch.SchoolRow row : batch.schools()) {
      Check c = new Check(row.source(), Kind.SCHOOL, row.id(), errors);
      String id = c.id("id", row.id());
      String name = c.text("name", row.name(), 200);
      Optional<EmailAddress> contact = c.email("contactEmail", row.contactEmail());
      if (c.ok() && dupSchools.contains(id)) {
        c.fail(Problem.DUPLICATE_ID, "id");
      }
      if (c.ok() && store.school(SchoolId.of(id))
          .filter(s -> !s.district().equals(district)).isPresent()) {
        c.fail(Problem.DISTRICT_MISMATCH, "id");
      }
      if (c.ok()) {
        schools.put(SchoolId.of(id), new School(SchoolId.of(id), district, name, contact));
      }
    }

    // Guardians.
    Set<String> dupGuardians = duplicates(batch.guardians(), RosterBatch.GuardianRow::id);
    Map<GuardianId, Guardian> onFileGuardians = store.guardians(validIds(
        batch.guardians().stream().map(RosterBatch.GuardianRow::id).toList(), GuardianId::of));
    Map<GuardianId, Guardian> guardians = new HashMap<>();
    List<Guardian> guardianOrder = new ArrayList<>();
    for (RosterBatch.GuardianRow row : batch.guardians()) {
      Check c = new Check(row.source(), Kind.GUARDIAN, row.id(), errors);
      String id = c.id("id", row.id());
      String given = c.text("givenName", row.givenName(), 100);
      String family = c.text("familyName", row.familyName(), 100);
      Optional<EmailAddress> email = c.email("email", row.email());
      Optional<String> phone = c.optionalText("phone", row.phone(), 40);
      Optional<String> postal = c.optionalText("postalCode", row.postalCode(), 20);
      Optional<Locale> language = c.language("language", row.language());
      if (c.ok() && dupGuardians.contains(id)) {
        c.fail(Problem.DUPLICATE_ID, "id");
      }
      if (c.ok()) {
        Guardian existing = onFileGuardians.get(GuardianId.of(id));
        if (existing != null && !existing.district().equals(district)) {
          c.fail(Problem.DISTRICT_MISMATCH, "id");
        }
      }
      if (c.ok()) {
        Guardian g = new Guardian(GuardianId.of(id), district, given, family, email, phone,
            postal, language, row.signInEnabled());
        guardians.put(g.id(), g);
        guardianOrder.add(g);
      }
    }

    // Students.
    Set<String> dupStudents = duplicates(batch.students(), RosterBatch.StudentRow::id);
    Map<StudentId, Student> onFileStudents = store.students(validIds(
        batch.students().stream().map(RosterBatch.StudentRow::id).toList(), StudentId::of));
    String districtName = store.district(district).map(d -> d.name()).orElse(district.value());
    Map<StudentId, Student> students = new HashMap<>();
    List<Student> studentOrder = new ArrayList<>();
    Map<SchoolId, Optional<School>> schoolsOnFile = new HashMap<>();
    for (RosterBatch.StudentRow row : batch.students()) {
      Check c = new Check(row.source(), Kind.STUDENT, row.id(), errors);
      String id = c.id("id", row.id());
      String number = row.studentNumber() == null || row.studentNumber().isBlank()
          ? id : c.id("studentNumber", row.studentNumber().strip());
      String given = c.text("givenName", row.givenName(), 100);
      String family = c.text("familyName", row.familyName(), 100);
      Optional<LocalDate> born = c.date("birthDate", row.birthDate());
      Grade grade = c.grade("grade", row.grade());
      Optional<School> school = Optional.empty();
      if (row.schoolId() != null && !row.schoolId().isBlank()) {
        String schoolId = c.id("schoolId", row.schoolId().strip());
        if (schoolId != null) {
          SchoolId sid = SchoolId.of(schoolId);
          school = Optional.ofNullable(schools.get(sid))
              .or(() -> schoolsOnFile.computeIfAbsent(sid, store::school)
                  .filter(s -> s.district().equals(district)));
          if (school.isEmpty()) {
            c.fail(Problem.BROKEN_REFERENCE, "schoolId");
          }
        }
      }
      if (c.ok() && dupStudents.contains(id)) {
        c.fail(Problem.DUPLICATE_ID, "id");
      }
      if (c.ok()) {
        Student existing = onFileStudents.get(StudentId.of(id));
        if (existing != null && !existing.district().equals(district)) {
          c.fail(Problem.DISTRICT_MISMATCH, "id");
        }
      }
      if (c.ok()) {
        Student s = new Student(StudentId.of(id), district, number, given, family, born, grade,
            school.map(School::name).orElse(districtName),
            row.enrolled() ? EnrollmentStatus.ENROLLED : EnrollmentStatus.WITHDRAWN,
            school.map(School::id), row.signInEnabled());
        students.put(s.id(), s);
        studentOrder.add(s);
      }
    }

    // Links: each end must be a good record of the batch or on file in the district.
    Set<String> dupLinks = duplicates(batch.links(), r -> pair(r.guardianId(), r.studentId()));
    Set<GuardianId> linkedGuardians = new HashSet<>(validIds(
        batch.links().stream().map(RosterBatch.LinkRow::guardianId).toList(), GuardianId::of));
    linkedGuardians.removeAll(guardians.keySet());
    Set<GuardianId> guardiansOnFile = inDistrict(store.guardians(linkedGuardians), district,
        Guardian::district);
    Set<StudentId> linkedStudents = new HashSet<>(validIds(
        batch.links().stream().map(RosterBatch.LinkRow::studentId).toList(), StudentId::of));
    linkedStudents.removeAll(students.keySet());
    Set<StudentId> studentsOnFile = inDistrict(store.students(linkedStudents), district,
        Student::district);
    List<GuardianLink> links = new ArrayList<>();
    for (RosterBatch.LinkRow row : batch.links()) {
      Check c = new Check(row.source(), Kind.LINK,
          pair(row.guardianId(), row.studentId()).replace('\u0000', '/'), errors);
      String g = c.id("guardianId", row.guardianId());
      String s = c.id("studentId", row.studentId());
      Relationship relationship = c.relationship("relationship", row.relationship());
      if (c.ok() && dupLinks.contains(pair(g, s))) {
        c.fail(Problem.DUPLICATE_ID, "guardianId");
      }
      if (c.ok() && !guardians.containsKey(GuardianId.of(g))
          && !guardiansOnFile.contains(GuardianId.of(g))) {
        c.fail(Problem.BROKEN_REFERENCE, "guardianId");
      }
      if (c.ok() && !students.containsKey(StudentId.of(s))
          && !studentsOnFile.contains(StudentId.of(s))) {
        c.fail(Problem.BROKEN_REFERENCE, "studentId");
      }
      if (c.ok()) {
        links.add(new GuardianLink(GuardianId.of(g), StudentId.of(s), relationship,
            row.portalAccess()));
      }
    }

    // Deletions.
    List<GuardianId> deletedGuardians = new ArrayList<>();
    List<StudentId> deletedStudents = new ArrayList<>();
    List<GuardianLink> deletedLinks = new ArrayList<>();
    for (RosterBatch.Deletion row : batch.deletions()) {
      Check c = new Check(row.source(), row.kind(), row.id(), errors);
      String id = c.id("id", row.id());
      switch (row.kind()) {
        case GUARDIAN -> {
          if (c.ok()) {
            deletedGuardians.add(GuardianId.of(id));
          }
        }
        case STUDENT -> {
          if (c.ok()) {
            deletedStudents.add(StudentId.of(id));
          }
        }
        case LINK -> {
          String other = c.id("otherId", row.otherId());
          if (c.ok()) {
            deletedLinks.add(new GuardianLink(GuardianId.of(id), StudentId.of(other),
                Relationship.OTHER, false));
          }
        }
        default -> { } // a school's deletion takes no one's access away: nothing to do
      }
    }

    Set<String> mentionedGuardians = new HashSet<>();
    batch.guardians().forEach(r -> mentionedGuardians.add(strip(r.id())));
    Set<String> mentionedStudents = new HashSet<>();
    batch.students().forEach(r -> mentionedStudents.add(strip(r.id())));
    Set<String> mentionedLinks = new HashSet<>();
    batch.links().forEach(r -> mentionedLinks.add(pair(strip(r.guardianId()),
        strip(r.studentId()))));
    return new BatchPlan(List.copyOf(schools.values()), guardianOrder, studentOrder, links,
        deletedGuardians, deletedStudents, deletedLinks, mentionedGuardians, mentionedStudents,
        mentionedLinks, errors);
  }

  private static String strip(@Nullable String s) {
    return s == null ? "" : s.strip();
  }

  private static <R> Set<String> duplicates(List<R> rows, Function<R, @Nullable String> id) {
    Set<String> seen = new HashSet<>();
    Set<String> dups = new HashSet<>();
    for (R row : rows) {
      String key = strip(id.apply(row));
      if (!seen.add(key)) {
        dups.add(key);
      }
    }
    return dups;
  }

  private static <I> List<I> validIds(List<@Nullable String> raw, Function<String, I> make) {
    List<I> ids = new ArrayList<>();
    for (String r : raw) {
      if (r != null) {
        try {
          ids.add(make.apply(r.strip()));
        } catch (IllegalArgumentException e) {
          // reported where the row is judged
        }
      }
    }
    return ids;
  }

  private static <I, R> Set<I> inDistrict(Map<I, R> found, DistrictId district,
      Function<R, DistrictId> of) {
    Set<I> ids = new HashSet<>();
    found.forEach((id, record) -> {
      if (of.apply(record).equals(district)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Judges one row's fields; the first problem is the one reported. */
  private static final class Check {
    private final String source;
    private final Kind kind;
    private final String id;
    private final List<RecordError> errors;
    private boolean failed;

    Check(String source, Kind kind, @Nullable String id, List<RecordError> errors) {
      this.source = source;
      this.kind = kind;
      this.id = id == null ? "" : id.strip();
      this.errors = errors;
    }

    boolean ok() {
      return !failed;
    }

    void fail(Problem problem, String field) {
      if (!failed) {
        failed = true;
        errors.add(new RecordError(source, kind, id.length() > 255 ? id.substring(0, 255) : id,
            problem, field));
      }
    }

    @Nullable String id(String field, @Nullable String value) {
      if (value == null || value.isBlank()) {
        fail(Problem.MISSING_FIELD, field);
        return null;
      }
      try {
        return Checks.id(value.strip(), field);
      } catch (IllegalArgumentException e) {
        fail(Problem.INVALID_FIELD, field);
        return null;
      }
    }

    @Nullable String text(String field, @Nullable String value, int max) {
      if (value == null || value.isBlank()) {
        fail(Problem.MISSING_FIELD, field);
        return null;
      }
      try {
        return Checks.text(value, field, max);
      } catch (IllegalArgumentException e) {
        fail(Problem.INVALID_FIELD, field);
        return null;
      }
    }

    Optional<String> optionalText(String field, @Nullable String value, int max) {
      return value == null || value.isBlank()
          ? Optional.empty() : Optional.ofNullable(text(field, value, max));
    }

    Optional<EmailAddress> email(String field, @Nullable String value) {
      if (value == null || value.isBlank()) {
        return Optional.empty();
      }
      Optional<EmailAddress> email = EmailAddress.parse(value.strip());
      if (email.isEmpty()) {
        fail(Problem.INVALID_FIELD, field);
      }
      return email;
    }

    Optional<Locale> language(String field, @Nullable String value) {
      if (value == null || value.isBlank()) {
        return Optional.empty();
      }
      Locale locale = Locale.forLanguageTag(value.strip());
      if (locale.getLanguage().isEmpty() || value.length() > 35) {
        fail(Problem.INVALID_FIELD, field);
        return Optional.empty();
      }
      return Optional.of(locale);
    }

    Optional<LocalDate> date(String field, @Nullable String value) {
      if (value == null || value.isBlank()) {
        return Optional.empty();
      }
      try {
        return Optional.of(LocalDate.parse(value.strip()));
      } catch (DateTimeParseException e) {
        fail(Problem.INVALID_FIELD, field);
        return Optional.empty();
      }
    }

    @Nullable Grade grade(String field, @Nullable String value) {
      if (value == null || value.isBlank()) {
        fail(Problem.MISSING_FIELD, field);
        return null;
      }
      Optional<Grade> grade = Grade.parse(value);
      if (grade.isEmpty()) {
        fail(Problem.UNKNOWN_GRADE, field);
      }
      return grade.orElse(null);
    }

    @Nullable Relationship relationship(String field, @Nullable String value) {
      if (value == null || value.isBlank()) {
        fail(Problem.MISSING_FIELD, field);
        return null;
      }
      String v = value.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      Relationship r = switch (v) {
        case "parent", "mother", "father" -> Relationship.PARENT;
        case "guardian", "legal_guardian" -> Relationship.GUARDIAN;
        case "relative" -> Relationship.RELATIVE;
        case "emergency", "emergency_contact", "emergencycontact" ->
            Relationship.EMERGENCY_CONTACT;
        case "other" -> Relationship.OTHER;
        default -> null;
      };
      if (r == null) {
        fail(Problem.INVALID_FIELD, field);
      }
      return r;
    }
  }
}
