package dev.latchkey.model;

import dev.latchkey.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * A school of a district.
 *
 * @param id the SIS id
 * @param district the district it belongs to
 * @param name display name
 * @param contactEmail the office address that receives its students' initial credentials
 *     (STUDENT_CREDENTIALS); without one they go to the district's helpdesk address
 */
public record School(SchoolId id, DistrictId district, String name,
    Optional<EmailAddress> contactEmail) {
  public School {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(district, "district");
    name = Checks.text(name, "name", 200);
    Objects.requireNonNull(contactEmail, "contactEmail");
  }
}
