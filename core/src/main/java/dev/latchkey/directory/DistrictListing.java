package dev.latchkey.directory;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One district as the directory shows it to a parent who has not signed in: enough to pick the
 * right district, reach its helpdesk, and know the password rule and self-service links before
 * starting. Holds nothing private to the district's families.
 *
 * @param id the district's id, for the client's next calls
 * @param displayName the district's name, e.g. "Naperville Community Unit School District 203"
 * @param state its two-letter state code
 * @param helpdeskEmail the helpdesk's address
 * @param helpdeskPhone the helpdesk's phone number, as the district writes it
 * @param hoursSummary the helpdesk's hours in one line, from {@link
 *     dev.latchkey.schedule.SupportSchedule#summary()}
 * @param passwordMinLength the fewest characters a new password may have
 * @param passwordMaxLength the most characters a new password may have
 * @param selfService what a parent can do without calling; unmodifiable, in enum order
 */
public record DistrictListing(
    DistrictId id, String displayName, String state, EmailAddress helpdeskEmail,
    String helpdeskPhone, String hoursSummary, int passwordMinLength, int passwordMaxLength,
    Set<SelfServiceFeature> selfService) {

  /**
   * Checks the listing and copies {@code selfService}.
   *
   * @param id the district's id
   * @param displayName the district's name
   * @param state its two-letter state code
   * @param helpdeskEmail the helpdesk's address
   * @param helpdeskPhone the helpdesk's phone number
   * @param hoursSummary the helpdesk's hours in one line
   * @param passwordMinLength the fewest characters a new password may have
   * @param passwordMaxLength the most characters a new password may have
   * @param selfService what a parent can do without calling
   * @throws NullPointerException if a field is {@code null}
   * @throws IllegalArgumentException unless {@code 1 <= passwordMinLength <= passwordMaxLength}
   */
  public DistrictListing {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(helpdeskEmail, "helpdeskEmail");
    Objects.requireNonNull(helpdeskPhone, "helpdeskPhone");
    Objects.requireNonNull(hoursSummary, "hoursSummary");
    if (passwordMinLength < 1 || passwordMaxLength < passwordMinLength) {
      throw new IllegalArgumentException("need 1 <= passwordMinLength <= passwordMaxLength, was "
          + passwordMinLength + " and " + passwordMaxLength);
    }
    Objects.requireNonNull(selfService, "selfService");
    EnumSet<SelfServiceFeature> copy = EnumSet.noneOf(SelfServiceFeature.class);
    for (SelfServiceFeature feature : selfService) {
      copy.add(Objects.requireNonNull(feature, "selfService element"));
    }
    selfService = Collections.unmodifiableSet(copy);
  }
}
