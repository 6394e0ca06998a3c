package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.latchkey.Latchkey;
import dev.latchkey.directory.Directory;
import dev.latchkey.directory.DistrictListing;
import dev.latchkey.directory.SelfServiceFeature;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.schedule.SupportSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The district directory over a backend's {@code districtsInState}: among about three hundred
 * fictional districts in six states, the mobile app's "Naperville 203" in "IL" finds the
 * Naperville district first; prefixes, numbers and states behave as {@link Directory} says; no
 * text makes it throw. Also the schedule a listing's hours come from, through the facade.
 */
public abstract class DirectoryContract extends ContractSupport {
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final DistrictId NAPERVILLE_CHRISTIAN = DistrictId.of("naperville-christian");
  private static final DistrictId INDIAN_PRAIRIE = DistrictId.of("indian-prairie-204");
  private static final DistrictId NORTH_SHORE = DistrictId.of("north-shore-112");
  private static final DistrictId NAPA_VALLEY = DistrictId.of("napa-valley");
  private static final DistrictId CEDAR_RIDGE_203 = DistrictId.of("cedar-ridge-203");
  private static final Map<String, ZoneId> STATES = Map.of(
      "IL", CHICAGO, "CA", ZoneId.of("America/Los_Angeles"), "TX", CHICAGO,
      "NY", ZoneId.of("America/New_York"), "OH", ZoneId.of("America/New_York"),
      "WI", CHICAGO);
  private static final List<String> STATE_ORDER = List.of("IL", "CA", "TX", "NY", "OH", "WI");
  private static final List<String> PLACES = List.of("Maple Grove", "Cedar Ridge", "Elm Hollow",
      "Birch Falls", "Willow Creek", "Pine Bluff", "Aspen Meadow", "Oak Terrace", "Fox Run",
      "Heron Lake", "Quarry Hill", "Stone Bridge", "Lantern Bay", "Copper Valley", "Mill Pond",
      "Prairie View", "Sycamore Point", "Juniper Flats", "Kestrel Heights", "Larkspur Glen");
  private static final int GENERATED = 294;

  @BeforeEach
  void seedDirectory() {
    put(NAPERVILLE_CHRISTIAN, "Naperville Christian Academy District", "IL");
    put(INDIAN_PRAIRIE, "Indian Prairie School District 204", "IL");
    put(NORTH_SHORE, "North Shore School District 112", "IL");
    put(NAPA_VALLEY, "Napa Valley Unified", "CA");
    put(CEDAR_RIDGE_203, "Cedar Ridge School District 203", "CA");
    // Numbered from 300, so no generated district is a 203, 204 or 112.
    for (int i = 0; i < GENERATED; i++) {
      String state = STATE_ORDER.get(i % STATE_ORDER.size());
      String kind = i % 4 == 0 ? "Community Unit School District" : "School District";
      put(DistrictId.of("gen-" + i), PLACES.get(i % PLACES.size()) + " " + kind + " " + (300 + i),
          state);
    }
  }

  private void put(DistrictId id, String name, String state) {
    latchkey.roster().putDistrict(new District(id, name, state, STATES.get(state),
        EmailAddress.of("help@" + id.value() + ".example.org"), "555-0100"));
  }

  private List<DistrictId> search(String query, String state) {
    return latchkey.directory().search(query, state).stream().map(DistrictListing::id).toList();
  }

  @Test
  @DisplayName("'naperville 203' with state IL finds the Naperville district first among ~300")
  void napervilleAnd203FindsNapervilleFirst() {
    List<DistrictId> found = search("naperville 203", "IL");

    assertThat(found).isNotEmpty();
    assertThat(found.get(0)).isEqualTo(DISTRICT);
    assertThat(found).containsExactly(DISTRICT);
  }

  @Test
  @DisplayName("'Naperville' alone finds both Naperville districts, the shorter name first")
  void napervilleAloneFindsBoth() {
    assertThat(search("Naperville", "IL")).containsExactly(NAPERVILLE_CHRISTIAN, DISTRICT);
  }

  @Test
  @DisplayName("'203' alone finds District 203 of the state asked, and only it")
  void numberAloneFindsIt() {
    assertThat(search("203", "IL")).containsExactly(DISTRICT);
    assertThat(search("203", "CA")).containsExactly(CEDAR_RIDGE_203);
    assertThat(search("20", "IL")).isEmpty();
  }

  @Test
  @DisplayName("the state separates: IL and CA answer from their own districts only")
  void stateSeparates() {
    assertThat(search("napa", "CA")).containsExactly(NAPA_VALLEY);
    assertThat(search("napa", "IL")).isEmpty();
    assertThat(search("cedar ridge", "CA")).contains(CEDAR_RIDGE_203).hasSizeGreaterThan(1);
    assertThat(search("cedar ridge 203", "IL")).isEmpty();
    assertThat(latchkey.directory().search("school district", "CA"))
        .isNotEmpty().allSatisfy(l -> assertThat(l.state()).isEqualTo("CA"));
  }

  @Test
  @DisplayName("a prefix finds words: 'naper' finds both Naperville districts")
  void prefixWorks() {
    assertThat(search("naper", "IL")).containsExactly(NAPERVILLE_CHRISTIAN, DISTRICT);
    assertThat(search("naper comm 203", "il")).containsExactly(DISTRICT);
  }

  @Test
  @DisplayName("a broad query is ranked and capped at 20")
  void broadQueryCapped() {
    assertThat(latchkey.directory().search("school district", "IL"))
        .hasSize(Directory.MAX_RESULTS);
    assertThat(search("community unit 308", "TX")).containsExactly(DistrictId.of("gen-8"));
  }

  @Test
  @DisplayName("garbage text and bad states give an empty list, never an exception")
  void garbageGivesEmpty() {
    List<String> queries = List.of("", "   ", "!!!", "zzqxv", "'; DROP TABLE lk_district; --",
        "%", "_", "\u0000\u0001", "\uD800", "n".repeat(100_000), "\u202Enaperville",
        "🏫 203 🏫");
    List<String> states = List.of("IL", "", "I", "ILL", "%", "_L", "I'", "\u0000L", "ZZ");
    for (String query : queries) {
      for (String state : states) {
        assertThatCode(() -> latchkey.directory().search(query, state))
            .as("%s in %s", query.length() > 20 ? query.substring(0, 20) : query, state)
            .doesNotThrowAnyException();
      }
    }
    assertThat(search("zzqxv", "IL")).isEmpty();
    assertThat(search("naperville", "%")).isEmpty();
    assertThat(search("naperville", "ZZ")).isEmpty();
    assertThat(search("%", "IL")).isEmpty();
    assertThat(search("🏫 203 🏫", "IL")).containsExactly(DISTRICT);
  }

  @Test
  @DisplayName("a listing shows the contact, the hours, the password rule and the self-service on")
  void listingContents() {
    DistrictListing listing = latchkey.directory().search("naperville 203", "IL").get(0);

    assertThat(listing.displayName()).isEqualTo("Naperville Community Unit School District 203");
    assertThat(listing.state()).isEqualTo("IL");
    assertThat(listing.helpdeskEmail()).isEqualTo(EmailAddress.of("parentsupport@example.org"));
    assertThat(listing.helpdeskPhone()).isEqualTo("630.420.6825");
    assertThat(listing.hoursSummary()).isEqualTo("Mon–Fri 7:30 AM–3:30 PM (America/Chicago)");
    assertThat(listing.passwordMinLength()).isEqualTo(PasswordPolicy.defaults().minLength());
    assertThat(listing.passwordMaxLength()).isEqualTo(PasswordPolicy.defaults().maxLength());
    assertThat(listing.selfService()).containsExactlyInAnyOrder(SelfServiceFeature.values());
  }

  @Test
  @DisplayName("a listing follows the facade's configured schedule and password policy")
  void listingFollowsConfiguration() {
    SupportSchedule laborDay = SupportSchedule.defaults(CHICAGO).toBuilder()
        .holiday(LocalDate.of(2026, 9, 7)).build();
    Latchkey configured = facade(b -> b.supportSchedule(DISTRICT, laborDay)
        .passwordPolicy(PasswordPolicy.secondFactor2024()));

    DistrictListing listing = configured.directory().search("naperville 203", "IL").get(0);

    assertThat(listing.hoursSummary())
        .isEqualTo("Mon–Fri 7:30 AM–3:30 PM (America/Chicago), closed on holidays");
    assertThat(listing.passwordMinLength()).isEqualTo(8);
  }

  @Test
  @DisplayName("a district added to the store is listed within five minutes")
  void newDistrictListedAfterCacheExpiry() {
    assertThat(search("evanston", "IL")).isEmpty();
    put(DistrictId.of("evanston-65"), "Evanston/Skokie School District 65", "IL");

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThat(search("evanston 65", "IL")).containsExactly(DistrictId.of("evanston-65"));
  }

  @Test
  @DisplayName("schedule(): Friday evening before a Labor Day Monday opens Tuesday 07:30")
  void scheduleThroughFacadeNamesTuesdayOpening() {
    SupportSchedule laborDay = SupportSchedule.defaults(CHICAGO).toBuilder()
        .holiday(LocalDate.of(2026, 9, 7)).build();
    Latchkey configured = facade(b -> b.supportSchedule(DISTRICT, laborDay));
    Instant fridayEvening = LocalDateTime.of(2026, 9, 4, 18, 0).atZone(CHICAGO).toInstant();

    Instant opening = configured.schedule().nextOpening(DISTRICT, fridayEvening);

    assertThat(opening.atZone(CHICAGO).toLocalDateTime())
        .isEqualTo(LocalDateTime.of(2026, 9, 8, 7, 30));
    assertThat(configured.schedule().responseDueBy(DISTRICT, fridayEvening).atZone(CHICAGO)
        .toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 9, 8, 15, 30));
    assertThat(latchkey.schedule().nextOpening(DISTRICT, fridayEvening).atZone(CHICAGO)
        .toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 9, 7, 7, 30));
  }
}
