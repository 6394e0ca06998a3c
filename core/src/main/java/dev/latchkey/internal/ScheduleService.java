package dev.latchkey.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.schedule.Schedule;
import dev.latchkey.schedule.SupportSchedule;
import dev.latchkey.spi.RosterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The schedule capability: a district's configured schedule, else the default hours in its
 * time zone. A schedule is a pure function of configuration and the district's zone, so it is
 * cached per district for {@link #TTL}; a district moved to another zone, or a host's
 * lookup that changes its answer, shows after at most that long. Thread-safe.
 */
public final class ScheduleService implements Schedule {
  /** How long a district's schedule is reused. */
  static final Duration TTL = Duration.ofMinutes(5);

  private final RosterStore store;
  private final Map<DistrictId, SupportSchedule> fixed;
  private final Function<DistrictId, Optional<SupportSchedule>> lookup;
  private final Cache<DistrictId, SupportSchedule> cache;

  /**
   * A schedule service.
   *
   * @param store where districts (and so their zones) are found
   * @param fixed schedules set per district on the builder; consulted first
   * @param lookup the host's source of schedules for districts not in {@code fixed}; must not
   *     return {@code null}
   * @param clock drives the cache's expiry, so a test clock ages it
   */
  public ScheduleService(RosterStore store, Map<DistrictId, SupportSchedule> fixed,
      Function<DistrictId, Optional<SupportSchedule>> lookup, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.fixed = Map.copyOf(Objects.requireNonNull(fixed, "fixed"));
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(clock, "clock");
    this.cache = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(TTL)
        .ticker(() -> clock.millis() * 1_000_000L)
        .build();
  }

  /** A schedule service with no configured schedules: every district gets the default. */
  public ScheduleService(RosterStore store, Clock clock) {
    this(store, Map.of(), id -> Optional.empty(), clock);
  }

  @Override
  public SupportSchedule of(DistrictId district) {
    Objects.requireNonNull(district, "district");
    return cache.get(district, id -> {
      District found = store.district(id).orElseThrow(
          () -> new IllegalArgumentException("unknown district: " + id));
      return forDistrict(found);
    });
  }

  /**
   * The schedule of a district already in hand, without a store lookup; cached like
   * {@link #of}. The directory uses it for the districts of a search.
   */
  public SupportSchedule of(District district) {
    Objects.requireNonNull(district, "district");
    return cache.get(district.id(), id -> forDistrict(district));
  }

  private SupportSchedule forDistrict(District district) {
    SupportSchedule configured = fixed.get(district.id());
    if (configured != null) {
      return configured;
    }
    Optional<SupportSchedule> found = Objects.requireNonNull(lookup.apply(district.id()),
        () -> "the schedule lookup returned null for district " + district.id());
    return found.orElseGet(() -> SupportSchedule.defaults(district.timeZone()));
  }

  @Override
  public boolean isOpen(DistrictId district, Instant at) {
    Objects.requireNonNull(at, "at");
    return of(district).isOpen(at);
  }

  @Override
  public Instant nextOpening(DistrictId district, Instant at) {
    Objects.requireNonNull(at, "at");
    return of(district).nextOpening(at);
  }

  @Override
  public Instant responseDueBy(DistrictId district, Instant at) {
    Objects.requireNonNull(at, "at");
    return of(district).responseDueBy(at);
  }
}
