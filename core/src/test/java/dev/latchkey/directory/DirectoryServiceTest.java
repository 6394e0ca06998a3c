package dev.latchkey.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.latchkey.internal.DirectoryService;
import dev.latchkey.internal.ScheduleService;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.schedule.SupportSchedule;
import dev.latchkey.spi.RosterStore;
import dev.latchkey.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Normalisation, ranking, caching and listings of the directory, over a stubbed store. */
class DirectoryServiceTest {
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final District NAPERVILLE_203 =
      district("naperville-203", "Naperville Community Unit School District 203", "IL");
  private static final District NAPERVILLE_CHRISTIAN =
      district("naperville-christian", "Naperville Christian Academy District", "IL");
  private static final District INDIAN_PRAIRIE =
      district("indian-prairie-204", "Indian Prairie School District 204", "IL");
  private static final District NORTH_SHORE =
      district("north-shore-112", "North Shore School District 112", "IL");
  private static final District NAPA = district("napa-valley", "Napa Valley Unified", "CA");

  private final RosterStore store = mock(RosterStore.class);
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-08-17T12:00:00Z"));
  private DirectoryService directory;

  static District district(String id, String name, String state) {
    return new District(DistrictId.of(id), name, state, CHICAGO,
        EmailAddress.of("help@" + id + ".example.org"), "555-0100");
  }

  @BeforeEach
  void setUp() {
    when(store.districtsInState(anyString())).thenReturn(List.of());
    when(store.districtsInState("IL")).thenReturn(
        List.of(NORTH_SHORE, NAPERVILLE_203, INDIAN_PRAIRIE, NAPERVILLE_CHRISTIAN));
    when(store.districtsInState("CA")).thenReturn(List.of(NAPA));
    directory = directory(Map.of());
  }

  private DirectoryService directory(Map<DistrictId, SupportSchedule> schedules) {
    return new DirectoryService(store,
        new ScheduleService(store, schedules, id -> Optional.empty(), clock),
        PasswordPolicy.defaults(), clock);
  }

  private List<String> ids(String query, String state) {
    return directory.search(query, state).stream().map(l -> l.id().value()).toList();
  }

  @Nested
  class Words {
    @Test
    @DisplayName("punctuation splits words, apostrophes join them, case and accents go")
    void punctuationCaseAndAccents() {
      assertThat(DirectoryService.words("Naperville C.U.S.D. #203"))
          .containsExactly("naperville", "c", "u", "s", "d", "203");
      assertThat(DirectoryService.words("O'Fallon Township, Winston-Salem"))
          .containsExactly("ofallon", "township", "winston", "salem");
      assertThat(DirectoryService.words("Peñasco Independent")).containsExactly("penasco", "independent");
      assertThat(DirectoryService.words("   ")).isEmpty();
    }

    @Test
    @DisplayName("NFKC: full-width letters and digits, and other scripts' digits, read as ASCII")
    void compatibilityFormsFold() {
      assertThat(DirectoryService.words("ＮＡＰＥＲＶＩＬＬＥ　２０３")).containsExactly("naperville", "203");
      assertThat(DirectoryService.words("District ٢٠٣")).containsExactly("district", "203");
      assertThat(DirectoryService.words("ﬁrst")).containsExactly("first");
    }
  }

  @Nested
  class Ranking {
    @Test
    @DisplayName("'naperville 203' in IL finds Naperville 203, and only it")
    void napervilleAnd203() {
      assertThat(ids("naperville 203", "IL")).containsExactly("naperville-203");
    }

    @Test
    @DisplayName("'Naperville' finds both Naperville districts, the shorter name first")
    void napervilleAlone() {
      assertThat(ids("Naperville", "IL"))
          .containsExactly("naperville-christian", "naperville-203");
    }

    @Test
    @DisplayName("exact word matches outrank prefix matches")
    void exactBeatsPrefix() {
      when(store.districtsInState("IL")).thenReturn(List.of(
          district("napervillex", "Napervillex District", "IL"),
          district("naperville-long", "Naperville Long Named Unit School District", "IL")));
      directory = directory(Map.of());

      assertThat(ids("naperville", "IL")).containsExactly("naperville-long", "napervillex");
    }

    @Test
    @DisplayName("prefixes match words ('naper', 'comm'), but numbers match only whole ('20' does not)")
    void prefixesAndNumbers() {
      assertThat(ids("naper", "IL")).containsExactly("naperville-christian", "naperville-203");
      assertThat(ids("naper comm", "IL")).containsExactly("naperville-203");
      assertThat(ids("203", "IL")).containsExactly("naperville-203");
      assertThat(ids("20", "IL")).isEmpty();
      assertThat(ids("district 2", "IL")).isEmpty();
    }

    @Test
    @DisplayName("every query word must match: one unmatched word excludes the district")
    void everyWordMustMatch() {
      assertThat(ids("naperville 204", "IL")).isEmpty();
      assertThat(ids("naperville unified", "IL")).isEmpty();
    }

    @Test
    @DisplayName("the state separates: 'napa' finds Napa Valley in CA, nothing in IL")
    void stateSeparates() {
      assertThat(ids("napa", "CA")).containsExactly("napa-valley");
      assertThat(ids("napa", "IL")).isEmpty();
      assertThat(ids("naperville", "CA")).isEmpty();
    }

    @Test
    @DisplayName("results are capped at 20")
    void resultsCapped() {
      List<District> many = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        many.add(district("d" + i, "Prairie School District " + i, "IL"));
      }
      when(store.districtsInState("IL")).thenReturn(many);
      directory = directory(Map.of());

      assertThat(directory.search("prairie", "IL")).hasSize(Directory.MAX_RESULTS);
    }
  }

  @Nested
  class Inputs {
    @Test
    @DisplayName("a state in lower case or with spaces around works")
    void stateCaseAndSpace() {
      assertThat(ids("naperville 203", " il ")).containsExactly("naperville-203");
    }

    @Test
    @DisplayName("a state that is not two letters gives nothing, without asking the store")
    void invalidStateGivesNothing() {
      for (String state : List.of("", "I", "ILL", "I1", "--", "Ｉ Ｌ", "ıl")) {
        assertThat(directory.search("naperville", state)).as(state).isEmpty();
      }
      verify(store, never()).districtsInState(anyString());
    }

    @Test
    @DisplayName("a query of only punctuation or space gives nothing")
    void emptyQueryGivesNothing() {
      assertThat(directory.search("", "IL")).isEmpty();
      assertThat(directory.search(" .,;-' ", "IL")).isEmpty();
    }

    @Test
    @DisplayName("a query of a megabyte is bounded and answered")
    void hugeQuery() {
      assertThat(ids("naperville 203 " + "x".repeat(1_000_000), "IL")).isEmpty();
      assertThat(ids("naperville 203" + " ".repeat(1_000_000), "IL"))
          .containsExactly("naperville-203");
    }
  }

  @Nested
  class Listings {
    @Test
    @DisplayName("a listing carries the name, contact, hours, password rule and self-service")
    void listingContents() {
      DistrictListing listing = directory.search("naperville 203", "IL").get(0);

      assertThat(listing.id()).isEqualTo(NAPERVILLE_203.id());
      assertThat(listing.displayName()).isEqualTo(NAPERVILLE_203.name());
      assertThat(listing.state()).isEqualTo("IL");
      assertThat(listing.helpdeskEmail()).isEqualTo(NAPERVILLE_203.helpdeskEmail());
      assertThat(listing.helpdeskPhone()).isEqualTo("555-0100");
      assertThat(listing.hoursSummary()).isEqualTo("Mon–Fri 7:30 AM–3:30 PM (America/Chicago)");
      assertThat(listing.passwordMinLength()).isEqualTo(PasswordPolicy.defaults().minLength());
      assertThat(listing.passwordMaxLength()).isEqualTo(PasswordPolicy.defaults().maxLength());
      assertThat(listing.selfService()).containsExactly(SelfServiceFeature.KEY_RESEND,
          SelfServiceFeature.FORGOT_USERNAME, SelfServiceFeature.FORGOT_PASSWORD);
    }

    @Test
    @DisplayName("the hours come from the district's configured schedule")
    void hoursFromConfiguredSchedule() {
      SupportSchedule withHolidays = SupportSchedule.defaults(CHICAGO).toBuilder()
          .holiday(LocalDate.of(2026, 9, 7)).build();
      directory = directory(Map.of(NAPERVILLE_203.id(), withHolidays));

      assertThat(directory.search("203", "IL").get(0).hoursSummary())
          .isEqualTo("Mon–Fri 7:30 AM–3:30 PM (America/Chicago), closed on holidays");
    }
  }

  @Nested
  class Caching {
    @Test
    @DisplayName("a state's districts are read once per five minutes")
    void stateReadOncePerFiveMinutes() {
      directory.search("naperville", "IL");
      directory.search("203", "il");
      clock.advance(Duration.ofMinutes(4));
      directory.search("north", "IL");
      verify(store, times(1)).districtsInState("IL");

      clock.advance(Duration.ofMinutes(2));
      directory.search("north", "IL");
      verify(store, times(2)).districtsInState("IL");
    }

    @Test
    @DisplayName("a district added to the store shows once the cache expires")
    void newDistrictShowsAfterExpiry() {
      assertThat(ids("evanston", "IL")).isEmpty();
      when(store.districtsInState("IL")).thenReturn(
          List.of(district("evanston-65", "Evanston/Skokie School District 65", "IL")));

      clock.advance(Duration.ofMinutes(6));

      assertThat(ids("evanston 65", "IL")).containsExactly("evanston-65");
      assertThat(ids("skokie", "IL")).containsExactly("evanston-65");
    }
  }

  @Test
  @DisplayName("a listing's self-service set is a copy, unmodifiable, and its lengths are checked")
  void listingValidates() {
    EnumSet<SelfServiceFeature> features = EnumSet.of(SelfServiceFeature.FORGOT_PASSWORD);
    DistrictListing listing = new DistrictListing(NAPA.id(), NAPA.name(), "CA",
        NAPA.helpdeskEmail(), "555", "hours", 8, 128, features);
    features.add(SelfServiceFeature.KEY_RESEND);

    assertThat(listing.selfService()).containsExactly(SelfServiceFeature.FORGOT_PASSWORD);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> listing.selfService().add(SelfServiceFeature.KEY_RESEND))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DistrictListing(NAPA.id(),
        NAPA.name(), "CA", NAPA.helpdeskEmail(), "555", "hours", 9, 8, features))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
