package dev.latchkey.roster;

import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.password.PasswordHash;
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

  /**
   * Brings a guardian's existing login over from the district's old portal: the login name and
   * the old portal's password hash — Argon2id, or bcrypt or PBKDF2 made importable with
   * {@link dev.latchkey.password.LegacyHashes} — so the guardian keeps the password, which is
   * re-hashed as Argon2id at the next sign-in. No key is involved, and nothing is mailed.
   */
  RosterResult importAccount(GuardianId guardian, String loginName, PasswordHash hash);

  Optional<District> district(DistrictId id);

  Optional<Guardian> guardian(GuardianId id);

  Optional<Student> student(StudentId id);

  /**
   * The students the guardian may see: linked with portal access by a parent or guardian
   * relationship, and enrolled. Ordered by family name, given name.
   */
  List<Student> visibleStudents(GuardianId guardian);
}
