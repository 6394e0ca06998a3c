package dev.latchkey.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Worked examples of {@link SupportSchedule}: the FAQ's hours, holidays, busy times and DST. */
class SupportScheduleTest {
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final LocalDate LABOR_DAY = LocalDate.of(2026, 9, 7);
  private static final SupportSchedule FAQ = SupportSchedule.defaults(CHICAGO);
  private static final SupportSchedule FAQ_WITH_LABOR_DAY =
      FAQ.toBuilder().holiday(LABOR_DAY).build();

  private static Instant chicago(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, CHICAGO).toInstant();
  }

  @Nested
  class Opening {
    @Test
    @DisplayName("Friday 18:00 before a Labor Day Monday: the helpdesk next opens Tuesday 07:30")
    void fridayEveningBeforeHolidayMondayOpensTuesdayMorning() {
      Instant fridayEvening = chicago(2026, 9, 4, 18, 0);

      Instant opening = FAQ_WITH_LABOR_DAY.nextOpening(fridayEvening);

      assertThat(opening.atZone(CHICAGO).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2026, 9, 8, 7, 30));
      assertThat(opening).isEqualTo(Instant.parse("2026-09-08T12:30:00Z"));
    }

    @Test
    @DisplayName("without the holiday, the same Friday evening opens Monday 07:30")
    void fridayEveningOpensMondayMorning() {
      assertThat(FAQ.nextOpening(chicago(2026, 9, 4, 18, 0)))
          .isEqualTo(chicago(2026, 9, 7, 7, 30));
    }

    @Test
    @DisplayName("open hours are [07:30, 15:30): open at 07:30 and 15:29:59.999, closed at 15:30")
    void openingHoursIncludeOpenExcludeClose() {
      Instant open = chicago(2026, 9, 8, 7, 30);
      Instant close = chicago(2026, 9, 8, 15, 30);

      assertThat(FAQ.isOpen(open.minusNanos(1))).isFalse();
      assertThat(FAQ.isOpen(open)).isTrue();
      assertThat(FAQ.isOpen(close.minusNanos(1))).isTrue();
      assertThat(FAQ.isOpen(close)).isFalse();
      assertThat(FAQ.nextOpening(open.plusSeconds(3600))).isEqualTo(open.plusSeconds(3600));
    }

    @Test
    @DisplayName("closed all day on a holiday, and on weekends")
    void closedOnHolidayAndWeekend() {
      assertThat(FAQ_WITH_LABOR_DAY.isOpen(chicago(2026, 9, 7, 10, 0))).isFalse();
      assertThat(FAQ.isOpen(chicago(2026, 9, 7, 10, 0))).isTrue();
      assertThat(FAQ.isOpen(chicago(2026, 9, 5, 10, 0))).isFalse();
      assertThat(FAQ.isOpen(chicago(2026, 9, 6, 10, 0))).isFalse();
    }

    @Test
    @DisplayName("a run of holidays is skipped as a whole (winter break)")
    void holidayRunIsSkipped() {
      SupportSchedule schedule = FAQ.toBuilder()
          .holidays(LocalDate.of(2026, 12, 21).datesUntil(LocalDate.of(2027, 1, 4)).toList())
          .build();

      assertThat(schedule.nextOpening(chicago(2026, 12, 18, 16, 0)))
          .isEqualTo(chicago(2027, 1, 4, 7, 30));
    }

    @Test
    @DisplayName("a day with a lunch break reopens after it")
    void splitHoursReopenAfterLunch() {
      SupportSchedule schedule = SupportSchedule.builder(CHICAGO)
          .weekdays(LocalTime.of(7, 30), LocalTime.of(11, 30))
          .weekdays(LocalTime.of(12, 30), LocalTime.of(15, 30))
          .build();

      assertThat(schedule.isOpen(chicago(2026, 9, 8, 12, 0))).isFalse();
      assertThat(schedule.nextOpening(chicago(2026, 9, 8, 12, 0)))
          .isEqualTo(chicago(2026, 9, 8, 12, 30));
    }
  }

  @Nested
  class ClockChanges {
    @Test
    @DisplayName("over the spring-forward weekend, Monday 07:30 is daylight time (12:30Z, not 13:30Z)")
    void springForwardWeekendOpensMondayInDaylightTime() {
      Instant fridayEvening = chicago(2026, 3, 6, 18, 0);   // CST, UTC-6

      assertThat(FAQ.nextOpening(fridayEvening)).isEqualTo(Instant.parse("2026-03-09T12:30:00Z"));
    }

    @Test
    @DisplayName("over the fall-back weekend, Monday 07:30 is standard time (13:30Z)")
    void fallBackWeekendOpensMondayInStandardTime() {
      assertThat(FAQ.nextOpening(chicago(2026, 10, 30, 18, 0)))
          .isEqualTo(Instant.parse("2026-11-02T13:30:00Z"));
    }

    @Test
    @DisplayName("an opening at 02:30 on spring-forward Sunday opens when the clock resumes, 03:00")
    void openingInsideSpringForwardGapOpensAtGapEnd() {
      SupportSchedule schedule = SupportSchedule.builder(CHICAGO)
          .hours(DayOfWeek.SUNDAY, LocalTime.of(2, 30), LocalTime.of(4, 0))
          .build();

      Instant opening = schedule.nextOpening(chicago(2026, 3, 7, 12, 0));

      assertThat(opening).isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
      assertThat(opening.atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
      assertThat(schedule.isOpen(opening.minusNanos(1))).isFalse();
      assertThat(schedule.isOpen(Instant.parse("2026-03-08T08:59:59Z"))).isTrue();
      assertThat(schedule.isOpen(Instant.parse("2026-03-08T09:00:00Z"))).isFalse();
    }

    @Test
    @DisplayName("a stretch 02:30-03:15 that straddles the gap is open 03:00-03:15, never inverted")
    void stretchStraddlingTheGapKeepsItsEnd() {
      SupportSchedule schedule = SupportSchedule.builder(CHICAGO)
          .hours(DayOfWeek.SUNDAY, LocalTime.of(2, 30), LocalTime.of(3, 15))
          .build();

      assertThat(schedule.nextOpening(chicago(2026, 3, 7, 12, 0)))
          .isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
      assertThat(schedule.responseDueBy(chicago(2026, 3, 7, 12, 0)))
          .isEqualTo(Instant.parse("2026-03-08T08:15:00Z"));
    }

    @Test
    @DisplayName("a stretch wholly inside the gap does not happen that day; next week's does")
    void stretchInsideGapIsSkipped() {
      SupportSchedule schedule = SupportSchedule.builder(CHICAGO)
          .hours(DayOfWeek.SUNDAY, LocalTime.of(2, 10), LocalTime.of(2, 40))
          .build();

      assertThat(schedule.nextOpening(chicago(2026, 3, 7, 12, 0)))
          .isEqualTo(chicago(2026, 3, 15, 2, 10));
    }

    @Test
    @DisplayName("a stretch 01:30-02:30 on fall-back night stays open through the repeated hour")
    void stretchAcrossFallBackIsContinuous() {
      SupportSchedule schedule = SupportSchedule.builder(LONDON)
          .hours(DayOfWeek.SUNDAY, LocalTime.of(1, 30), LocalTime.of(2, 30))
          .build();
      // 2026-10-25: at 02:00 BST (01:00Z) the clock goes back to 01:00 GMT.
      Instant opens = Instant.parse("2026-10-25T00:30:00Z");   // 01:30 BST
      Instant closes = Instant.parse("2026-10-25T02:30:00Z");  // 02:30 GMT

      assertThat(schedule.nextOpening(Instant.parse("2026-10-24T12:00:00Z"))).isEqualTo(opens);
      assertThat(schedule.isOpen(Instant.parse("2026-10-25T01:15:00Z"))).isTrue(); // 01:15 GMT
      assertThat(schedule.isOpen(closes.minusNanos(1))).isTrue();
      assertThat(schedule.isOpen(closes)).isFalse();
      assertThat(Duration.between(opens, closes)).isEqualTo(Duration.ofHours(2));
    }
  }

  @Nested
  class ResponseTime {
    @Test
    @DisplayName("a message Friday evening before a Labor Day Monday is due Tuesday 3:30 PM")
    void fridayEveningBeforeHolidayIsDueTuesdayClose() {
      assertThat(FAQ_WITH_LABOR_DAY.responseDueBy(chicago(2026, 9, 4, 18, 0)))
          .isEqualTo(chicago(2026, 9, 8, 15, 30));
    }

    @Test
    @DisplayName("a message Friday evening is due Monday 3:30 PM: Monday is the one business day")
    void fridayEveningIsDueMondayClose() {
      assertThat(FAQ.responseDueBy(chicago(2026, 9, 4, 18, 0)))
          .isEqualTo(chicago(2026, 9, 7, 15, 30));
    }

    @Test
    @DisplayName("before opening, the same day counts: Monday 06:00 is due Monday 3:30 PM")
    void beforeOpeningIsDueSameDay() {
      assertThat(FAQ.responseDueBy(chicago(2026, 9, 14, 6, 0)))
          .isEqualTo(chicago(2026, 9, 14, 15, 30));
      assertThat(FAQ.responseDueBy(chicago(2026, 9, 14, 7, 30)))
          .isEqualTo(chicago(2026, 9, 14, 15, 30));
    }

    @Test
    @DisplayName("during or after hours, the next business day: Monday 10:00 or 20:00 is due Tuesday")
    void duringHoursIsDueNextBusinessDay() {
      assertThat(FAQ.responseDueBy(chicago(2026, 9, 14, 7, 31)))
          .isEqualTo(chicago(2026, 9, 15, 15, 30));
      assertThat(FAQ.responseDueBy(chicago(2026, 9, 14, 10, 0)))
          .isEqualTo(chicago(2026, 9, 15, 15, 30));
      assertThat(FAQ.responseDueBy(chicago(2026, 9, 14, 20, 0)))
          .isEqualTo(chicago(2026, 9, 15, 15, 30));
    }

    @Test
    @DisplayName("three business days in the opening-of-school busy period")
    void busyPeriodTakesLonger() {
      SupportSchedule schedule = FAQ_WITH_LABOR_DAY.toBuilder()
          .busy(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 9, 5), 3)
          .build();

      // Wednesday 10:00 -> first full day Thursday 20th -> Thu, Fri, Mon 24th.
      assertThat(schedule.responseDueBy(chicago(2026, 8, 19, 10, 0)))
          .isEqualTo(chicago(2026, 8, 24, 15, 30));
      assertThat(FAQ_WITH_LABOR_DAY.responseDueBy(chicago(2026, 8, 19, 10, 0)))
          .isEqualTo(chicago(2026, 8, 20, 15, 30));
    }

    @Test
    @DisplayName("the backlog is worked in order: just after a busy period, no earlier promise")
    void justAfterBusyPeriodIsNeverPromisedEarlier() {
      SupportSchedule schedule = FAQ_WITH_LABOR_DAY.toBuilder()
          .busy(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 9, 5), 3)
          .build();
      // Thursday 10:00 -> Fri 4th (busy), Tue 8th, Wed 9th.
      Instant lastBusy = schedule.responseDueBy(chicago(2026, 9, 3, 10, 0));
      // Friday 18:00 -> first full day Tuesday 8th, after the period; one day would be Tuesday.
      Instant after = schedule.responseDueBy(chicago(2026, 9, 4, 18, 0));

      assertThat(lastBusy).isEqualTo(chicago(2026, 9, 9, 15, 30));
      assertThat(after).isEqualTo(lastBusy);
    }

    @Test
    @DisplayName("a longer normal response time counts business days, skipping holidays")
    void twoBusinessDays() {
      SupportSchedule schedule = FAQ_WITH_LABOR_DAY.toBuilder().responseDays(2).build();

      assertThat(schedule.responseDueBy(chicago(2026, 9, 4, 10, 0)))
          .isEqualTo(chicago(2026, 9, 9, 15, 30));
    }
  }

  @Nested
  class Summary {
    @Test
    @DisplayName("the default reads as the FAQ does")
    void defaultSummary() {
      assertThat(FAQ.summary()).isEqualTo("Mon–Fri 7:30 AM–3:30 PM (America/Chicago)");
      assertThat(FAQ_WITH_LABOR_DAY.summary())
          .isEqualTo("Mon–Fri 7:30 AM–3:30 PM (America/Chicago), closed on holidays");
    }

    @Test
    @DisplayName("days with the same hours are grouped, runs joined, split hours listed")
    void groupedSummary() {
      SupportSchedule schedule = SupportSchedule.builder(LONDON)
          .weekdays(LocalTime.of(7, 30), LocalTime.of(11, 30))
          .weekdays(LocalTime.of(12, 30), LocalTime.of(15, 30))
          .hours(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
          .build();
      SupportSchedule alternate = SupportSchedule.builder(LONDON)
          .hours(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(16, 0))
          .hours(DayOfWeek.WEDNESDAY, LocalTime.of(8, 0), LocalTime.of(16, 0))
          .hours(DayOfWeek.FRIDAY, LocalTime.of(8, 0), LocalTime.of(16, 0))
          .hours(DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(16, 0))
          .build();

      assertThat(schedule.summary()).isEqualTo(
          "Mon–Fri 7:30 AM–11:30 AM, 12:30 PM–3:30 PM; Sat 9:00 AM–12:00 PM (Europe/London)");
      assertThat(alternate.summary())
          .isEqualTo("Mon, Wed, Fri–Sat 8:00 AM–4:00 PM (Europe/London)");
    }
  }

  @Nested
  class Building {
    @Test
    @DisplayName("defaults are helpdesk2019: Mon-Fri 07:30-15:30, no holidays, one business day")
    void defaultsAreNamedAndVersioned() {
      assertThat(FAQ).isEqualTo(SupportSchedule.helpdesk2019(CHICAGO));
      assertThat(FAQ.hours(DayOfWeek.MONDAY))
          .containsExactly(OpeningHours.of(LocalTime.of(7, 30), LocalTime.of(15, 30)));
      assertThat(FAQ.hours(DayOfWeek.SATURDAY)).isEmpty();
      assertThat(FAQ.holidays()).isEmpty();
      assertThat(FAQ.busyPeriods()).isEmpty();
      assertThat(FAQ.responseDays()).isEqualTo(1);
      assertThat(FAQ.zone()).isEqualTo(CHICAGO);
    }

    @Test
    @DisplayName("toBuilder round-trips, and what it builds is a separate schedule")
    void toBuilderRoundTrips() {
      assertThat(FAQ_WITH_LABOR_DAY.toBuilder().build()).isEqualTo(FAQ_WITH_LABOR_DAY)
          .hasSameHashCodeAs(FAQ_WITH_LABOR_DAY);
      assertThat(FAQ.holidays()).isEmpty();
    }

    @Test
    @DisplayName("opening hours must open before they close")
    void openMustPrecedeClose() {
      SupportSchedule.Builder b = SupportSchedule.builder(CHICAGO);
      assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, LocalTime.NOON, LocalTime.NOON))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open before");
      assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, LocalTime.NOON, LocalTime.of(9, 0)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("overlapping hours on one day are refused; touching ones are fine")
    void overlappingHoursRefused() {
      SupportSchedule.Builder b = SupportSchedule.builder(CHICAGO)
          .hours(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0));

      assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(13, 0)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
      b.hours(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(13, 0));
      b.hours(DayOfWeek.TUESDAY, LocalTime.of(11, 0), LocalTime.of(13, 0));
      assertThat(b.build().hours(DayOfWeek.MONDAY)).hasSize(2);
    }

    @Test
    @DisplayName("a schedule that never opens is refused")
    void neverOpenRefused() {
      assertThatThrownBy(() -> SupportSchedule.builder(CHICAGO).build())
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> FAQ.toBuilder().closed(DayOfWeek.MONDAY).closed(DayOfWeek.TUESDAY)
          .closed(DayOfWeek.WEDNESDAY).closed(DayOfWeek.THURSDAY).closed(DayOfWeek.FRIDAY).build())
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("busy periods need an end after the start and 1-60 business days")
    void busyPeriodValidated() {
      LocalDate day = LocalDate.of(2026, 8, 10);
      SupportSchedule.Builder b = FAQ.toBuilder();

      assertThatThrownBy(() -> b.busy(day, day, 3)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.busy(day, day.plusDays(1), 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.busy(day, day.plusDays(1), 61))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.responseDays(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("null arguments are refused with the argument's name")
    void nullsRefused() {
      assertThatThrownBy(() -> SupportSchedule.defaults(null))
          .isInstanceOf(NullPointerException.class).hasMessage("zone");
      assertThatThrownBy(() -> FAQ.isOpen(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> FAQ.toBuilder().holiday(null))
          .isInstanceOf(NullPointerException.class).hasMessage("date");
    }
  }
}
