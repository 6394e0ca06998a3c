package dev.latchkey.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.latchkey.internal.DirectoryService;
import dev.latchkey.internal.ScheduleService;
import dev.latchkey.model.District;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.spi.RosterStore;
import dev.latchkey.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Rules of the directory's search over arbitrary text (S34: no input makes it throw). */
class DirectoryPropertiesTest {
  private static final String[] PLACES = {"Naperville", "Napa", "North", "Shore", "Prairie",
      "Oak", "Park", "River", "Forest", "Community", "Unit", "Valley"};

  private static DirectoryService directory() {
    RosterStore store = mock(RosterStore.class);
    List<District> districts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = PLACES[i % PLACES.length] + " " + PLACES[(i * 7 + 3) % PLACES.length]
          + " School District " + (100 + i);
      districts.add(DirectoryServiceTest.district("d-" + i, name, i % 2 == 0 ? "IL" : "CA"));
    }
    when(store.districtsInState(anyString())).thenReturn(List.of());
    when(store.districtsInState("IL"))
        .thenReturn(districts.stream().filter(d -> d.state().equals("IL")).toList());
    when(store.districtsInState("CA"))
        .thenReturn(districts.stream().filter(d -> d.state().equals("CA")).toList());
    MutableClock clock = MutableClock.at(Instant.parse("2026-08-17T12:00:00Z"));
    return new DirectoryService(store, new ScheduleService(store, clock),
        PasswordPolicy.defaults(), clock);
  }

  /** Any code points (lone surrogates included), or district words with noise around them. */
  private static Gen<String> queries() {
    Gen<String> any = strings().allPossible().ofLengthBetween(0, 60);
    Gen<String> wordy = integers().between(0, PLACES.length - 1)
        .zip(strings().allPossible().ofLengthBetween(0, 3), integers().between(0, 6),
            (i, noise, cut) -> noise + PLACES[i].substring(0, Math.min(cut + 1, PLACES[i].length()))
                + noise);
    return any.mix(wordy, 50);
  }

  private static Gen<String> states() {
    return strings().allPossible().ofLengthBetween(0, 3)
        .mix(integers().between(0, 3).map(i -> new String[] {"IL", "CA", "il", "NY"}[i]), 60);
  }

  @Test
  @DisplayName("search never throws, returns at most 20, only the asked state, each a match")
  void searchOfAnyTextIsSafeAndSound() {
    DirectoryService directory = directory();
    qt().withExamples(2_000).forAll(queries(), states()).checkAssert((query, state) -> {
      List<DistrictListing> found = directory.search(query, state);

      assertThat(found).hasSizeLessThanOrEqualTo(Directory.MAX_RESULTS);
      List<String> wanted = DirectoryService.words(query);
      for (DistrictListing listing : found) {
        assertThat(listing.state()).isEqualToIgnoringCase(state.strip());
        List<String> name = DirectoryService.words(listing.displayName());
        for (String word : wanted) {
          assertThat(name).anyMatch(n -> n.equals(word)
              || (!word.chars().allMatch(Character::isDigit) && n.startsWith(word)));
        }
      }
    });
  }

  @Test
  @DisplayName("words() never throws and yields non-empty words without space or upper case")
  void wordsOfAnyText() {
    qt().withExamples(2_000).forAll(strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(text -> {
          List<String> words = DirectoryService.words(text);
          assertThat(words).allSatisfy(w -> {
            assertThat(w).isNotEmpty().doesNotContain(" ");
            assertThat(w).isEqualTo(w.toLowerCase(java.util.Locale.ROOT));
          });
          assertThat(DirectoryService.words(String.join(" ", words))).isEqualTo(words);
        });
  }
}
