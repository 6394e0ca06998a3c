package dev.latchkey.spi;

import dev.latchkey.model.District;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Restriction;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A guardian and everything who-sees-whom is decided from, read in one step: the input of the
 * core's visibility rules, so that a sign-in or a redemption needs one read for it, not five.
 *
 * @param guardian the guardian
 * @param district the guardian's district
 * @param links the guardian's links
 * @param students the linked students that exist, by id
 * @param restrictions every restriction on the guardian's links
 * @param adultConsents the students of age who consent to this guardian seeing them
 */
public record Household(Guardian guardian, District district, List<GuardianLink> links,
    Map<StudentId, Student> students, List<Restriction> restrictions,
    Set<StudentId> adultConsents) {
  public Household {
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(district, "district");
    links = List.copyOf(links);
    students = Map.copyOf(students);
    restrictions = List.copyOf(restrictions);
    adultConsents = Set.copyOf(adultConsents);
  }
}
