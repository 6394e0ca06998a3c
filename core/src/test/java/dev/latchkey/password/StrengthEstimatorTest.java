package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrengthEstimatorTest {

  private static final Clock CLOCK_2026 =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final StrengthEstimator ESTIMATOR = StrengthEstimator.builtIn(CLOCK_2026);

  private static Strength strength(String password) {
    return ESTIMATOR.strength(password, PasswordContext.empty());
  }

  @Test
  @DisplayName("an empty field scores 0 % and suggests how to start")
  void emptyPasswordScoresZeroWithStarterAdvice() {
    Strength s = strength("");

    assertThat(s.percent()).isZero();
    assertThat(s.score()).isZero();
    assertThat(s.log10Guesses()).isZero();
    assertThat(s.warning()).isEqualTo(StrengthWarning.NONE);
    assertThat(s.suggestions()).containsExactly(
        StrengthSuggestion.USE_A_FEW_WORDS, StrengthSuggestion.NO_NEED_FOR_SYMBOLS);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "password, TOP_10_PASSWORD",
      "zxcvbn, TOP_100_PASSWORD",
      "Tractor, COMMON_PASSWORD",
      "P@ssw0rd1, SIMILAR_TO_COMMON_PASSWORD",
      "drowssap, SIMILAR_TO_COMMON_PASSWORD",
      "Marguerite, NAME_BY_ITSELF",
      "Olivia2014, COMMON_NAMES",
      "hjkl;, STRAIGHT_ROW_OF_KEYS",
      "lmnopqrs, SEQUENCE",
      "zzzzzzzzzz, REPEATED_CHARACTER",
      "xyzxyzxyz, REPEATED_PATTERN",
      "2019, RECENT_YEAR",
      "03/15/2014, DATE"})
  @DisplayName("each weak pattern is recognised, scores at most 1 and is named in the warning")
  void weakPatternIsRecognisedAndWarned(String password, StrengthWarning warning) {
    Strength s = strength(password);

    assertThat(s.warning()).isEqualTo(warning);
    assertThat(s.score()).isLessThanOrEqualTo(1);
    assertThat(s.suggestions()).startsWith(StrengthSuggestion.ADD_ANOTHER_WORD);
  }

  @Test
  @DisplayName("a lone dictionary word is called a word by itself")
  void englishWordAloneWarnsWordByItself() {
    assertThat(strength("hippopotamus").warning()).isEqualTo(StrengthWarning.WORD_BY_ITSELF);
  }

  @Test
  @DisplayName("symbols for letters are seen through and the suggestion says so")
  void l33tSubstitutionIsSeenThrough() {
    Strength disguised = strength("P@$$w0rd");

    assertThat(disguised.score()).isZero();
    assertThat(disguised.suggestions()).contains(StrengthSuggestion.SUBSTITUTIONS_DONT_HELP);
  }

  @Test
  @DisplayName("a word spelled backwards is seen through")
  void reversedWordIsSeenThrough() {
    assertThat(strength("drowssap").suggestions())
        .contains(StrengthSuggestion.REVERSED_WORDS_DONT_HELP);
  }

  @Test
  @DisplayName("a capital first letter adds almost nothing")
  void capitalisedWordIsBarelyStronger() {
    double plain = strength("tractor").log10Guesses();
    Strength capital = strength("Tractor");

    assertThat(capital.log10Guesses() - plain).isLessThan(0.35);
    assertThat(capital.suggestions()).contains(StrengthSuggestion.CAPITALS_DONT_HELP);
  }

  @Test
  @DisplayName("a keyboard walk not on any list is still found")
  void keyboardWalkIsFound() {
    Strength s = strength("Kiwi;lkjhgfd");

    assertThat(s.warning()).isEqualTo(StrengthWarning.STRAIGHT_ROW_OF_KEYS);
    assertThat(s.suggestions()).contains(StrengthSuggestion.LONGER_KEYBOARD_PATTERN);
  }

  @Test
  @DisplayName("a context word makes the password weaker and is named in the warning")
  void contextWordLowersStrengthAndWarns() {
    Strength without = ESTIMATOR.strength("Kowalczyk2014!", PasswordContext.empty());
    Strength with = ESTIMATOR.strength("Kowalczyk2014!", PasswordContext.of("kowalczyk"));

    assertThat(with.log10Guesses()).isLessThan(without.log10Guesses() - 1);
    assertThat(with.warning()).isEqualTo(StrengthWarning.PERSONAL_INFORMATION);
    assertThat(with.suggestions()).contains(StrengthSuggestion.AVOID_PERSONAL_INFORMATION);
  }

  @Test
  @DisplayName("a context entry of several words is also tried word by word")
  void multiWordContextEntryIsSplit() {
    Strength s = ESTIMATOR.strength("Kowalczyk2014!", PasswordContext.of("Jane Kowalczyk"));

    assertThat(s.warning()).isEqualTo(StrengthWarning.PERSONAL_INFORMATION);
  }

  @Test
  @DisplayName("a context word in l33t is still the context word")
  void l33tContextWordIsFound() {
    Strength s = ESTIMATOR.strength("k0walczyk2014!", PasswordContext.of("kowalczyk"));

    assertThat(s.warning()).isEqualTo(StrengthWarning.PERSONAL_INFORMATION);
  }

  @Test
  @DisplayName("the district's own name drops Naperville203! out of the safe bands")
  void districtContextDropsDistrictPassword() {
    Strength alone = ESTIMATOR.strength("Naperville203!", PasswordContext.empty());
    Strength known = ESTIMATOR.strength("Naperville203!",
        PasswordContext.of("Naperville Community Unit School District 203", "naperville"));

    assertThat(known.score()).isLessThan(alone.score());
    assertThat(known.score()).isLessThanOrEqualTo(2);
  }

  @Test
  @DisplayName("three uncommon words score 4; two score at least 3")
  void passphraseScoresWell() {
    assertThat(strength("violet tractor bridge").score()).isEqualTo(4);
    assertThat(strength("soybeans ethylene").score()).isGreaterThanOrEqualTo(3);
  }

  @Test
  @DisplayName("a long random string scores 4 with no feedback")
  void randomStringScoresFourWithoutFeedback() {
    Strength s = strength("xK9#mQ2$vL7p");

    assertThat(s.score()).isEqualTo(4);
    assertThat(s.warning()).isEqualTo(StrengthWarning.NONE);
    assertThat(s.suggestions()).isEmpty();
  }

  @Test
  @DisplayName("the password is judged in NFKC: full-width letters are the plain word")
  void fullWidthIsJudgedAsItsNfkcForm() {
    assertThat(strength("ｐａｓｓｗｏｒｄ")).isEqualTo(strength("password"));
  }

  @Test
  @DisplayName("years are judged against the clock's year: this year is cheaper than 1987")
  void yearsAreJudgedAgainstTheClock() {
    StrengthEstimator in1990 = StrengthEstimator.builtIn(
        Clock.fixed(Instant.parse("1990-06-01T00:00:00Z"), ZoneOffset.UTC));

    assertThat(strength("2026").log10Guesses()).isLessThan(strength("1987").log10Guesses());
    assertThat(in1990.strength("1987", PasswordContext.empty()).log10Guesses())
        .isLessThan(strength("1987").log10Guesses());
  }

  @Test
  @DisplayName("graduation years after 2029 are years too")
  void graduationYearIsAYear() {
    assertThat(strength("2034").warning()).isEqualTo(StrengthWarning.RECENT_YEAR);
  }

  @Test
  @DisplayName("only the first 128 chars are analysed, so a megabyte costs no more")
  void overLongInputIsAnalysedOnlyToTheCap() {
    String huge = "Tr4ctor!".repeat(131_072);

    Strength s = strength(huge);

    assertThat(s).isEqualTo(strength(huge.substring(0, GuessEstimator.MAX_ANALYSED)));
  }

  @Test
  @DisplayName("percent grows with guesses and its band is always the score")
  void percentIsMonotoneAndMatchesScore() {
    int previous = -1;
    for (int step = 0; step <= 2_000; step++) {
      double log10 = step / 100.0;
      int score = GuessEstimator.score(Math.pow(10, log10));
      int percent = GuessEstimator.percent(log10, score);

      assertThat(percent).isGreaterThanOrEqualTo(previous).isBetween(0, 100);
      assertThat(Math.min(4, percent / 20)).isEqualTo(score);
      previous = percent;
    }
  }

  @Test
  @DisplayName("score bands are zxcvbn's: 10^3, 10^6, 10^8, 10^10 guesses")
  void scoreBandsAreZxcvbns() {
    assertThat(GuessEstimator.score(999)).isZero();
    assertThat(GuessEstimator.score(1e4)).isEqualTo(1);
    assertThat(GuessEstimator.score(1e7)).isEqualTo(2);
    assertThat(GuessEstimator.score(1e9)).isEqualTo(3);
    assertThat(GuessEstimator.score(1e11)).isEqualTo(4);
  }

  @Test
  @DisplayName("one estimator used by many threads at once answers as it does alone")
  void concurrentUseGivesSequentialResults() throws Exception {
    List<StrengthCorpus.Item> items = StrengthCorpus.load().subList(0, 300);
    List<Strength> expected = new ArrayList<>();
    for (StrengthCorpus.Item item : items) {
      expected.add(ESTIMATOR.strength(item.password(), item.passwordContext()));
    }
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Strength>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          List<Strength> out = new ArrayList<>();
          for (StrengthCorpus.Item item : items) {
            out.add(ESTIMATOR.strength(item.password(), item.passwordContext()));
          }
          return out;
        }));
      }
      start.countDown();
      for (Future<List<Strength>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("the word lists are loaded once and shared by every estimator")
  void wordListsAreSharedByAllEstimators() {
    assertThat(StrengthData.shared()).isSameAs(StrengthData.shared());
    assertThat(StrengthData.shared().words().size()).isGreaterThan(100_000);
  }

  @Test
  @DisplayName("every code has a plain-English message; only NONE's is empty")
  void everyCodeHasAMessage() {
    for (StrengthWarning warning : StrengthWarning.values()) {
      if (warning == StrengthWarning.NONE) {
        assertThat(warning.message()).isEmpty();
      } else {
        assertThat(warning.message()).as(warning.name()).isNotBlank().endsWith(".");
      }
    }
    for (StrengthSuggestion suggestion : StrengthSuggestion.values()) {
      assertThat(suggestion.message()).as(suggestion.name()).isNotBlank().endsWith(".");
    }
  }

  @Test
  @DisplayName("the result carries nothing of the password")
  void resultHoldsNoPassword() {
    String password = "Olivia03152014";

    assertThat(strength(password).toString()).doesNotContain("Olivia", "0315", "2014");
  }

  @Test
  @DisplayName("null arguments are rejected with their names")
  void nullArgumentsThrowNamingParameter() {
    assertThatNullPointerException()
        .isThrownBy(() -> ESTIMATOR.strength(null, PasswordContext.empty()))
        .withMessage("password");
    assertThatNullPointerException()
        .isThrownBy(() -> ESTIMATOR.strength("x", null))
        .withMessage("context");
    assertThatNullPointerException()
        .isThrownBy(() -> StrengthEstimator.builtIn(null))
        .withMessage("clock");
  }

  @Test
  @DisplayName("a Strength whose score is not its percentage's band is refused")
  void strengthRejectsInconsistentValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Strength(50, 3, 7, StrengthWarning.NONE, List.of()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Strength(101, 4, 20, StrengthWarning.NONE, List.of()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Strength(10, 0, Double.NaN, StrengthWarning.NONE, List.of()));
  }
}
