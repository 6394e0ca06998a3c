package dev.latchkey.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One district's helpdesk schedule: weekly opening hours in the district's time zone, the
 * holidays it is closed on, and busy periods when it answers more slowly. It answers three
 * questions a portal page or a notice asks on a parent's behalf: {@linkplain #isOpen is it open
 * now}, {@linkplain #nextOpening when does it next open}, and {@linkplain #responseDueBy by when
 * should my message be answered}.
 *
 * <pre>{@code
 * SupportSchedule schedule = SupportSchedule.defaults(ZoneId.of("America/Chicago"))
 *     .toBuilder()
 *     .holiday(LocalDate.of(2026, 9, 7))                                // Labor Day
 *     .busy(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 9, 5), 3)     // opening of school
 *     .build();
 * schedule.summary();   // "Mon–Fri 7:30 AM–3:30 PM (America/Chicago), closed on holidays"
 * }</pre>
 *
 * <h2>Opening hours and clock changes</h2>
 *
 * <p>Each day that is not a holiday opens for the {@link OpeningHours} of its weekday. A clock
 * time is turned into an instant as the earliest instant at which the district's wall clock
 * shows that time or later:
 *
 * <ul>
 *   <li>a time the clock skips when it springs forward (02:30 in Chicago on the second Sunday of
 *       March) resolves to the moment the clock resumes (03:00 daylight time). An opening inside
 *       the gap therefore opens when the gap ends, and a stretch lying wholly inside the gap does
 *       not happen that day. (This differs from {@code ZonedDateTime.of}, which would move 02:30
 *       to 03:30 but a 03:15 closing not at all, leaving a stretch that closes before it
 *       opens.)
 *   <li>a time the clock shows twice when it falls back resolves to its first occurrence, and
 *       the helpdesk stays open without a break through the repeated hour: a stretch from 01:30
 *       to 02:30 on the night the clock goes from 02:00 back to 01:00 lasts two hours.
 * </ul>
 *
 * <p>So every day's stretches are ordinary instant intervals, in order and never overlapping,
 * and {@link #isOpen}, {@link #nextOpening} and {@link #responseDueBy} agree with each other to
 * the nanosecond.
 *
 * <h2>Response time</h2>
 *
 * <p>A <em>business day</em> is a day that is not a holiday and on which the helpdesk opens. A
 * message is answered by the close of the <em>N</em>-th <em>full</em> business day after it
 * arrives, a full business day being one that opens at or after the message; <em>N</em> is
 * {@link #responseDays()}, one by default. So with the default hours: a message sent on Monday
 * at 06:00 is due by Monday 3:30 PM; one sent on Monday at 10:00, or Monday evening, by Tuesday
 * 3:30 PM; one sent on Friday evening by Monday 3:30 PM — or Tuesday 3:30 PM when Monday is a
 * holiday. When the first full business day falls in a {@link BusyPeriod}, <em>N</em> is that
 * period's (the longest, where periods overlap). The helpdesk works its backlog in order, so a
 * message that arrives just after a busy period is never promised an answer earlier than one
 * that arrived during it.
 *
 * <p>Instances are immutable and thread-safe. Defaults are named and versioned: {@link
 * #defaults(ZoneId)} is currently {@link #helpdesk2019(ZoneId)} and will not change silently.
 */
public final class SupportSchedule {
  /** The longest response time a schedule accepts, in business days. */
  public static final int MAX_RESPONSE_DAYS = 60;

  private static final LocalTime DEFAULT_OPEN = LocalTime.of(7, 30);
  private static final LocalTime DEFAULT_CLOSE = LocalTime.of(15, 30);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  /** Days without an opening, beyond holidays, that a search may cross (DST can empty a day). */
  private static final int SEARCH_SLACK_DAYS = 28;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final Map<DayOfWeek, List<OpeningHours>> weekly;
  private final NavigableSet<LocalDate> holidays;
  private final List<BusyPeriod> busyPeriods;
  private final int responseDays;

  private SupportSchedule(Builder b) {
    this.zone = b.zone;
    this.rules = b.zone.getRules();
    Map<DayOfWeek, List<OpeningHours>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      List<OpeningHours> ranges = new ArrayList<>(b.weekly.getOrDefault(day, List.of()));
      ranges.sort((x, y) -> x.open().compareTo(y.open()));
      days.put(day, List.copyOf(ranges));
    }
    this.weekly = Collections.unmodifiableMap(days);
    this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(b.holidays));
    this.busyPeriods = List.copyOf(b.busy);
    this.responseDays = b.responseDays;
  }

  /**
   * The default schedule, currently {@link #helpdesk2019(ZoneId)}.
   *
   * @param zone the district's time zone
   * @return Monday to Friday, 07:30 to 15:30, no holidays, answers within one business day
   * @throws NullPointerException if {@code zone} is {@code null}
   */
  public static SupportSchedule defaults(ZoneId zone) {
    return helpdesk2019(zone);
  }

  /**
   * The hours of the district FAQ this library follows (2019): "Monday through Friday from
   * 7:30am to 3:30pm", responses "typically within one business day". No holidays: add the
   * district's with {@link #toBuilder()}.
   *
   * @param zone the district's time zone
   * @return Monday to Friday, 07:30 to 15:30, no holidays, one business day
   * @throws NullPointerException if {@code zone} is {@code null}
   */
  public static SupportSchedule helpdesk2019(ZoneId zone) {
    return builder(zone).weekdays(DEFAULT_OPEN, DEFAULT_CLOSE).build();
  }

  /**
   * An empty builder: no hours, no holidays, no busy periods, one business day.
   *
   * @param zone the time zone the hours are kept in
   * @return a new builder
   * @throws NullPointerException if {@code zone} is {@code null}
   */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  /**
   * A builder holding everything of this schedule, to derive another from it.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(zone);
    weekly.forEach((day, ranges) -> b.weekly.put(day, new ArrayList<>(ranges)));
    b.holidays.addAll(holidays);
    b.busy.addAll(busyPeriods);
    b.responseDays = responseDays;
    return b;
  }

  /**
   * The time zone the hours are kept in.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The opening hours of a weekday, earliest first; empty when the helpdesk is closed that day.
   *
   * @param day the weekday
   * @return an unmodifiable list
   */
  public List<OpeningHours> hours(DayOfWeek day) {
    return weekly.get(Objects.requireNonNull(day, "day"));
  }

  /**
   * The days the helpdesk is closed although its weekday has hours.
   *
   * @return the holidays, sorted, unmodifiable
   */
  public Set<LocalDate> holidays() {
    return holidays;
  }

  /**
   * The busy periods.
   *
   * @return the periods in the order they were added, unmodifiable
   */
  public List<BusyPeriod> busyPeriods() {
    return busyPeriods;
  }

  /**
   * The response time outside busy periods.
   *
   * @return business days, 1 to {@value #MAX_RESPONSE_DAYS}
   */
  public int responseDays() {
    return responseDays;
  }

  /**
   * Whether the helpdesk is open at {@code at}: within the opening hours of a day that is not a
   * holiday, as the class comment resolves them across clock changes.
   *
   * @param at any instant
   * @return true when open
   * @throws NullPointerException if {@code at} is {@code null}
   */
  public boolean isOpen(Instant at) {
    return nextOpening(at).equals(at);
  }

  /**
   * When the helpdesk is next open: {@code at} itself when it is open then, otherwise the first
   * instant after it at which it opens.
   *
   * @param at any instant
   * @return an instant not before {@code at} at which {@link #isOpen} is true
   * @throws NullPointerException if {@code at} is {@code null}
   * @throws java.time.DateTimeException if the answer lies beyond the years {@code java.time}
   *     supports
   */
  public Instant nextOpening(Instant at) {
    Objects.requireNonNull(at, "at");
    // Earlier days' stretches all close by the start of at's local day, so at or before at.
    LocalDate day = LocalDate.ofInstant(at, zone);
    for (int searched = 0; searched <= searchLimit(); searched++, day = day.plusDays(1)) {
      for (Instant[] stretch : stretches(day)) {
        if (stretch[1].isAfter(at)) {
          return stretch[0].isAfter(at) ? stretch[0] : at;
        }
      }
    }
    throw new IllegalStateException("no opening within " + searchLimit() + " days of " + at);
  }

  /**
   * When a message that arrives at {@code at} should have been answered: the close of the
   * {@link #responseDays()}-th full business day after it (longer in a busy period), as the
   * class comment defines it. The answer is after {@code at}, is the closing time of a business
   * day (so never on a holiday), never moves earlier when {@code at} moves later, and is never
   * earlier in a busy period than outside one.
   *
   * @param at when the message arrives
   * @return the closing instant of the day the answer is due
   * @throws NullPointerException if {@code at} is {@code null}
   * @throws java.time.DateTimeException if the answer lies beyond the years {@code java.time}
   *     supports
   */
  public Instant responseDueBy(Instant at) {
    Objects.requireNonNull(at, "at");
    LocalDate first = firstFullBusinessDay(at);
    LocalDate due = nthBusinessDayFrom(first, responseDays);
    for (BusyPeriod period : busyPeriods) {
      if (period.from().isAfter(first)) {
        continue;
      }
      LocalDate basis = period.contains(first) ? first : lastBusinessDayIn(period);
      if (basis != null) {
        LocalDate busyDue = nthBusinessDayFrom(basis, period.businessDays());
        if (busyDue.isAfter(due)) {
          due = busyDue;
        }
      }
    }
    List<Instant[]> stretches = stretches(due);
    return stretches.get(stretches.size() - 1)[1];
  }

  /**
   * The hours for a parent to read, in US English: days with the same hours grouped, the zone,
   * and whether holidays are closed, e.g. {@code "Mon–Fri 7:30 AM–3:30 PM (America/Chicago),
   * closed on holidays"}. Holidays are mentioned only when the schedule has some.
   *
   * @return one line of text
   */
  public String summary() {
    Map<List<OpeningHours>, List<DayOfWeek>> groups = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      List<OpeningHours> ranges = weekly.get(day);
      if (!ranges.isEmpty()) {
        groups.computeIfAbsent(ranges, r -> new ArrayList<>()).add(day);
      }
    }
    List<String> parts = new ArrayList<>();
    groups.forEach((ranges, days) -> {
      List<String> times = new ArrayList<>();
      for (OpeningHours r : ranges) {
        times.add(CLOCK.format(r.open()) + "–" + CLOCK.format(r.close()));
      }
      parts.add(dayRuns(days) + " " + String.join(", ", times));
    });
    return String.join("; ", parts) + " (" + zone.getId() + ")"
        + (holidays.isEmpty() ? "" : ", closed on holidays");
  }

  /** Consecutive days as runs: "Mon–Fri", "Sat", "Mon, Wed, Fri". */
  private static String dayRuns(List<DayOfWeek> days) {
    List<String> runs = new ArrayList<>();
    int i = 0;
    while (i < days.size()) {
      int j = i;
      while (j + 1 < days.size() && days.get(j + 1).getValue() == days.get(j).getValue() + 1) {
        j++;
      }
      String start = days.get(i).getDisplayName(TextStyle.SHORT, Locale.US);
      runs.add(j == i ? start
          : start + "–" + days.get(j).getDisplayName(TextStyle.SHORT, Locale.US));
      i = j + 1;
    }
    return String.join(", ", runs);
  }

  /** The summary and the full rule set, for logs. */
  @Override
  public String toString() {
    return "SupportSchedule[" + summary() + ", holidays=" + holidays + ", busy=" + busyPeriods
        + ", responseDays=" + responseDays + "]";
  }

  /** Equal when the zone, every weekday's hours, holidays, busy periods and response time are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SupportSchedule s && zone.equals(s.zone) && weekly.equals(s.weekly)
        && holidays.equals(s.holidays) && busyPeriods.equals(s.busyPeriods)
        && responseDays == s.responseDays;
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, weekly, holidays, busyPeriods, responseDays);
  }

  // --- days and stretches --------------------------------------------------------------------

  private int searchLimit() {
    return holidays.size() + SEARCH_SLACK_DAYS;
  }

  /** The day's open stretches as [open, close) instants, in order; none on a holiday. */
  private List<Instant[]> stretches(LocalDate day) {
    if (holidays.contains(day)) {
      return List.of();
    }
    List<OpeningHours> ranges = weekly.get(day.getDayOfWeek());
    List<Instant[]> out = new ArrayList<>(ranges.size());
    for (OpeningHours r : ranges) {
      Instant open = resolve(day, r.open());
      Instant close = resolve(day, r.close());
      if (open.isBefore(close)) {
        out.add(new Instant[] {open, close});
      }
    }
    return out;
  }

  /** The earliest instant at which the local clock shows {@code time} on {@code day} or later. */
  private Instant resolve(LocalDate day, LocalTime time) {
    LocalDateTime local = LocalDateTime.of(day, time);
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    Instant earliest = local.toInstant(offsets.get(0));
    for (ZoneOffset offset : offsets) {
      Instant candidate = local.toInstant(offset);
      if (candidate.isBefore(earliest)) {
        earliest = candidate;
      }
    }
    return earliest;
  }

  private boolean isBusinessDay(LocalDate day) {
    return !stretches(day).isEmpty();
  }

  /** The first business day whose first opening is at or after {@code at}. */
  private LocalDate firstFullBusinessDay(Instant at) {
    LocalDate day = LocalDate.ofInstant(at, zone).minusDays(1);
    for (int searched = 0; searched <= searchLimit() + 1; searched++, day = day.plusDays(1)) {
      List<Instant[]> stretches = stretches(day);
      if (!stretches.isEmpty() && !stretches.get(0)[0].isBefore(at)) {
        return day;
      }
    }
    throw new IllegalStateException("no business day within " + searchLimit() + " days of " + at);
  }

  /** The {@code n}-th business day counting {@code day} itself, when it is one, as the first. */
  private LocalDate nthBusinessDayFrom(LocalDate day, int n) {
    int found = 0;
    int searched = 0;
    int limit = searchLimit() + n * SEARCH_SLACK_DAYS;
    for (LocalDate d = day; ; d = d.plusDays(1)) {
      if (isBusinessDay(d) && ++found == n) {
        return d;
      }
      if (++searched > limit) {
        throw new IllegalStateException("no business day within " + limit + " days of " + day);
      }
    }
  }

  /** The period's last business day, or {@code null} when it has none. */
  private @Nullable LocalDate lastBusinessDayIn(BusyPeriod period) {
    for (LocalDate d = period.toExclusive().minusDays(1); !d.isBefore(period.from());
        d = d.minusDays(1)) {
      if (isBusinessDay(d)) {
        return d;
      }
    }
    return null;
  }

  static int checkResponseDays(int days, String name) {
    if (days < 1 || days > MAX_RESPONSE_DAYS) {
      throw new IllegalArgumentException(
          name + " must be 1 to " + MAX_RESPONSE_DAYS + " business days, was " + days);
    }
    return days;
  }

  /**
   * Builds a {@link SupportSchedule}. Every method checks its own argument; {@link #build()}
   * checks the whole. Not thread-safe; the schedule it builds is.
   */
  public static final class Builder {
    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpeningHours>> weekly = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> holidays = new TreeSet<>();
    private final List<BusyPeriod> busy = new ArrayList<>();
    private int responseDays = 1;

    private Builder(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Adds a stretch of opening hours to a weekday; a day may have several (a lunch break), but
     * they may not overlap.
     *
     * @param day the weekday
     * @param open the clock time it opens
     * @param close the clock time it closes; after {@code open}
     * @return this builder
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code open} is not before {@code close}, or the
     *     stretch overlaps one already added for that day
     */
    public Builder hours(DayOfWeek day, LocalTime open, LocalTime close) {
      Objects.requireNonNull(day, "day");
      OpeningHours added = new OpeningHours(open, close);
      List<OpeningHours> ranges = weekly.computeIfAbsent(day, d -> new ArrayList<>());
      for (OpeningHours existing : ranges) {
        if (existing.overlaps(added)) {
          throw new IllegalArgumentException("opening hours " + open + "-" + close + " on " + day
              + " overlap " + existing.open() + "-" + existing.close());
        }
      }
      ranges.add(added);
      return this;
    }

    /**
     * Adds the same stretch to Monday through Friday.
     *
     * @param open the clock time it opens
     * @param close the clock time it closes; after {@code open}
     * @return this builder
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException as {@link #hours}
     */
    public Builder weekdays(LocalTime open, LocalTime close) {
      for (DayOfWeek day : DayOfWeek.values()) {
        if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
          hours(day, open, close);
        }
      }
      return this;
    }

    /**
     * Removes every stretch of a weekday: the helpdesk is closed that day.
     *
     * @param day the weekday
     * @return this builder
     * @throws NullPointerException if {@code day} is {@code null}
     */
    public Builder closed(DayOfWeek day) {
      weekly.remove(Objects.requireNonNull(day, "day"));
      return this;
    }

    /**
     * Closes the helpdesk on a date; adding a date twice is harmless.
     *
     * @param date the holiday, in the schedule's zone
     * @return this builder
     * @throws NullPointerException if {@code date} is {@code null}
     */
    public Builder holiday(LocalDate date) {
      holidays.add(Objects.requireNonNull(date, "date"));
      return this;
    }

    /**
     * Closes the helpdesk on each of the dates.
     *
     * @param dates the holidays
     * @return this builder
     * @throws NullPointerException if {@code dates} or one of them is {@code null}
     */
    public Builder holidays(Collection<LocalDate> dates) {
      Objects.requireNonNull(dates, "dates").forEach(this::holiday);
      return this;
    }

    /**
     * Adds a busy period. Periods may overlap; where they do, the longest response time
     * applies.
     *
     * @param from the first day, inclusive
     * @param toExclusive the day after the last day
     * @param businessDays the response time during the period, 1 to {@value
     *     SupportSchedule#MAX_RESPONSE_DAYS}
     * @return this builder
     * @throws NullPointerException if a date is {@code null}
     * @throws IllegalArgumentException if the period is empty or the response time is out of
     *     range
     */
    public Builder busy(LocalDate from, LocalDate toExclusive, int businessDays) {
      busy.add(new BusyPeriod(from, toExclusive, businessDays));
      return this;
    }

    /**
     * The response time outside busy periods. Default: one business day.
     *
     * @param businessDays 1 to {@value SupportSchedule#MAX_RESPONSE_DAYS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder responseDays(int businessDays) {
      this.responseDays = checkResponseDays(businessDays, "responseDays");
      return this;
    }

    /**
     * Builds the schedule.
     *
     * @return an immutable schedule
     * @throws IllegalStateException if no weekday has opening hours (the helpdesk would never
     *     open, and no opening or answer could be promised)
     */
    public SupportSchedule build() {
      if (weekly.values().stream().allMatch(List::isEmpty)) {
        throw new IllegalStateException("a support schedule needs opening hours on some weekday");
      }
      return new SupportSchedule(this);
    }
  }
}
