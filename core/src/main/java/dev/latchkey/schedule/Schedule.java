package dev.latchkey.schedule;

import dev.latchkey.model.DistrictId;
import java.time.Instant;

/**
 * The helpdesk's hours per district: whether it is open, when it next opens, and when a parent
 * can expect an answer. Portal pages and notices use it to tell a parent what happens next —
 * the lockout email, for instance, names {@link #nextOpening} and {@link #responseDueBy}.
 *
 * <p>A district's schedule is the one configured for it on the facade's builder, or else
 * {@link SupportSchedule#defaults(java.time.ZoneId)} in the district's own time zone. Schedules
 * may be cached for a few minutes, so a changed configuration or a district's new time zone can
 * take that long to show. Every method throws {@link NullPointerException} for a {@code null}
 * argument and {@link IllegalArgumentException}, naming the id, for a district the roster does
 * not know. Implementations are thread-safe.
 */
public interface Schedule {
  /**
   * The district's schedule: the one configured on the builder, or the default hours in the
   * district's time zone.
   *
   * @param district a district of the roster
   * @return its schedule
   */
  SupportSchedule of(DistrictId district);

  /**
   * True when the district's helpdesk is open at {@code at}; see {@link
   * SupportSchedule#isOpen(Instant)}.
   *
   * @param district a district of the roster
   * @param at any instant
   * @return whether it is open
   */
  boolean isOpen(DistrictId district, Instant at);

  /**
   * {@code at} itself when open, else the start of the next opening; see {@link
   * SupportSchedule#nextOpening(Instant)}.
   *
   * @param district a district of the roster
   * @param at any instant
   * @return the next open instant, not before {@code at}
   */
  Instant nextOpening(DistrictId district, Instant at);

  /**
   * When a request made at {@code at} should have been answered: the close of the first full
   * business day after it (more in a busy period); see {@link
   * SupportSchedule#responseDueBy(Instant)}.
   *
   * @param district a district of the roster
   * @param at when the request arrives
   * @return a closing time after {@code at}
   */
  Instant responseDueBy(DistrictId district, Instant at);
}
