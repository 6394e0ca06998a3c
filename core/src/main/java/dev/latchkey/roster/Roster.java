package dev.latchkey.roster;

import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import java.util.List;
import java.util.Optional;

/**
 * The district's roster as the SIS describes it: districts, guardians, students and the links
 * between them. Writes are idempotent upserts keyed by id. A guardian's view follows the roster
 * at once: a sibling linked later appears without a new key (K1).
 */
public interface Roster {
  RosterResult putDistrict(District district);

  /** Refused with {@code UNKNOWN_DISTRICT} when the guardian's district does not exist. */
  RosterResult putGuardian(Guardian guardian);

  /** Refused with {@code UNKNOWN_DISTRICT} when the student's district does not exist. */
  RosterResult putStudent(Student student);

  /** Refused when either end is unknown or the two are in different districts. */
  RosterResult link(GuardianLink link);

  Optional<District> district(DistrictId id);

  Optional<Guardian> guardian(GuardianId id);

  Optional<Student> student(StudentId id);

  /**
   * The students the guardian may see: linked with portal access by a parent or guardian
   * relationship, and enrolled. Ordered by family name, given name.
   */
  List<Student> visibleStudents(GuardianId guardian);
}
