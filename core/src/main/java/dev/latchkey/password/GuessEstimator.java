package dev.latchkey.password;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in {@link StrengthEstimator}: prepares the input, runs a {@link GuessSearch}, and
 * turns its guesses and cheapest cover into a {@link Strength} with feedback. Immutable; the
 * word lists it reads are shared by all instances.
 */
final class GuessEstimator implements StrengthEstimator {

  /** Chars analysed; the rest of a longer password is not counted. */
  static final int MAX_ANALYSED = 128;
  /** Context words beyond this many are ignored, bounding the cost of one call. */
  private static final int MAX_CONTEXT_WORDS = 64;
  private static final int MIN_CONTEXT_WORD = 2;
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  /** Lower bound, in log10(guesses), of each score band; the last is where 100 % is reached. */
  private static final double[] BAND_FLOOR = {0, 3, 6, 8, 10, 15};
  private static final double[] SCORE_LIMIT = {1e3 + 5, 1e6 + 5, 1e8 + 5, 1e10 + 5};

  private static final List<StrengthSuggestion> EMPTY_ADVICE = List.of(
      StrengthSuggestion.USE_A_FEW_WORDS, StrengthSuggestion.NO_NEED_FOR_SYMBOLS);

  private final StrengthData data;
  private final Clock clock;

  GuessEstimator(StrengthData data, Clock clock) {
    this.data = data;
    this.clock = clock;
  }

  @Override
  public Strength strength(CharSequence password, PasswordContext context) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(context, "context");
    GuessSearch search = search(password, context);
    double guesses = search.guesses();
    double log10 = Math.max(0, Math.log10(guesses));
    int score = score(guesses);
    int percent = percent(log10, score);
    return feedback(search, percent, score, log10);
  }

  GuessSearch search(CharSequence password, PasswordContext context) {
    return new GuessSearch(data, analysed(password), currentYear(), contextWords(context)).run();
  }

  /**
   * For tests and diagnostics only: the cheapest cover, piece by piece, with the password's own
   * chars in it. Never log its result.
   */
  String explain(CharSequence password, PasswordContext context) {
    GuessSearch s = search(password, context);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "10^%.2f:", Math.log10(s.guesses())));
    char[] chars = s.chars();
    for (int p = 0; p < s.parts(); p++) {
      int from = s.partStart(p);
      int to = s.partEnd(p);
      out.append(' ').append(describe(s, p)).append(" '")
          .append(chars, from, to - from + 1).append('\'')
          .append(String.format(Locale.ROOT, " 10^%.2f", Math.log10(s.partGuesses(p))));
    }
    return out.toString();
  }

  private String describe(GuessSearch s, int part) {
    int detail = s.partDetail(part);
    switch (s.partKind(part)) {
      case GuessSearch.DICTIONARY:
        return StrengthData.listName(detail & 0xff) + "#" + s.partRank(part)
            + ((detail & GuessSearch.L33T) != 0 ? "+l33t" : "")
            + ((detail & GuessSearch.REVERSED) != 0 ? "+reversed" : "");
      case GuessSearch.SPATIAL:
        return "keyboard(" + data.keyboards()[detail & 0xff].name() + ", turns " + (detail >>> 8)
            + ")";
      case GuessSearch.REPEAT:
        return "repeat(group of " + detail + ")";
      case GuessSearch.SEQUENCE:
        return "sequence";
      case GuessSearch.YEAR:
        return "year";
      case GuessSearch.DATE:
        return "date";
      default:
        return "random";
    }
  }

  private static char[] analysed(CharSequence password) {
    int length = Math.min(password.length(), MAX_ANALYSED * 4);
    boolean ascii = true;
    for (int i = 0; i < length && ascii; i++) {
      ascii = password.charAt(i) < 0x80;
    }
    String text;
    if (ascii) {
      // ASCII is already in NFKC.
      length = Math.min(length, MAX_ANALYSED);
      char[] chars = new char[length];
      for (int i = 0; i < length; i++) {
        chars[i] = password.charAt(i);
      }
      return chars;
    }
    text = PasswordPolicy.normalise(password.subSequence(0, length));
    int end = Math.min(text.length(), MAX_ANALYSED);
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end).toCharArray();
  }

  /**
   * Each context entry in NFKC lower case, as given, without its spaces, and split at anything
   * but letters and digits ({@code "Jane.Doe"} gives {@code jane.doe}, {@code jane},
   * {@code doe}); pieces shorter than two chars are dropped.
   */
  private static char[][] contextWords(PasswordContext context) {
    List<String> given = context.words();
    if (given.isEmpty()) {
      return new char[0][];
    }
    Set<String> words = new LinkedHashSet<>();
    for (String word : given) {
      String lower = PasswordPolicy.normalise(word).toLowerCase(Locale.ROOT).strip();
      addWord(words, lower);
      addWord(words, SPACES.matcher(lower).replaceAll(""));
      for (String piece : NOT_LETTER_OR_DIGIT.split(lower)) {
        addWord(words, piece);
      }
      if (words.size() >= MAX_CONTEXT_WORDS) {
        break;
      }
    }
    List<char[]> out = new ArrayList<>(words.size());
    for (String word : words) {
      if (out.size() == MAX_CONTEXT_WORDS) {
        break;
      }
      out.add(word.toCharArray());
    }
    return out.toArray(new char[0][]);
  }

  private static void addWord(Set<String> words, String word) {
    if (word.length() >= MIN_CONTEXT_WORD && word.length() <= MAX_ANALYSED) {
      words.add(word);
    }
  }

  private int currentYear() {
    return LocalDate.ofInstant(clock.instant(), clock.getZone()).getYear();
  }

  static int score(double guesses) {
    for (int s = 0; s < SCORE_LIMIT.length; s++) {
      if (guesses < SCORE_LIMIT[s]) {
        return s;
      }
    }
    return 4;
  }

  /** 20 points per band, spread over the band by log10(guesses); capped so score = percent/20. */
  static int percent(double log10, int score) {
    double floor = BAND_FLOOR[score];
    double fraction = (log10 - floor) / (BAND_FLOOR[score + 1] - floor);
    int within = (int) Math.floor(fraction * 20);
    int cap = score == 4 ? 20 : 19;
    return score * 20 + Math.max(0, Math.min(cap, within));
  }

  private Strength feedback(GuessSearch s, int percent, int score, double log10) {
    if (s.chars().length == 0) {
      return new Strength(percent, score, log10, StrengthWarning.NONE, EMPTY_ADVICE);
    }
    boolean personal = false;
    for (int p = 0; p < s.parts(); p++) {
      personal |= s.partKind(p) == GuessSearch.DICTIONARY
          && (s.partDetail(p) & 0xff) == StrengthData.CONTEXT;
    }
    if (score >= 3) {
      return personal
          ? new Strength(percent, score, log10, StrengthWarning.PERSONAL_INFORMATION,
              List.of(StrengthSuggestion.AVOID_PERSONAL_INFORMATION))
          : new Strength(percent, score, log10, StrengthWarning.NONE, List.of());
    }
    int longest = 0;
    for (int p = 1; p < s.parts(); p++) {
      if (length(s, p) > length(s, longest)) {
        longest = p;
      }
    }
    List<StrengthSuggestion> advice = new ArrayList<>(4);
    advice.add(StrengthSuggestion.ADD_ANOTHER_WORD);
    StrengthWarning warning = advise(s, longest, s.parts() == 1, advice);
    if (personal && warning != StrengthWarning.PERSONAL_INFORMATION) {
      warning = StrengthWarning.PERSONAL_INFORMATION;
      advice.add(1, StrengthSuggestion.AVOID_PERSONAL_INFORMATION);
    }
    return new Strength(percent, score, log10, warning, advice);
  }

  private static int length(GuessSearch s, int part) {
    return s.partEnd(part) - s.partStart(part) + 1;
  }

  /** Warning and suggestions for the longest piece of a weak password. */
  private static StrengthWarning advise(GuessSearch s, int part, boolean alone,
      List<StrengthSuggestion> advice) {
    int detail = s.partDetail(part);
    switch (s.partKind(part)) {
      case GuessSearch.DICTIONARY:
        return adviseWord(s, part, alone, advice);
      case GuessSearch.SPATIAL:
        advice.add(StrengthSuggestion.LONGER_KEYBOARD_PATTERN);
        return (detail >>> 8) == 1
            ? StrengthWarning.STRAIGHT_ROW_OF_KEYS : StrengthWarning.SHORT_KEYBOARD_PATTERN;
      case GuessSearch.REPEAT:
        advice.add(StrengthSuggestion.AVOID_REPEATS);
        return detail == 1 ? StrengthWarning.REPEATED_CHARACTER : StrengthWarning.REPEATED_PATTERN;
      case GuessSearch.SEQUENCE:
        advice.add(StrengthSuggestion.AVOID_SEQUENCES);
        return StrengthWarning.SEQUENCE;
      case GuessSearch.YEAR:
        advice.add(StrengthSuggestion.AVOID_RECENT_YEARS);
        advice.add(StrengthSuggestion.AVOID_PERSONAL_YEARS);
        return StrengthWarning.RECENT_YEAR;
      case GuessSearch.DATE:
        advice.add(StrengthSuggestion.AVOID_DATES);
        return StrengthWarning.DATE;
      default:
        return StrengthWarning.NONE;
    }
  }

  private static StrengthWarning adviseWord(GuessSearch s, int part, boolean alone,
      List<StrengthSuggestion> advice) {
    int detail = s.partDetail(part);
    int list = detail & 0xff;
    boolean l33t = (detail & GuessSearch.L33T) != 0;
    boolean reversed = (detail & GuessSearch.REVERSED) != 0;
    int rank = s.partRank(part);
    StrengthWarning warning;
    switch (list) {
      case StrengthData.PASSWORDS:
        if (alone && !l33t && !reversed) {
          warning = rank <= 10 ? StrengthWarning.TOP_10_PASSWORD
              : rank <= 100 ? StrengthWarning.TOP_100_PASSWORD : StrengthWarning.COMMON_PASSWORD;
        } else if (Math.log10(s.partGuesses(part)) <= 4) {
          warning = StrengthWarning.SIMILAR_TO_COMMON_PASSWORD;
        } else {
          warning = StrengthWarning.NONE;
        }
        break;
      case StrengthData.ENGLISH:
      case StrengthData.TV_AND_FILM:
        warning = alone ? StrengthWarning.WORD_BY_ITSELF : StrengthWarning.NONE;
        break;
      case StrengthData.SURNAMES:
      case StrengthData.FEMALE_NAMES:
      case StrengthData.MALE_NAMES:
        warning = alone ? StrengthWarning.NAME_BY_ITSELF : StrengthWarning.COMMON_NAMES;
        break;
      default:
        warning = StrengthWarning.PERSONAL_INFORMATION;
        advice.add(StrengthSuggestion.AVOID_PERSONAL_INFORMATION);
        break;
    }
    char[] chars = s.chars();
    int from = s.partStart(part);
    int to = s.partEnd(part);
    int upper = 0;
    int lower = 0;
    for (int p = from; p <= to; p++) {
      upper += Character.isUpperCase(chars[p]) ? 1 : 0;
      lower += Character.isLowerCase(chars[p]) ? 1 : 0;
    }
    if (upper == 1 && Character.isUpperCase(chars[from]) && to > from) {
      advice.add(StrengthSuggestion.CAPITALS_DONT_HELP);
    } else if (upper > 1 && lower == 0) {
      advice.add(StrengthSuggestion.ALL_CAPITALS_DONT_HELP);
    }
    if (reversed && to - from + 1 >= 4) {
      advice.add(StrengthSuggestion.REVERSED_WORDS_DONT_HELP);
    }
    if (l33t) {
      advice.add(StrengthSuggestion.SUBSTITUTIONS_DONT_HELP);
    }
    return warning;
  }

  @Override
  public String toString() {
    return "StrengthEstimator.builtIn";
  }
}
