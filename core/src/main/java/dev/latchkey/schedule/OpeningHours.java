package dev.latchkey.schedule;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One stretch of a day during which the helpdesk is open: from {@code open} (inclusive) to
 * {@code close} (exclusive), in local clock time of the schedule's zone. A stretch lies within
 * one day, so it cannot run past midnight.
 *
 * @param open the clock time the helpdesk opens
 * @param close the clock time it closes; after {@code open}
 */
public record OpeningHours(LocalTime open, LocalTime close) {
  /**
   * Checks the stretch.
   *
   * @param open the clock time the helpdesk opens
   * @param close the clock time it closes
   * @throws NullPointerException if either time is {@code null}
   * @throws IllegalArgumentException unless {@code open} is before {@code close}
   */
  public OpeningHours {
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(close, "close");
    if (!open.isBefore(close)) {
      throw new IllegalArgumentException(
          "opening hours must open before they close: " + open + "-" + close);
    }
  }

  /**
   * The stretch from {@code open} to {@code close}.
   *
   * @param open the clock time the helpdesk opens
   * @param close the clock time it closes; after {@code open}
   * @return the stretch
   */
  public static OpeningHours of(LocalTime open, LocalTime close) {
    return new OpeningHours(open, close);
  }

  /** True when the two stretches share at least one instant of clock time. */
  boolean overlaps(OpeningHours other) {
    return open.isBefore(other.close) && other.open.isBefore(close);
  }
}
