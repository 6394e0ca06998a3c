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
import dev.latchkey.roster.AccountState;
import dev.latchkey.roster.GuardianFollowUps;
import dev.latchkey.roster.GuardianState;
import dev.latchkey.roster.StudentFollowUp;
import java.time.Instant;
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
 *
 * <p>A guardian's or student's record and its consequences (the guardian's key and logins, the
 * student's own login) are written together by {@link #syncGuardians} and {@link #syncStudents}:
 * the store reads what follows from the record under the record's lock, asks the core's decider
 * and applies its answer in the same transaction, so no crash leaves a record without its
 * follow-ups. {@link #putGuardian} and {@link #putStudent} write the record alone.
 */
public interface RosterStore {
  /**
   * The core's decision of a guardian's follow-ups ({@link
   * dev.latchkey.roster.RosterFollowUps#forGuardian}); a pure function a store may call more than
   * once (a transaction run again after a lost race).
   */
  @FunctionalInterface
  interface GuardianDecider {
    GuardianFollowUps decide(Guardian written, GuardianState state);
  }

  /**
   * The core's decision of a student's follow-up ({@link
   * dev.latchkey.roster.RosterFollowUps#forStudent} under the student account policy); pure,
   * as {@link GuardianDecider}.
   */
  @FunctionalInterface
  interface StudentDecider {
    StudentFollowUp decide(Student written, Optional<AccountState> account);
  }

  /**
   * Writes guardians with their follow-ups. For each guardian, in one atomic step: inserts or
   * replaces the record; reads, under the record's lock, whether the guardian has a key live at
   * {@code now} and every account of the guardian (oldest first, by creation time then id);
   * asks {@code decider}; and applies exactly what it answers: revokes the live key, makes the
   * listed {@code ACTIVE} accounts {@code SUSPENDED} and the listed {@code SUSPENDED} ones
   * {@code ACTIVE}. The store decides nothing itself.
   *
   * <p>Each guardian is atomic on its own; a backend may commit many in one transaction (JDBC:
   * {@code 1000}). A guardian listed twice is written once, as its last occurrence. Returns one
   * entry per distinct guardian, in the order of their first occurrence, with what was applied.
   */
  List<GuardianSynced> syncGuardians(List<Guardian> guardians, Instant now,
      GuardianDecider decider);

  /**
   * Writes students with their follow-ups. For each student, in one atomic step: inserts or
   * replaces the record; reads, under the record's lock, the student's account (if any); asks
   * {@code decider}; and applies what it answers: suspends or restores the account, or, for
   * {@link StudentFollowUp#CREATE_ACCOUNT}, creates the account {@code prepared} holds for the
   * student and puts its credentials message in the outbox ({@link StudentSynced.Status
   * #LOGIN_NAME_TAKEN} when its login name is unavailable by now under the rule of {@link
   * AccountStore#loginNameTaken}, {@link StudentSynced.Status#NOT_PREPARED} when none was
   * prepared; the record is written either way).
   *
   * <p>Atomic per student and batched as {@link #syncGuardians}; one entry per distinct student,
   * in the order of their first occurrence.
   */
  List<StudentSynced> syncStudents(List<Student> students, StudentDecider decider,
      Map<StudentId, NewStudentAccount> prepared);

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
