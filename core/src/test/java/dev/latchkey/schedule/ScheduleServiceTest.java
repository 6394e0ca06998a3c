package dev.latchkey.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.latchkey.internal.ScheduleService;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.spi.RosterStore;
import dev.latchkey.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the schedule capability picks a district's schedule, and what it refuses. */
class ScheduleServiceTest {
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final ZoneId DENVER = ZoneId.of("America/Denver");
  private static final DistrictId NAPERVILLE = DistrictId.of("naperville-203");
  private static final DistrictId BOULDER = DistrictId.of("boulder-valley");
  private static final Instant FRIDAY_EVENING = Instant.parse("2026-09-04T23:00:00Z");

  private final RosterStore store = mock(RosterStore.class);
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-09-01T12:00:00Z"));

  private static District district(DistrictId id, ZoneId zone) {
    return new District(id, "District " + id, "IL", zone,
        EmailAddress.of("help@example.org"), "555-0100");
  }

  @Test
  @DisplayName("a district without a configured schedule gets the default in its own zone")
  void unconfiguredDistrictGetsDefaultInItsZone() {
    when(store.district(BOULDER)).thenReturn(Optional.of(district(BOULDER, DENVER)));
    ScheduleService schedules = new ScheduleService(store, clock);

    assertThat(schedules.of(BOULDER)).isEqualTo(SupportSchedule.defaults(DENVER));
  }

  @Test
  @DisplayName("a schedule set for the district wins over the host's lookup and the default")
  void configuredScheduleWins() {
    SupportSchedule laborDay = SupportSchedule.defaults(CHICAGO).toBuilder()
        .holiday(LocalDate.of(2026, 9, 7)).build();
    SupportSchedule fromLookup = SupportSchedule.defaults(DENVER);
    when(store.district(NAPERVILLE)).thenReturn(Optional.of(district(NAPERVILLE, CHICAGO)));
    when(store.district(BOULDER)).thenReturn(Optional.of(district(BOULDER, DENVER)));
    ScheduleService schedules = new ScheduleService(store, Map.of(NAPERVILLE, laborDay),
        id -> Optional.of(fromLookup), clock);

    assertThat(schedules.of(NAPERVILLE)).isEqualTo(laborDay);
    assertThat(schedules.of(BOULDER)).isEqualTo(fromLookup);
    assertThat(schedules.nextOpening(NAPERVILLE, FRIDAY_EVENING))
        .isEqualTo(Instant.parse("2026-09-08T12:30:00Z"));
    assertThat(schedules.responseDueBy(NAPERVILLE, FRIDAY_EVENING))
        .isEqualTo(Instant.parse("2026-09-08T20:30:00Z"));
    assertThat(schedules.isOpen(NAPERVILLE, FRIDAY_EVENING)).isFalse();
  }

  @Test
  @DisplayName("an unknown district is an IllegalArgumentException naming the id")
  void unknownDistrictRefused() {
    when(store.district(NAPERVILLE)).thenReturn(Optional.empty());
    ScheduleService schedules = new ScheduleService(store, clock);

    assertThatThrownBy(() -> schedules.nextOpening(NAPERVILLE, FRIDAY_EVENING))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("naperville-203");
  }

  @Test
  @DisplayName("an unknown district is not remembered: once added, it is found at once")
  void unknownDistrictNotCached() {
    when(store.district(NAPERVILLE)).thenReturn(Optional.empty())
        .thenReturn(Optional.of(district(NAPERVILLE, CHICAGO)));
    ScheduleService schedules = new ScheduleService(store, clock);

    assertThatThrownBy(() -> schedules.of(NAPERVILLE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(schedules.of(NAPERVILLE)).isEqualTo(SupportSchedule.defaults(CHICAGO));
  }

  @Test
  @DisplayName("a district's schedule is reused for five minutes, then read again")
  void scheduleCachedForFiveMinutes() {
    when(store.district(NAPERVILLE)).thenReturn(Optional.of(district(NAPERVILLE, CHICAGO)))
        .thenReturn(Optional.of(district(NAPERVILLE, DENVER)));
    ScheduleService schedules = new ScheduleService(store, clock);

    schedules.of(NAPERVILLE);
    clock.advance(Duration.ofMinutes(4));
    assertThat(schedules.of(NAPERVILLE).zone()).isEqualTo(CHICAGO);
    clock.advance(Duration.ofMinutes(2));
    assertThat(schedules.of(NAPERVILLE).zone()).isEqualTo(DENVER);
    verify(store, times(2)).district(NAPERVILLE);
  }

  @Test
  @DisplayName("a host lookup that answers null is a bug, reported with the district's id")
  void nullFromLookupRefused() {
    when(store.district(NAPERVILLE)).thenReturn(Optional.of(district(NAPERVILLE, CHICAGO)));
    ScheduleService schedules = new ScheduleService(store, Map.of(), id -> null, clock);

    assertThatThrownBy(() -> schedules.of(NAPERVILLE))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("naperville-203");
  }

  @Test
  @DisplayName("null arguments are refused")
  void nullsRefused() {
    ScheduleService schedules = new ScheduleService(store, clock);

    assertThatThrownBy(() -> schedules.of((DistrictId) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> schedules.isOpen(NAPERVILLE, null))
        .isInstanceOf(NullPointerException.class);
  }
}
