package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The built-in estimator's score agrees with zxcvbn's (through zxcvbn4j, a test-only reference)
 * on at least 90 % of {@link StrengthCorpus}: 1,200-odd common, district-flavoured, passphrase,
 * random and pattern passwords. Both get the same context words and the same year (zxcvbn4j
 * reads the system clock, so this test does too). The test prints the rate, and every
 * disagreement with both decompositions and the reason.
 *
 * <p>Where they disagree, the test lists why ours is right. The reasons, each a deliberate
 * difference:
 *
 * <ul>
 *   <li><b>Years after 2029.</b> zxcvbn4j knows years 1900–2029 (zxcvbn itself stops at 2019) and
 *       prices {@code 2032} as four random digits, 10<sup>4</sup> guesses. Ours knows 1900–2099
 *       and prices a year by its distance from now (at least 20), as both do for earlier years.
 *       In a school portal a child's graduation year ({@code Huskies2032!}, {@code Go Hawks
 *       2034}) is exactly what an attacker tries early, so ours, which scores such passwords
 *       lower, is right.
 *   <li><b>Context entries of several words.</b> zxcvbn only matches each context entry whole;
 *       ours also tries it without spaces and word by word, so a password built from the
 *       surname in {@code "Jane Kowalczyk"} or the town in a district's full name is found. The
 *       corpus passes single-word context, so this shows only in hosts' use.
 *   <li><b>Japanese keyboard.</b> zxcvbn4j also looks for walks on a JIS keyboard, which a few
 *       random strings happen to contain; the district's parents type on US QWERTY, which both
 *       check.
 *   <li><b>Runs of one character.</b> zxcvbn4j prices {@code aaaaaaaa} as a sequence with step
 *       0, ours (like zxcvbn) as a repeat; both call it weak, and they can fall on different
 *       sides of a band boundary.
 *   <li><b>Input beyond 128 chars</b> is not analysed by ours (the policy refuses it anyway),
 *       and ours judges the NFKC form, the one stored; neither occurs in this ASCII corpus.
 * </ul>
 */
class StrengthAgreementTest {

  private static final double REQUIRED = 0.90;

  @Test
  @DisplayName("the corpus resource is what StrengthCorpus generates, and has at least 1,000 items")
  void corpusResourceMatchesGenerator() {
    List<StrengthCorpus.Item> loaded = StrengthCorpus.load();

    assertThat(loaded).hasSizeGreaterThanOrEqualTo(1_000);
    assertThat(loaded).isEqualTo(StrengthCorpus.generate());
    assertThat(loaded).extracting(StrengthCorpus.Item::category)
        .contains("common", "district", "passphrase", "random", "pattern");
  }

  @Test
  @DisplayName("score bands agree with zxcvbn4j on at least 90% of the corpus")
  void scoreBandsAgreeWithZxcvbn() {
    GuessEstimator ours = (GuessEstimator) StrengthEstimator.builtIn(Clock.systemUTC());
    Zxcvbn reference = new Zxcvbn();
    List<StrengthCorpus.Item> corpus = StrengthCorpus.load();
    Map<String, int[]> byCategory = new LinkedHashMap<>();
    List<String> disagreements = new ArrayList<>();
    int agreed = 0;
    for (StrengthCorpus.Item item : corpus) {
      Strength mine = ours.strength(item.password(), item.passwordContext());
      com.nulabinc.zxcvbn.Strength theirs = reference.measure(item.password(), item.context());
      int[] tally = byCategory.computeIfAbsent(item.category(), c -> new int[2]);
      tally[1]++;
      if (mine.score() == theirs.getScore()) {
        agreed++;
        tally[0]++;
      } else {
        disagreements.add(String.format(Locale.ROOT,
            "  %s %s: ours %d (10^%.2f) zxcvbn4j %d (10^%.2f)%n    why ours is right: %s%n"
                + "    ours:     %s%n    zxcvbn4j: %s",
            item.category(), item.password(), mine.score(), mine.log10Guesses(),
            theirs.getScore(), theirs.getGuessesLog10(),
            reason(ours.search(item.password(), item.passwordContext()), theirs),
            ours.explain(item.password(), item.passwordContext()), describe(theirs)));
      }
    }
    double rate = (double) agreed / corpus.size();
    System.out.printf(Locale.ROOT, "Strength agreement with zxcvbn4j: %d of %d = %.1f%%%n",
        agreed, corpus.size(), 100 * rate);
    byCategory.forEach((category, tally) -> System.out.printf(Locale.ROOT,
        "  %-10s %4d of %4d%n", category, tally[0], tally[1]));
    if (!disagreements.isEmpty()) {
      System.out.println("Disagreements:");
      disagreements.forEach(System.out::println);
    }

    assertThat(rate).isGreaterThanOrEqualTo(REQUIRED);
  }

  /** The reason for one disagreement, from the pieces each side chose. */
  private static String reason(GuessSearch ours, com.nulabinc.zxcvbn.Strength theirs) {
    for (int p = 0; p < ours.parts(); p++) {
      if (ours.partKind(p) == GuessSearch.YEAR) {
        char[] chars = ours.chars();
        int year = Integer.parseInt(new String(chars, ours.partStart(p), 4));
        if (year >= 2030) {
          return "year " + year + " is a year (a graduation year), not four random digits;"
              + " zxcvbn4j knows years only up to 2029";
        }
      }
      if (ours.partKind(p) == GuessSearch.DICTIONARY
          && (ours.partDetail(p) & 0xff) == StrengthData.CONTEXT) {
        boolean theirsHasContext = theirs.getSequence().stream()
            .anyMatch(m -> "user_inputs".equals(m.dictionaryName));
        if (!theirsHasContext) {
          return "a word of a multi-word context entry is in the password; zxcvbn matches"
              + " entries only whole";
        }
      }
    }
    for (Match m : theirs.getSequence()) {
      if ("jis".equals(m.graph)) {
        return "zxcvbn4j counts a walk on a Japanese JIS keyboard; the district types on QWERTY";
      }
      if (m.pattern == com.nulabinc.zxcvbn.Pattern.Sequence && m.token.chars().distinct().count() == 1) {
        return "a run of one character: zxcvbn4j prices it as a step-0 sequence, ours as a repeat;"
            + " both call it weak";
      }
    }
    return "UNEXPLAINED: compare the decompositions";
  }

  private static String describe(com.nulabinc.zxcvbn.Strength theirs) {
    StringBuilder out = new StringBuilder(
        String.format(Locale.ROOT, "10^%.2f:", theirs.getGuessesLog10()));
    for (Match m : theirs.getSequence()) {
      out.append(' ').append(m.pattern.value());
      if (m.dictionaryName != null) {
        out.append('(').append(m.dictionaryName).append('#').append(m.rank)
            .append(m.l33t ? "+l33t" : "").append(m.reversed ? "+reversed" : "").append(')');
      }
      if (m.graph != null) {
        out.append('(').append(m.graph).append(')');
      }
      out.append(" '").append(m.token).append('\'')
          .append(String.format(Locale.ROOT, " 10^%.2f", Math.log10(m.guesses)));
    }
    return out.toString();
  }
}
