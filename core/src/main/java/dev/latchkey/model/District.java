package dev.latchkey.model;

import dev.latchkey.internal.Checks;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A district: the tenant every other record belongs to.
 *
 * @param id the district's slug
 * @param name display name, e.g. "Naperville Community Unit School District 203"
 * @param state two-letter state code, upper case
 * @param timeZone the zone its helpdesk hours are kept in
 * @param helpdeskEmail the helpdesk's address, shown to parents
 * @param helpdeskPhone the helpdesk's phone number, shown to parents
 */
public record District(
    DistrictId id, String name, String state, ZoneId timeZone,
    EmailAddress helpdeskEmail, String helpdeskPhone) {
  private static final Pattern STATE = Pattern.compile("[A-Z]{2}");

  public District {
    Objects.requireNonNull(id, "id");
    name = Checks.text(name, "name", 200);
    Objects.requireNonNull(state, "state");
    if (!STATE.matcher(state).matches()) {
      throw new IllegalArgumentException("state must be two upper-case letters");
    }
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(helpdeskEmail, "helpdeskEmail");
    helpdeskPhone = Checks.text(helpdeskPhone, "helpdeskPhone", 40);
  }
}
