package dev.latchkey.spi;

import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Student;
import dev.latchkey.model.Restriction;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.StudentId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The roster as a backend keeps it. Writes are idempotent upserts keyed by id; the core checks
 * references (a guardian's district exists, a link's two ends are in one district) before it
 * calls them, so a backend only stores.
 */
public interface RosterStore {
  /** Inserts or replaces the district with this id. */
  void putDistrict(District district);

  /** Inserts or replaces the guardian with this id. */
  void putGuardian(Guardian guardian);

  /** Inserts or replaces the student with this id. */
  void putStudent(Student student);

  /** Inserts or replaces the link between this guardian and this student. */
  void putLink(GuardianLink link);

  /** Inserts or replaces the school with this id. */
  void putSchool(School school);

  /**
   * {@link #putGuardian} for many guardians at once; a backend may send them in one batch (JDBC
   * batching). Each guardian is written whole; the call as a whole need not be atomic.
   */
  default void putGuardians(List<Guardian> guardians) {
    guardians.forEach(this::putGuardian);
  }

  /** {@link #putStudent} for many students at once, as {@link #putGuardians}. */
  default void putStudents(List<Student> students) {
    students.forEach(this::putStudent);
  }

  /** {@link #putLink} for many links at once, as {@link #putGuardians}. */
  default void putLinks(List<GuardianLink> links) {
    links.forEach(this::putLink);
  }

  /** Removes the link between this guardian and this student; true if there was one. */
  boolean removeLink(GuardianId guardian, StudentId student);

  Optional<School> school(SchoolId id);

  /** The guardians with these ids that exist, by id. */
  Map<GuardianId, Guardian> guardians(Collection<GuardianId> ids);

  /** The students with these ids that exist, by id. */
  Map<StudentId, Student> students(Collection<StudentId> ids);

  /**
   * A page of the district's guardians ordered by id: those whose id is greater than
   * {@code after} (all when null), at most {@code limit}.
   */
  List<Guardian> guardiansOfDistrict(DistrictId district, @Nullable GuardianId after, int limit);

  /** A page of the district's students, as {@link #guardiansOfDistrict}. */
  List<Student> studentsOfDistrict(DistrictId district, @Nullable StudentId after, int limit);

  /**
   * A page of the district's links ordered by guardian id then student id, those after the pair
   * ({@code afterGuardian}, {@code afterStudent}) (all when both are null), at most {@code limit}.
   */
  List<GuardianLink> linksOfDistrict(DistrictId district, @Nullable GuardianId afterGuardian,
      @Nullable StudentId afterStudent, int limit);

  /**
   * {@link #linksOfGuardian} for many guardians at once (a backend answers in one query per
   * chunk); guardians without links may be absent from the map.
   */
  default Map<GuardianId, List<GuardianLink>> linksOfGuardians(Collection<GuardianId> guardians) {
    Map<GuardianId, List<GuardianLink>> links = new java.util.HashMap<>();
    for (GuardianId g : guardians) {
      links.put(g, linksOfGuardian(g));
    }
    return links;
  }

  /**
   * {@link #restrictionsOfGuardian} for many guardians at once; guardians without restrictions
   * may be absent from the map.
   */
  default Map<GuardianId, List<Restriction>> restrictionsOfGuardians(
      Collection<GuardianId> guardians) {
    Map<GuardianId, List<Restriction>> restrictions = new java.util.HashMap<>();
    for (GuardianId g : guardians) {
      restrictions.put(g, restrictionsOfGuardian(g));
    }
    return restrictions;
  }

  /** Inserts or replaces the restriction with this id. */
  void putRestriction(Restriction restriction);

  Optional<Restriction> restriction(String id);

  /** Every restriction on the guardian's links, ordered by when it was entered, then id. */
  List<Restriction> restrictionsOfGuardian(GuardianId guardian);

  /**
   * Records whether a student of age consents to this guardian seeing them; kept apart from the
   * link, so a re-sync of the link leaves it alone.
   */
  void putAdultConsent(GuardianId guardian, StudentId student, boolean granted);

  /** The students of age who consent to this guardian seeing them. */
  Set<StudentId> adultConsentsOfGuardian(GuardianId guardian);

  /**
   * {@link #adultConsentsOfGuardian} for many guardians at once; guardians without consents may
   * be absent from the map.
   */
  default Map<GuardianId, Set<StudentId>> adultConsentsOfGuardians(
      Collection<GuardianId> guardians) {
    Map<GuardianId, Set<StudentId>> consents = new java.util.HashMap<>();
    for (GuardianId g : guardians) {
      consents.put(g, adultConsentsOfGuardian(g));
    }
    return consents;
  }

  Optional<District> district(DistrictId id);

  /**
   * The guardian's household, read in one step: empty when there is no such guardian (or its
   * district is gone). This default reads it piece by piece; a backend answers in one
   * transaction.
   */
  default Optional<Household> household(GuardianId id) {
    Optional<Guardian> guardian = guardian(id);
    Optional<District> district = guardian.flatMap(g -> district(g.district()));
    if (district.isEmpty()) {
      return Optional.empty();
    }
    List<GuardianLink> links = linksOfGuardian(id);
    return Optional.of(new Household(guardian.get(), district.get(), links,
        students(links.stream().map(GuardianLink::student).toList()),
        restrictionsOfGuardian(id), adultConsentsOfGuardian(id)));
  }

  /** Every district whose two-letter state is {@code state}, in no particular order. */
  List<District> districtsInState(String state);

  Optional<Guardian> guardian(GuardianId id);

  Optional<Student> student(StudentId id);

  /** Every link of the guardian, in no particular order; empty when there are none. */
  List<GuardianLink> linksOfGuardian(GuardianId guardian);

  /**
   * The guardians of the district whose email {@linkplain dev.latchkey.model.EmailAddress#key()
   * key} equals {@code emailKey}, in no particular order.
   */
  List<Guardian> guardiansByEmail(DistrictId district, String emailKey);
}
