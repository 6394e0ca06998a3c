package dev.latchkey.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Rules of {@link SupportSchedule} over arbitrary instants (2020–2035), random weekly hours on a
 * quarter-hour grid, random holidays and busy periods near the instant, and zones with and
 * without daylight saving time. Instants are drawn uniformly, on the quarter-hour grid, and
 * within two days of a clock change, so the edges are hit often.
 */
class SupportSchedulePropertiesTest {
  private static final List<ZoneId> ZONES = List.of(
      ZoneId.of("America/Chicago"), ZoneId.of("Europe/London"), ZoneId.of("Australia/Sydney"),
      ZoneId.of("America/Phoenix"), ZoneId.of("Asia/Kolkata"));
  private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2036-01-01T00:00:00Z");
  private static final long QUARTER = 15 * 60;
  private static final Map<ZoneId, List<ZoneOffsetTransition>> TRANSITIONS =
      new ConcurrentHashMap<>();
  private static final int EXAMPLES = 1_000;

  /** One generated schedule, kept as its parts so a variant without busy periods can be built. */
  record Case(ZoneId zone, Map<DayOfWeek, List<OpeningHours>> weekly, TreeSet<LocalDate> holidays,
      List<BusyPeriod> busy, int responseDays, Instant at) {

    SupportSchedule schedule() {
      return build(true);
    }

    SupportSchedule withoutBusy() {
      return build(false);
    }

    private SupportSchedule build(boolean withBusy) {
      SupportSchedule.Builder b = SupportSchedule.builder(zone).holidays(holidays)
          .responseDays(responseDays);
      weekly.forEach((day, ranges) -> ranges.forEach(r -> b.hours(day, r.open(), r.close())));
      if (withBusy) {
        busy.forEach(p -> b.busy(p.from(), p.toExclusive(), p.businessDays()));
      }
      return b.build();
    }

    @Override
    public String toString() {
      return "at=" + at + " (" + at.atZone(zone) + ") " + schedule();
    }
  }

  // --- generators ----------------------------------------------------------------------------

  private static Gen<ZoneId> zones() {
    return integers().between(0, ZONES.size() - 1).map(ZONES::get);
  }

  private static List<ZoneOffsetTransition> transitions(ZoneId zone) {
    return TRANSITIONS.computeIfAbsent(zone, z -> {
      List<ZoneOffsetTransition> out = new ArrayList<>();
      ZoneOffsetTransition t = z.getRules().nextTransition(FROM);
      while (t != null && t.getInstant().isBefore(TO)) {
        out.add(t);
        t = z.getRules().nextTransition(t.getInstant());
      }
      return out;
    });
  }

  /** Uniform instants with any nanosecond, instants on the quarter-hour grid, and DST nights. */
  private static Gen<Instant> instants(ZoneId zone) {
    Gen<Instant> uniform = longs().between(FROM.getEpochSecond(), TO.getEpochSecond() - 1)
        .zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
    Gen<Instant> grid = longs().between(FROM.getEpochSecond() / QUARTER, TO.getEpochSecond() / QUARTER - 1)
        .map(q -> Instant.ofEpochSecond(q * QUARTER));
    List<Instant> changes =
        transitions(zone).stream().map(ZoneOffsetTransition::getInstant).toList();
    if (changes.isEmpty()) {
      return uniform.mix(grid);
    }
    Gen<Instant> nearChange = integers().between(0, changes.size() - 1)
        .zip(integers().between(-2 * 96, 2 * 96), integers().between(-1, 1),
            (i, quarters, nudge) -> changes.get(i).plusSeconds(quarters * QUARTER).plusNanos(nudge));
    return uniform.mix(grid).mix(nearChange, 40);
  }

  /** 0-2 non-overlapping stretches per weekday on the quarter-hour grid, or the FAQ's hours. */
  private static Gen<Map<DayOfWeek, List<OpeningHours>>> weeklyHours() {
    Gen<Map<DayOfWeek, List<OpeningHours>>> random = in -> {
      Map<DayOfWeek, List<OpeningHours>> week = new TreeMap<>();
      for (DayOfWeek day : DayOfWeek.values()) {
        int points = integers().between(0, 2).generate(in) * 2;
        TreeSet<Integer> grid = new TreeSet<>();
        while (grid.size() < points) {
          grid.add(integers().between(0, 95).generate(in));
        }
        List<Integer> sorted = new ArrayList<>(grid);
        List<OpeningHours> ranges = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += 2) {
          ranges.add(OpeningHours.of(quarter(sorted.get(i)), quarter(sorted.get(i + 1))));
        }
        if (!ranges.isEmpty()) {
          week.put(day, ranges);
        }
      }
      if (week.isEmpty()) {
        week.put(DayOfWeek.WEDNESDAY, List.of(OpeningHours.of(LocalTime.of(1, 0), LocalTime.of(3, 0))));
      }
      return week;
    };
    Gen<Map<DayOfWeek, List<OpeningHours>>> faq = in -> {
      Map<DayOfWeek, List<OpeningHours>> week = new TreeMap<>();
      for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
        week.put(day, List.of(OpeningHours.of(LocalTime.of(7, 30), LocalTime.of(15, 30))));
      }
      return week;
    };
    return random.mix(faq, 30);
  }

  private static LocalTime quarter(int index) {
    return LocalTime.ofSecondOfDay(index * QUARTER);
  }

  /**
   * Schedules and instants of every kind; half are built around a clock change: an instant
   * within four hours of it, and stretches on that weekday that open and close within two
   * hours of it, so gaps and repeated hours fall inside opening hours often.
   */
  private static Gen<Case> cases() {
    return in -> {
      ZoneId zone;
      Instant at;
      Map<DayOfWeek, List<OpeningHours>> weekly = weeklyHours().generate(in);
      if (integers().between(0, 1).generate(in) == 0) {
        zone = ZONES.get(integers().between(0, 2).generate(in));
        List<ZoneOffsetTransition> changes = transitions(zone);
        ZoneOffsetTransition change =
            changes.get(integers().between(0, changes.size() - 1).generate(in));
        LocalDateTime before = change.getDateTimeBefore();
        int changeQuarter = before.toLocalTime().toSecondOfDay() / (int) QUARTER;
        weekly = new TreeMap<>(weekly);
        weekly.put(before.getDayOfWeek(), stretchesNear(in, changeQuarter));
        at = change.getInstant()
            .plusSeconds(integers().between(-16, 16).generate(in) * QUARTER)
            .plusNanos(integers().between(-1, 1).generate(in));
      } else {
        zone = zones().generate(in);
        at = instants(zone).generate(in);
      }
      LocalDate day = LocalDate.ofInstant(at, zone);
      TreeSet<LocalDate> holidays = new TreeSet<>();
      int holidayCount = integers().between(0, 12).generate(in);
      for (int i = 0; i < holidayCount; i++) {
        holidays.add(day.plusDays(integers().between(-3, 30).generate(in)));
      }
      List<BusyPeriod> busy = new ArrayList<>();
      int busyCount = integers().between(0, 2).generate(in);
      for (int i = 0; i < busyCount; i++) {
        LocalDate start = day.plusDays(integers().between(-20, 10).generate(in));
        busy.add(new BusyPeriod(start, start.plusDays(integers().between(1, 20).generate(in)),
            integers().between(1, 5).generate(in)));
      }
      int responseDays = integers().between(1, 3).generate(in);
      return new Case(zone, weekly, holidays, busy, responseDays, at);
    };
  }

  /** One or two stretches whose ends lie within two hours of the quarter {@code around}. */
  private static List<OpeningHours> stretchesNear(RandomnessSource in, int around) {
    int points = integers().between(1, 2).generate(in) * 2;
    int low = Math.max(0, around - 8);
    int high = Math.min(95, around + 8);
    TreeSet<Integer> grid = new TreeSet<>();
    while (grid.size() < points) {
      grid.add(integers().between(low, high).generate(in));
    }
    List<Integer> sorted = new ArrayList<>(grid);
    List<OpeningHours> ranges = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i += 2) {
      ranges.add(OpeningHours.of(quarter(sorted.get(i)), quarter(sorted.get(i + 1))));
    }
    return ranges;
  }

  /** A later instant: the same, nanoseconds, minutes or up to two weeks later. */
  private static Gen<Duration> laterBy() {
    Gen<Duration> small = longs().between(0, 2_000).map(n -> Duration.ofNanos(n));
    Gen<Duration> quarters = longs().between(0, 8 * 96).map(q -> Duration.ofSeconds(q * QUARTER));
    Gen<Duration> any = longs().between(0, 14L * 86_400).map(s -> Duration.ofSeconds(s));
    return small.mix(quarters).mix(any, 40);
  }

  // --- nextOpening and isOpen ----------------------------------------------------------------

  @Test
  @DisplayName("nextOpening(t) is not before t, and the helpdesk is open then")
  void nextOpeningIsOpenAndNotBeforeT() {
    qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
      SupportSchedule schedule = c.schedule();
      Instant next = schedule.nextOpening(c.at());

      assertThat(next).isAfterOrEqualTo(c.at());
      assertThat(schedule.isOpen(next)).isTrue();
      assertThat(schedule.isOpen(c.at())).isEqualTo(next.equals(c.at()));
    });
  }

  @Test
  @DisplayName("nothing between t and nextOpening(t) is open (checked at every quarter hour)")
  void nothingOpenBeforeNextOpening() {
    qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
      SupportSchedule schedule = c.schedule();
      Instant next = schedule.nextOpening(c.at());
      if (next.equals(c.at())) {
        return;
      }
      // Every stretch starts on the UTC quarter-hour grid in these zones (offsets and clock
      // changes are whole quarters), so an opening before `next` would show on the grid.
      assertThat(next.getEpochSecond() % QUARTER).isZero();
      assertThat(next.getNano()).isZero();
      long firstQuarter = Math.floorDiv(c.at().getEpochSecond(), QUARTER) + 1;
      for (long q = firstQuarter; ; q++) {
        Instant point = Instant.ofEpochSecond(q * QUARTER);
        if (!point.isBefore(next)) {
          break;
        }
        assertThat(schedule.isOpen(point)).as("open at %s", point).isFalse();
      }
    });
  }

  @Test
  @DisplayName("closed on holidays; else open exactly within the day's hours (the repeated hour aside)")
  void openExactlyWithinHoursOnNonHolidays() {
    qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
      SupportSchedule schedule = c.schedule();
      LocalDateTime local = LocalDateTime.ofInstant(c.at(), c.zone());
      boolean holiday = c.holidays().contains(local.toLocalDate());
      boolean inHours = c.weekly().getOrDefault(local.getDayOfWeek(), List.of()).stream()
          .anyMatch(r -> !local.toLocalTime().isBefore(r.open())
              && local.toLocalTime().isBefore(r.close()));

      if (holiday) {
        assertThat(schedule.isOpen(c.at())).isFalse();
      }
      if (!inHours && !inRepeatedHour(c.zone(), local)) {
        assertThat(schedule.isOpen(c.at())).as("outside hours").isFalse();
      }
      if (inHours && !holiday && !inRepeatedHour(c.zone(), local)) {
        assertThat(schedule.isOpen(c.at())).as("within hours").isTrue();
      }
    });
  }

  /**
   * In the hour the clock shows twice, a stretch begun on the first pass stays open through the
   * second, and one ending in it ends on the first pass: wall-clock hours alone cannot say.
   */
  private static boolean inRepeatedHour(ZoneId zone, LocalDateTime local) {
    return zone.getRules().getValidOffsets(local).size() > 1;
  }

  // --- responseDueBy -------------------------------------------------------------------------

  @Test
  @DisplayName("responseDueBy(t) is after t and after nextOpening(t), at a closing time, never on a holiday")
  void responseDueIsAClosingTimeAfterT() {
    qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
      SupportSchedule schedule = c.schedule();
      Instant due = schedule.responseDueBy(c.at());

      assertThat(due).isAfter(c.at()).isAfter(schedule.nextOpening(c.at()));
      assertThat(schedule.isOpen(due.minusNanos(1))).as("open just before").isTrue();
      assertThat(schedule.isOpen(due)).as("closed at").isFalse();
      assertThat(c.holidays()).doesNotContain(LocalDate.ofInstant(due, c.zone()));
      assertThat(c.holidays()).doesNotContain(LocalDate.ofInstant(due.minusNanos(1), c.zone()));
    });
  }

  @Test
  @DisplayName("responseDueBy is monotone: t1 <= t2 implies due(t1) <= due(t2)")
  void responseDueIsMonotone() {
    qt().withExamples(EXAMPLES).forAll(cases(), laterBy()).checkAssert((c, delta) -> {
      SupportSchedule schedule = c.schedule();
      Instant later = c.at().plus(delta);

      assertThat(schedule.responseDueBy(later)).isAfterOrEqualTo(schedule.responseDueBy(c.at()));
      assertThat(schedule.nextOpening(later)).isAfterOrEqualTo(schedule.nextOpening(c.at()));
    });
  }

  @Test
  @DisplayName("busy periods never make an answer due earlier than the normal rule")
  void busyPeriodsOnlyDelay() {
    qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c ->
        assertThat(c.schedule().responseDueBy(c.at()))
            .isAfterOrEqualTo(c.withoutBusy().responseDueBy(c.at())));
  }

  @Test
  @DisplayName("away from clock changes, N business days is the close of the N-th day opening at or after t")
  void responseDueMatchesModelAwayFromClockChanges() {
    qt().withExamples(EXAMPLES).forAll(cases()).checkAssert(c -> {
      SupportSchedule schedule = c.withoutBusy();
      Instant due = schedule.responseDueBy(c.at());
      ZoneOffsetTransition change = c.zone().getRules()
          .nextTransition(c.at().minus(Duration.ofDays(2)));
      if (change != null && change.getInstant().isBefore(due.plus(Duration.ofDays(2)))) {
        return;
      }
      // The model: plain ZonedDateTime arithmetic, valid when no clock change is near.
      int counted = 0;
      LocalDate day = LocalDate.ofInstant(c.at(), c.zone()).minusDays(1);
      while (true) {
        List<OpeningHours> ranges = c.weekly().getOrDefault(day.getDayOfWeek(), List.of());
        boolean business = !ranges.isEmpty() && !c.holidays().contains(day);
        if (business && (counted > 0
            || !day.atTime(ranges.get(0).open()).atZone(c.zone()).toInstant().isBefore(c.at()))) {
          counted++;
          if (counted == c.responseDays()) {
            LocalTime close = ranges.get(ranges.size() - 1).close();
            assertThat(due).isEqualTo(day.atTime(close).atZone(c.zone()).toInstant());
            return;
          }
        }
        day = day.plusDays(1);
      }
    });
  }
}
