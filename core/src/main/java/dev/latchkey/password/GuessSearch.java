package dev.latchkey.password;

import java.util.Arrays;

/**
 * One estimate: finds every recognisable piece of a password, prices each in guesses, and picks
 * the cheapest way to cover the whole password with pieces and stretches of random characters.
 * Created per call and used by one thread; everything it reads from {@link StrengthData} is
 * shared and immutable.
 *
 * <p>The price of a cover of {@code l} pieces is {@code l! × Π guesses(piece) + D^(l-1)}: an
 * attacker tries short covers first and does not know the order of the pieces, and every extra
 * piece costs at least {@code D} more. It is found by dynamic programming over (end position,
 * pieces so far), keeping per end position only covers that no cover with at most as many
 * pieces beats. Prices follow zxcvbn's published model (Wheeler, USENIX Security 2016), so the
 * score bands mean the same; the code is Latchkey's own.
 *
 * <p>Pieces are kept in parallel arrays rather than objects, and the word lists are walked
 * in place, so an estimate allocates a few small arrays and no strings.
 */
final class GuessSearch {

  static final int DICTIONARY = 0;
  static final int SPATIAL = 1;
  static final int REPEAT = 2;
  static final int SEQUENCE = 3;
  static final int YEAR = 4;
  static final int DATE = 5;
  static final int BRUTEFORCE = 6;

  /** Dictionary detail flags, above the list index in the low byte. */
  static final int L33T = 1 << 8;
  static final int REVERSED = 1 << 9;

  private static final int MAX_LENGTH = GuessEstimator.MAX_ANALYSED;
  /** Each piece beyond the first costs at least this many more guesses. */
  private static final double GROWTH = 10_000;
  /** A year or date is at least this many years from now, however close it is. */
  private static final int MIN_YEAR_SPACE = 20;
  private static final int DATE_MIN_YEAR = 1000;
  private static final int DATE_MAX_YEAR = 2050;
  private static final double[] FACTORIAL = new double[MAX_LENGTH + 2];
  private static final double[] GROWTH_POWER = new double[MAX_LENGTH + 2];
  private static final double[] BRUTEFORCE_GUESSES = new double[MAX_LENGTH + 2];

  /** Letters a symbol or digit may stand for, indexed by char; {@code null} if none. */
  private static final String[] L33T_LETTERS = new String[128];
  /** For the symbols that may stand for two letters: which two-bit slot of the choice state. */
  private static final int[] L33T_SLOT = new int[128];
  /** A small index per l33t symbol, for bit sets. */
  private static final int[] L33T_INDEX = new int[128];

  /** Digit splits of an unseparated date, by length: each {@code {k, l}} cuts at k and l. */
  private static final int[][][] DATE_SPLITS = {
      null, null, null, null,
      {{1, 2}, {2, 3}},
      {{1, 3}, {2, 3}},
      {{1, 2}, {2, 4}, {4, 5}},
      {{1, 3}, {2, 3}, {4, 5}, {4, 6}},
      {{2, 4}, {4, 6}}};

  static {
    FACTORIAL[0] = 1;
    GROWTH_POWER[0] = 1;
    for (int i = 1; i < FACTORIAL.length; i++) {
      FACTORIAL[i] = FACTORIAL[i - 1] * i;
      GROWTH_POWER[i] = GROWTH_POWER[i - 1] * GROWTH;
    }
    // A lone random char is worth a bit more than the cheapest piece, so no piece of one char
    // is ever preferred to it by accident; longer stretches: 10 per char.
    BRUTEFORCE_GUESSES[1] = 11;
    for (int len = 2; len < BRUTEFORCE_GUESSES.length; len++) {
      BRUTEFORCE_GUESSES[len] = Math.pow(10, len);
    }
    Arrays.fill(L33T_SLOT, -1);
    Arrays.fill(L33T_INDEX, -1);
    String[][] table = {
        {"4", "a"}, {"@", "a"}, {"8", "b"}, {"(", "c"}, {"{", "c"}, {"[", "c"}, {"<", "c"},
        {"3", "e"}, {"6", "g"}, {"9", "g"}, {"1", "il"}, {"!", "i"}, {"|", "il"}, {"7", "lt"},
        {"0", "o"}, {"$", "s"}, {"5", "s"}, {"+", "t"}, {"%", "x"}, {"2", "z"}};
    int slot = 0;
    for (int i = 0; i < table.length; i++) {
      char c = table[i][0].charAt(0);
      L33T_LETTERS[c] = table[i][1];
      L33T_INDEX[c] = i;
      if (table[i][1].length() > 1) {
        L33T_SLOT[c] = slot++;
      }
    }
  }

  private final StrengthData data;
  private final WordTrie trie;
  private final char[] pw;
  private final char[] low;
  private final int n;
  private final int year;
  private final char[][] context;

  private int count;
  private int[] start = new int[32];
  private int[] end = new int[32];
  private int[] kind = new int[32];
  private int[] detail = new int[32];
  private int[] rank = new int[32];
  private double[] guesses = new double[32];

  private double total;
  /** The cheapest cover, in order: match index + 1, or -(start + 1) for random characters. */
  private int[] cover = new int[0];

  /**
   * @param pw the chars to analyse, at most 128, already normalised; not modified
   * @param year the reference year
   * @param context lower-cased context words; rank = position + 1
   */
  GuessSearch(StrengthData data, char[] pw, int year, char[][] context) {
    if (pw.length > MAX_LENGTH) {
      throw new IllegalArgumentException("at most " + MAX_LENGTH + " chars are analysed");
    }
    this.data = data;
    this.trie = data.words();
    this.pw = pw;
    this.n = pw.length;
    this.low = new char[n];
    for (int i = 0; i < n; i++) {
      low[i] = Character.toLowerCase(pw[i]);
    }
    this.year = year;
    this.context = context;
  }

  /** Runs the search; afterwards {@link #guesses()} and the cover accessors answer. */
  GuessSearch run() {
    if (n == 0) {
      total = 1;
      return this;
    }
    dictionaryMatches();
    reversedMatches();
    l33tMatches();
    contextMatches();
    spatialMatches();
    repeatMatches();
    sequenceMatches();
    yearMatches();
    dateMatches();
    cheapestCover();
    return this;
  }

  double guesses() {
    return total;
  }

  char[] chars() {
    return pw;
  }

  int parts() {
    return cover.length;
  }

  int partStart(int part) {
    int ref = cover[part];
    return ref > 0 ? start[ref - 1] : -ref - 1;
  }

  int partEnd(int part) {
    int ref = cover[part];
    return ref > 0 ? end[ref - 1] : (part + 1 < cover.length ? partStart(part + 1) - 1 : n - 1);
  }

  int partKind(int part) {
    int ref = cover[part];
    return ref > 0 ? kind[ref - 1] : BRUTEFORCE;
  }

  int partDetail(int part) {
    int ref = cover[part];
    return ref > 0 ? detail[ref - 1] : 0;
  }

  int partRank(int part) {
    int ref = cover[part];
    return ref > 0 ? rank[ref - 1] : 0;
  }

  double partGuesses(int part) {
    int ref = cover[part];
    return ref > 0 ? guesses[ref - 1] : BRUTEFORCE_GUESSES[partEnd(part) - partStart(part) + 1];
  }

  // ---------------------------------------------------------------- recording pieces

  private void add(int i, int j, int type, int info, int r, double raw) {
    if (count == start.length) {
      int size = count * 2;
      start = Arrays.copyOf(start, size);
      end = Arrays.copyOf(end, size);
      kind = Arrays.copyOf(kind, size);
      detail = Arrays.copyOf(detail, size);
      rank = Arrays.copyOf(rank, size);
      guesses = Arrays.copyOf(guesses, size);
    }
    int len = j - i + 1;
    // A piece of a longer password is never cheaper than a guess among a handful.
    double floor = len == n ? 1 : len == 1 ? 10 : 50;
    start[count] = i;
    end[count] = j;
    kind[count] = type;
    detail[count] = info;
    rank[count] = r;
    guesses[count] = Math.max(raw, floor);
    count++;
  }

  private void addWord(int i, int j, int r, int list, int flags, int l33tState) {
    double g = (double) r * capitalisations(i, j);
    if ((flags & L33T) != 0) {
      g *= substitutions(i, j, l33tState);
    }
    if ((flags & REVERSED) != 0) {
      g *= 2;
    }
    add(i, j, DICTIONARY, list | flags, r, g);
  }

  // ---------------------------------------------------------------- words

  private void dictionaryMatches() {
    for (int i = 0; i < n; i++) {
      int node = WordTrie.ROOT;
      for (int j = i; j < n; j++) {
        node = trie.child(node, low[j]);
        if (node < 0) {
          break;
        }
        int r = trie.rank(node);
        if (r != 0) {
          addWord(i, j, r, trie.list(node), 0, 0);
        }
      }
    }
  }

  private void reversedMatches() {
    for (int j = n - 1; j > 0; j--) {
      int node = WordTrie.ROOT;
      for (int i = j; i >= 0; i--) {
        node = trie.child(node, low[i]);
        if (node < 0) {
          break;
        }
        int r = trie.rank(node);
        // A palindrome read backwards is the same word, already found forwards, cheaper.
        if (r != 0 && !palindrome(i, j)) {
          addWord(i, j, r, trie.list(node), REVERSED, 0);
        }
      }
    }
  }

  private boolean palindrome(int i, int j) {
    while (i < j) {
      if (low[i++] != low[j--]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Words with symbols for letters. Within one piece every occurrence of a symbol stands for the
   * same letter, and every symbol that can stand for a letter does: a piece with a literal
   * {@code 1} is a plain match, not a l33t one.
   */
  private void l33tMatches() {
    int last = -1;
    for (int i = n - 1; i >= 0; i--) {
      if (isL33t(low[i])) {
        last = i;
        break;
      }
    }
    // A walk starting after the last symbol could only find plain words.
    for (int i = 0; i <= last; i++) {
      l33tWalk(i, i, WordTrie.ROOT, 0, false);
    }
  }

  private static boolean isL33t(char c) {
    return c < 128 && L33T_LETTERS[c] != null;
  }

  private void l33tWalk(int i, int j, int node, int state, boolean substituted) {
    char c = low[j];
    String letters = c < 128 ? L33T_LETTERS[c] : null;
    if (letters == null) {
      int next = trie.child(node, c);
      if (next < 0) {
        return;
      }
      if (substituted && j > i && trie.rank(next) != 0) {
        addWord(i, j, trie.rank(next), trie.list(next), L33T, state);
      }
      if (j + 1 < n) {
        l33tWalk(i, j + 1, next, state, substituted);
      }
      return;
    }
    int slot = L33T_SLOT[c];
    for (int k = 0; k < letters.length(); k++) {
      int nextState = state;
      if (slot >= 0) {
        int chosen = (state >>> (2 * slot)) & 3;
        if (chosen != 0 && chosen != k + 1) {
          continue;
        }
        nextState = state | ((k + 1) << (2 * slot));
      }
      int next = trie.child(node, letters.charAt(k));
      if (next < 0) {
        continue;
      }
      if (j > i && trie.rank(next) != 0) {
        addWord(i, j, trie.rank(next), trie.list(next), L33T, nextState);
      }
      if (j + 1 < n) {
        l33tWalk(i, j + 1, next, nextState, true);
      }
    }
  }

  /** The letter symbol {@code c} stands for under {@code state}. */
  private static char letterFor(char c, int state) {
    String letters = L33T_LETTERS[c];
    int slot = L33T_SLOT[c];
    if (slot < 0) {
      return letters.charAt(0);
    }
    int chosen = (state >>> (2 * slot)) & 3;
    return letters.charAt(chosen == 0 ? 0 : chosen - 1);
  }

  /** Context words, forwards (plain or l33t) and backwards; rank is the position in the list. */
  private void contextMatches() {
    for (int w = 0; w < context.length; w++) {
      char[] word = context[w];
      int len = word.length;
      for (int i = 0; i + len <= n; i++) {
        int state = 0;
        boolean plain = true;
        boolean l33t = true;
        for (int q = 0; q < len && (plain || l33t); q++) {
          char c = low[i + q];
          char want = word[q];
          if (c != want) {
            plain = false;
          }
          if (l33t) {
            if (isL33t(c)) {
              int k = L33T_LETTERS[c].indexOf(want);
              int slot = L33T_SLOT[c];
              if (k < 0) {
                l33t = false;
              } else if (slot >= 0) {
                int chosen = (state >>> (2 * slot)) & 3;
                if (chosen != 0 && chosen != k + 1) {
                  l33t = false;
                } else {
                  state |= (k + 1) << (2 * slot);
                }
              }
            } else if (c != want) {
              l33t = false;
            }
          }
        }
        if (plain) {
          addWord(i, i + len - 1, w + 1, StrengthData.CONTEXT, 0, 0);
        } else if (l33t && len > 1) {
          addWord(i, i + len - 1, w + 1, StrengthData.CONTEXT, L33T, state);
        }
        if (!plain && reversedEquals(i, word)) {
          addWord(i, i + len - 1, w + 1, StrengthData.CONTEXT, REVERSED, 0);
        }
      }
    }
  }

  private boolean reversedEquals(int i, char[] word) {
    int len = word.length;
    for (int q = 0; q < len; q++) {
      if (low[i + len - 1 - q] != word[q]) {
        return false;
      }
    }
    return true;
  }

  /** Capital letters: none or a predictable one (first, last, all) costs little; else mixes. */
  private double capitalisations(int i, int j) {
    int upper = 0;
    int lower = 0;
    for (int p = i; p <= j; p++) {
      char c = pw[p];
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      }
    }
    if (upper == 0) {
      return 1;
    }
    boolean first = pw[i] >= 'A' && pw[i] <= 'Z';
    boolean last = pw[j] >= 'A' && pw[j] <= 'Z';
    if (upper == 1 && j > i && (first || last)) {
      return 2;
    }
    if (lower == 0) {
      return 2;
    }
    return choices(upper + lower, Math.min(upper, lower));
  }

  /** For each symbol used, the ways to choose which of its letters were swapped. */
  private double substitutions(int i, int j, int state) {
    double variations = 1;
    long seen = 0;
    for (int p = i; p <= j; p++) {
      char c = low[p];
      if (!isL33t(c) || (seen & (1L << L33T_INDEX[c])) != 0) {
        continue;
      }
      seen |= 1L << L33T_INDEX[c];
      char letter = letterFor(c, state);
      int swapped = 0;
      int kept = 0;
      for (int q = i; q <= j; q++) {
        if (low[q] == c) {
          swapped++;
        } else if (low[q] == letter) {
          kept++;
        }
      }
      variations *= kept == 0 ? 2 : choices(swapped + kept, Math.min(swapped, kept));
    }
    return variations;
  }

  /** Sum of C(total, 1..upTo). */
  private static double choices(int total, int upTo) {
    double sum = 0;
    for (int k = 1; k <= upTo; k++) {
      sum += binomial(total, k);
    }
    return sum;
  }

  private static double binomial(int total, int k) {
    if (k < 0 || k > total) {
      return 0;
    }
    double r = 1;
    for (int d = 1; d <= k; d++) {
      r = r * (total - k + d) / d;
    }
    return Math.rint(r);
  }

  // ---------------------------------------------------------------- keyboard walks

  private void spatialMatches() {
    KeyboardGraph[] graphs = data.keyboards();
    for (int g = 0; g < graphs.length; g++) {
      walks(graphs[g], g);
    }
  }

  private void walks(KeyboardGraph graph, int graphIndex) {
    int i = 0;
    while (i < n - 1) {
      int j = i + 1;
      int lastDirection = -1;
      int turns = 0;
      int shifted = graph.startsShifted(pw[i]) ? 1 : 0;
      while (true) {
        int step = j < n ? graph.step(pw[j - 1], pw[j]) : -1;
        if (step >= 0) {
          if ((step & 1) != 0) {
            shifted++;
          }
          int direction = step >>> 1;
          if (direction != lastDirection) {
            turns++;
            lastDirection = direction;
          }
          j++;
        } else {
          if (j - i > 2) {
            add(i, j - 1, SPATIAL, graphIndex | (turns << 8), 0,
                walkGuesses(graph, j - i, turns, shifted));
          }
          i = j;
          break;
        }
      }
    }
  }

  private static double walkGuesses(KeyboardGraph graph, int length, int turns, int shifted) {
    double s = graph.startingPositions();
    double d = graph.averageDegree();
    double g = 0;
    for (int i = 2; i <= length; i++) {
      int possibleTurns = Math.min(turns, i - 1);
      for (int t = 1; t <= possibleTurns; t++) {
        g += binomial(i - 1, t - 1) * s * Math.pow(d, t);
      }
    }
    if (shifted > 0) {
      int unshifted = length - shifted;
      g *= unshifted == 0 ? 2 : choices(length, Math.min(shifted, unshifted));
    }
    return g;
  }

  // ---------------------------------------------------------------- repeats

  /**
   * Left to right, the first place where a group of chars repeats at once; of the shortest and
   * the longest repeating group there, the reading that covers more, priced as the group's own
   * estimate times the number of copies.
   */
  private void repeatMatches() {
    int from = 0;
    while (from < n - 1) {
      int i = -1;
      int shortest = 0;
      for (int s = from; s < n - 1 && i < 0; s++) {
        for (int len = 1; s + 2 * len <= n; len++) {
          if (same(s, s + len, len)) {
            i = s;
            shortest = len;
            break;
          }
        }
      }
      if (i < 0) {
        return;
      }
      int longest = shortest;
      for (int len = (n - i) / 2; len > shortest; len--) {
        if (same(i, i + len, len)) {
          longest = len;
          break;
        }
      }
      int shortSpan = shortest * copies(i, shortest);
      int longSpan = longest * copies(i, longest);
      int span;
      int base;
      if (longSpan > shortSpan) {
        span = longSpan;
        base = period(i, span);
      } else {
        span = shortSpan;
        base = shortest;
      }
      double baseGuesses = new GuessSearch(data, Arrays.copyOfRange(pw, i, i + base), year, context)
          .run().guesses();
      add(i, i + span - 1, REPEAT, base, 0, baseGuesses * (span / base));
      from = i + span;
    }
  }

  private boolean same(int a, int b, int len) {
    for (int k = 0; k < len; k++) {
      if (pw[a + k] != pw[b + k]) {
        return false;
      }
    }
    return true;
  }

  private int copies(int i, int len) {
    int c = 1;
    while (i + (c + 1) * len <= n && same(i, i + c * len, len)) {
      c++;
    }
    return c;
  }

  /** The shortest group that, repeated at least twice, makes up {@code pw[i, i + span)}. */
  private int period(int i, int span) {
    for (int len = 1; len <= span / 2; len++) {
      if (span % len == 0 && same(i, i + len, span - len)) {
        return len;
      }
    }
    return span;
  }

  // ---------------------------------------------------------------- sequences

  /** Runs of chars with a constant step of 1 to 5 code units up or down (abc, 2468, zyx). */
  private void sequenceMatches() {
    if (n < 2) {
      return;
    }
    int i = 0;
    int lastDelta = pw[1] - pw[0];
    for (int k = 1; k < n; k++) {
      int delta = pw[k] - pw[k - 1];
      if (delta == lastDelta) {
        continue;
      }
      sequence(i, k - 1, lastDelta);
      i = k - 1;
      lastDelta = delta;
    }
    sequence(i, n - 1, lastDelta);
  }

  private void sequence(int i, int j, int delta) {
    int size = Math.abs(delta);
    if ((j - i > 1 || size == 1) && size > 0 && size <= 5) {
      char first = pw[i];
      double base;
      if ("aAzZ019".indexOf(first) >= 0) {
        base = 4;
      } else if (first >= '0' && first <= '9') {
        base = 10;
      } else {
        base = 26;
      }
      if (delta < 0) {
        base *= 2;
      }
      add(i, j, SEQUENCE, 0, 0, base * (j - i + 1));
    }
  }

  // ---------------------------------------------------------------- years and dates

  private void yearMatches() {
    int p = 0;
    while (p + 4 <= n) {
      if ((pw[p] == '1' && pw[p + 1] == '9' || pw[p] == '2' && pw[p + 1] == '0')
          && digit(pw[p + 2]) && digit(pw[p + 3])) {
        int y = number(p, p + 4);
        add(p, p + 3, YEAR, 0, 0, Math.max(Math.abs(y - year), MIN_YEAR_SPACE));
        p += 4;
      } else {
        p++;
      }
    }
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private int number(int from, int to) {
    int v = 0;
    for (int p = from; p < to; p++) {
      v = v * 10 + (pw[p] - '0');
    }
    return v;
  }

  /**
   * Day, month and year in any order, as 4 to 8 digits or with a separator ({@code 3/15/2014},
   * {@code 15.03.14}); of the readings of one run of digits, the year nearest now. A date inside
   * a longer date is dropped.
   */
  private void dateMatches() {
    int digits = 0;
    for (char c : pw) {
      if (digit(c)) {
        digits++;
      }
    }
    if (digits < 4) {
      return;
    }
    int found = 0;
    int[] from = new int[8];
    int[] to = new int[8];
    int[] years = new int[8];
    boolean[] separated = new boolean[8];
    for (int i = 0; i + 4 <= n; i++) {
      for (int j = i + 3; j <= i + 7 && j < n; j++) {
        if (!digit(pw[j])) {
          break;
        }
        if (j == i + 3 && !(digit(pw[i]) && digit(pw[i + 1]) && digit(pw[i + 2]))) {
          break;
        }
        int best = bestYear(i, j);
        if (best >= 0) {
          if (found == from.length) {
            from = Arrays.copyOf(from, found * 2);
            to = Arrays.copyOf(to, found * 2);
            years = Arrays.copyOf(years, found * 2);
            separated = Arrays.copyOf(separated, found * 2);
          }
          from[found] = i;
          to[found] = j;
          years[found] = best;
          separated[found] = false;
          found++;
        }
      }
    }
    for (int i = 0; i + 6 <= n; i++) {
      if (!digit(pw[i])) {
        continue;
      }
      for (int j = i + 5; j <= i + 9 && j < n; j++) {
        int y = separatedDate(i, j);
        if (y >= 0) {
          if (found == from.length) {
            from = Arrays.copyOf(from, found * 2);
            to = Arrays.copyOf(to, found * 2);
            years = Arrays.copyOf(years, found * 2);
            separated = Arrays.copyOf(separated, found * 2);
          }
          from[found] = i;
          to[found] = j;
          years[found] = y;
          separated[found] = true;
          found++;
        }
      }
    }
    for (int a = 0; a < found; a++) {
      boolean inside = false;
      for (int b = 0; b < found && !inside; b++) {
        inside = b != a && from[b] <= from[a] && to[b] >= to[a];
      }
      if (!inside) {
        double g = Math.max(Math.abs(years[a] - year), MIN_YEAR_SPACE) * 365.0;
        add(from[a], to[a], DATE, 0, 0, separated[a] ? g * 4 : g);
      }
    }
  }

  /** Of the ways to split the digits {@code pw[i..j]} into a date, the year nearest now; or -1. */
  private int bestYear(int i, int j) {
    int best = -1;
    for (int[] split : DATE_SPLITS[j - i + 1]) {
      int y = dateYear(number(i, i + split[0]), number(i + split[0], i + split[1]),
          number(i + split[1], j + 1));
      if (y >= 0 && (best < 0 || Math.abs(y - year) < Math.abs(best - year))) {
        best = y;
      }
    }
    return best;
  }

  /** {@code digits sep digits sep digits} exactly spanning {@code pw[i..j]}: its year, or -1. */
  private int separatedDate(int i, int j) {
    int p = i;
    while (p <= j && digit(pw[p])) {
      p++;
    }
    int firstLength = p - i;
    if (firstLength < 1 || firstLength > 4 || p > j || !separator(pw[p])) {
      return -1;
    }
    char sep = pw[p];
    int second = ++p;
    while (p <= j && digit(pw[p])) {
      p++;
    }
    int secondLength = p - second;
    if (secondLength < 1 || secondLength > 2 || p > j || pw[p] != sep) {
      return -1;
    }
    int third = ++p;
    while (p <= j && digit(pw[p])) {
      p++;
    }
    int thirdLength = p - third;
    if (p != j + 1 || thirdLength < 1 || thirdLength > 4) {
      return -1;
    }
    return dateYear(number(i, i + firstLength), number(second, second + secondLength),
        number(third, j + 1));
  }

  private static boolean separator(char c) {
    return c == '/' || c == '\\' || c == '_' || c == '.' || c == '-'
        || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** The year of the date {@code a b c} read in any plausible order, or -1 if it is no date. */
  private static int dateYear(int a, int b, int c) {
    if (b > 31 || b <= 0) {
      return -1;
    }
    int over12 = 0;
    int over31 = 0;
    int under1 = 0;
    for (int v : new int[] {a, b, c}) {
      if (v > 99 && v < DATE_MIN_YEAR || v > DATE_MAX_YEAR) {
        return -1;
      }
      over31 += v > 31 ? 1 : 0;
      over12 += v > 12 ? 1 : 0;
      under1 += v <= 0 ? 1 : 0;
    }
    if (over31 >= 2 || over12 == 3 || under1 >= 2) {
      return -1;
    }
    // A full year first or last decides the reading; otherwise a two-digit year at either end.
    if (c >= DATE_MIN_YEAR && c <= DATE_MAX_YEAR) {
      return dayMonth(a, b) ? c : -1;
    }
    if (a >= DATE_MIN_YEAR && a <= DATE_MAX_YEAR) {
      return dayMonth(b, c) ? a : -1;
    }
    if (dayMonth(a, b)) {
      return fourDigitYear(c);
    }
    if (dayMonth(b, c)) {
      return fourDigitYear(a);
    }
    return -1;
  }

  private static boolean dayMonth(int x, int y) {
    return x >= 1 && x <= 31 && y >= 1 && y <= 12 || y >= 1 && y <= 31 && x >= 1 && x <= 12;
  }

  private static int fourDigitYear(int y) {
    if (y > 99) {
      return y;
    }
    return y > 50 ? y + 1900 : y + 2000;
  }

  // ---------------------------------------------------------------- the cheapest cover

  private void cheapestCover() {
    int width = n + 1;
    double[] best = new double[n * width];
    double[] product = new double[n * width];
    int[] last = new int[n * width];
    int[] pieces = new int[n];
    int[] order = byEndThenStart();
    int next = 0;
    for (int k = 0; k < n; k++) {
      while (next < count && end[order[next]] == k) {
        int m = order[next++];
        int i = start[m];
        if (i == 0) {
          extend(best, product, last, pieces, m + 1, 0, k, guesses[m], 1);
        } else {
          int before = (i - 1) * width;
          for (int l = 1; l <= pieces[i - 1]; l++) {
            if (last[before + l] != 0) {
              extend(best, product, last, pieces, m + 1, i, k, guesses[m], l + 1);
            }
          }
        }
      }
      // Random characters from i to k, never right after other random characters.
      extend(best, product, last, pieces, -1, 0, k, BRUTEFORCE_GUESSES[k + 1], 1);
      for (int i = 1; i <= k; i++) {
        int before = (i - 1) * width;
        double g = BRUTEFORCE_GUESSES[k - i + 1];
        for (int l = 1; l <= pieces[i - 1]; l++) {
          if (last[before + l] > 0) {
            extend(best, product, last, pieces, -(i + 1), i, k, g, l + 1);
          }
        }
      }
    }
    int at = (n - 1) * width;
    int length = 0;
    double cheapest = Double.POSITIVE_INFINITY;
    for (int l = 1; l <= pieces[n - 1]; l++) {
      if (last[at + l] != 0 && best[at + l] < cheapest) {
        cheapest = best[at + l];
        length = l;
      }
    }
    total = cheapest;
    cover = new int[length];
    int k = n - 1;
    for (int l = length; l >= 1; l--) {
      int ref = last[k * width + l];
      cover[l - 1] = ref;
      k = (ref > 0 ? start[ref - 1] : -ref - 1) - 1;
    }
  }

  /** Offers the cover (best cover of l - 1 pieces ending at i - 1) + piece, ending at k. */
  private void extend(double[] best, double[] product, int[] last, int[] pieces, int ref, int i,
      int k, double pieceGuesses, int l) {
    int width = n + 1;
    double p = pieceGuesses;
    if (l > 1) {
      p *= product[(i - 1) * width + l - 1];
    }
    double g = FACTORIAL[l] * p + GROWTH_POWER[l - 1];
    int at = k * width;
    int upTo = Math.min(l, pieces[k]);
    for (int c = 1; c <= upTo; c++) {
      if (last[at + c] != 0 && best[at + c] <= g) {
        return;
      }
    }
    best[at + l] = g;
    product[at + l] = p;
    last[at + l] = ref;
    if (l > pieces[k]) {
      pieces[k] = l;
    }
  }

  /** Match indices ordered by end, then start, ties in the order found (two stable passes). */
  private int[] byEndThenStart() {
    int[] byStart = countingSort(start, null);
    return countingSort(end, byStart);
  }

  private int[] countingSort(int[] key, int[] input) {
    int[] buckets = new int[n + 1];
    for (int m = 0; m < count; m++) {
      buckets[key[m] + 1]++;
    }
    for (int b = 1; b <= n; b++) {
      buckets[b] += buckets[b - 1];
    }
    int[] out = new int[count];
    for (int x = 0; x < count; x++) {
      int m = input == null ? x : input[x];
      out[buckets[key[m]]++] = m;
    }
    return out;
  }
}
