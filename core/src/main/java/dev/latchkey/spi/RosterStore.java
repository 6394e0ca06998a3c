package dev.latchkey.spi;

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

  Optional<District> district(DistrictId id);

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
