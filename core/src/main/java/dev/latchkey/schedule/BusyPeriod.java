package dev.latchkey.schedule;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A stretch of the year when the helpdesk answers more slowly — the opening of school, the end
 * of a term, conference scheduling — and how many business days an answer takes then.
 *
 * @param from the first day of the period, inclusive
 * @param toExclusive the day after the last day of the period
 * @param businessDays the response time during the period, in business days; 1 to
 *     {@value SupportSchedule#MAX_RESPONSE_DAYS}
 */
public record BusyPeriod(LocalDate from, LocalDate toExclusive, int businessDays) {
  /**
   * Checks the period.
   *
   * @param from the first day of the period, inclusive
   * @param toExclusive the day after the last day of the period
   * @param businessDays the response time during the period, in business days
   * @throws NullPointerException if either date is {@code null}
   * @throws IllegalArgumentException unless {@code from} is before {@code toExclusive} and the
   *     response time is within range
   */
  public BusyPeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(toExclusive, "toExclusive");
    if (!from.isBefore(toExclusive)) {
      throw new IllegalArgumentException(
          "a busy period must end after it starts: " + from + " to " + toExclusive);
    }
    SupportSchedule.checkResponseDays(businessDays, "businessDays");
  }

  /**
   * Whether a day falls in the period.
   *
   * @param day any date
   * @return true when {@code from <= day < toExclusive}
   */
  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && day.isBefore(toExclusive);
  }
}
