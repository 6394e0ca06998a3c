package dev.latchkey.roster;

import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.model.Restriction;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The district's roster as the SIS describes it: districts, schools, guardians, students and the
 * links between them. Writes are idempotent upserts keyed by id. A guardian's view follows the
 * roster at once: a sibling linked later appears without a new key (K1).
 *
 * <p>Student accounts follow the {@link StudentAccountPolicy}: a write that enrols a student in
 * an eligible grade creates the student's login and queues its initial password to the school
 * (STUDENT_CREDENTIALS); withdrawal or leaving the eligible grades suspends it; returning
 * restores it. A guardian or student whose {@code signInEnabled} is false keeps the record but
 * the login is suspended and a guardian's live key revoked.
 */
public interface Roster {
  RosterResult putDistrict(District district);

  /** Refused with {@code UNKNOWN_DISTRICT} when the school's district does not exist. */
  RosterResult putSchool(School school);

  /** Refused with {@code UNKNOWN_DISTRICT} when the guardian's district does not exist. */
  RosterResult putGuardian(Guardian guardian);

  /** Refused with {@code UNKNOWN_DISTRICT} when the student's district does not exist. */
  RosterResult putStudent(Student student);

  /** Refused when either end is unknown or the two are in different districts. */
  RosterResult link(GuardianLink link);

  /**
   * Brings a guardian's existing login over from the district's old portal: the login name and
   * the old portal's password hash — Argon2id, or bcrypt or PBKDF2 made importable with
   * {@link dev.latchkey.password.LegacyHashes} — so the guardian keeps the password, which is
   * re-hashed as Argon2id at the next sign-in. No key is involved, and nothing is mailed.
   */
  RosterResult importAccount(GuardianId guardian, String loginName, PasswordHash hash);

  /**
   * Applies a whole batch from an SIS export: each good record is applied, each bad one (missing
   * names, unknown grade, duplicate ids, a link to a record that is neither on file nor good in
   * the batch) is reported with its reason and nothing of it is applied. Kinds marked bulk
   * delete what they omit. Refused as a whole, with an exception, only when the district is
   * unknown.
   */
  BatchReport importBatch(RosterBatch batch);

  /**
   * The year-end rollover: every enrolled student of the district moves up one grade (12 and
   * ungraded stay). Students promoted into an eligible grade get their accounts; nothing else
   * changes.
   */
  BatchReport promoteAll(DistrictId district);

  /**
   * Enters a court or protection order on a link, in force from {@code startsOn} until the day
   * before {@code endsBefore}. It overrides every grant and every later re-sync. From its first
   * day the guardian no longer sees the student and, if no visible student remains, the
   * guardian's live key is revoked.
   */
  RosterResult restrict(GuardianId guardian, StudentId student, LocalDate startsOn,
      Optional<LocalDate> endsBefore, String reason, String enteredBy);

  /** Ends a restriction before {@code day} (the end date is exclusive). */
  RosterResult endRestriction(String restrictionId, LocalDate day, String enteredBy);

  /** Every restriction ever entered on the guardian's links, oldest first. */
  List<Restriction> restrictions(GuardianId guardian);

  /**
   * A student who has come of age grants ({@code true}) or withdraws consent for one guardian to
   * see them, under {@link AccessPolicy.AdultOutcome#SUSPEND_UNTIL_CONSENT}. Refused with
   * {@code NOT_ADULT} before the birthday and {@code BIRTH_DATE_MISSING} without a birth date.
   */
  RosterResult setAdultConsent(StudentId student, GuardianId guardian, boolean granted);

  Optional<District> district(DistrictId id);

  Optional<School> school(SchoolId id);

  Optional<Guardian> guardian(GuardianId id);

  Optional<Student> student(StudentId id);

  /**
   * Every student linked to the guardian with whether the guardian sees them and, if not, why:
   * the one place that decides who may see whom. Ordered by family name, given name.
   */
  List<StudentAccess> access(GuardianId guardian);

  /**
   * The students the guardian may see today: linked with portal access by a relationship the
   * district allows, enrolled, under no restriction in force, and, for a student of age, with
   * the {@link AccessPolicy}'s outcome. Ordered by family name, given name.
   */
  List<Student> visibleStudents(GuardianId guardian);
}
