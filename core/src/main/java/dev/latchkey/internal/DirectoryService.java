package dev.latchkey.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.latchkey.directory.Directory;
import dev.latchkey.directory.DistrictListing;
import dev.latchkey.directory.SelfServiceFeature;
import dev.latchkey.model.District;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.spi.RosterStore;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The directory capability. Each state's districts are read from the store once per {@link
 * #TTL} and kept as an index of listings with their names already split into normalised words;
 * a search scores that index in memory. Stale by design for up to {@link #TTL} (the directory
 * is public, pre-sign-in information). Thread-safe.
 */
public final class DirectoryService implements Directory {
  /** How long a state's index is reused before the store is read again. */
  static final Duration TTL = Duration.ofMinutes(5);
  /** Typed input beyond this is ignored: no district name needs more, and it bounds the work. */
  static final int MAX_QUERY_CHARS = 200;
  /** Query words beyond this are ignored, for the same reason. */
  static final int MAX_QUERY_WORDS = 12;

  private static final int EXACT = 2;
  private static final int PREFIX = 1;
  private static final Set<SelfServiceFeature> FEATURES = EnumSet.allOf(SelfServiceFeature.class);
  private static final Comparator<Scored> RANKING = Comparator
      .comparingInt((Scored s) -> -s.score)
      .thenComparingInt(s -> s.entry.sortName.length())
      .thenComparing(s -> s.entry.sortName)
      .thenComparing(s -> s.entry.listing.id().value());

  private final RosterStore store;
  private final ScheduleService schedules;
  private final PasswordPolicy passwordPolicy;
  private final LoadingCache<String, List<Entry>> byState;

  /**
   * A directory over the store's districts.
   *
   * @param store where districts are read from, a state at a time
   * @param schedules gives each listing its hours summary
   * @param passwordPolicy gives each listing its password length rule
   * @param clock drives the cache's expiry, so a test clock ages it
   */
  public DirectoryService(RosterStore store, ScheduleService schedules,
      PasswordPolicy passwordPolicy, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.schedules = Objects.requireNonNull(schedules, "schedules");
    this.passwordPolicy = Objects.requireNonNull(passwordPolicy, "passwordPolicy");
    Objects.requireNonNull(clock, "clock");
    this.byState = Caffeine.newBuilder()
        .maximumSize(1_000)
        .expireAfterWrite(TTL)
        .ticker(() -> clock.millis() * 1_000_000L)
        .build(this::index);
  }

  @Override
  public List<DistrictListing> search(String query, String state) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(state, "state");
    String code = stateCode(state);
    if (code == null) {
      return List.of();
    }
    List<String> wanted = queryWords(query);
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<Scored> hits = new ArrayList<>();
    for (Entry entry : byState.get(code)) {
      int score = score(wanted, entry.words);
      if (score > 0) {
        hits.add(new Scored(entry, score));
      }
    }
    hits.sort(RANKING);
    List<DistrictListing> out = new ArrayList<>(Math.min(hits.size(), MAX_RESULTS));
    for (int i = 0; i < hits.size() && i < MAX_RESULTS; i++) {
      out.add(hits.get(i).entry.listing);
    }
    return List.copyOf(out);
  }

  /**
   * The words of {@code text} as the directory compares them: lower case, NFKC, accents
   * removed, any decimal digit as ASCII, apostrophes dropped and any other character that is
   * not a letter or digit read as a space. Public for tests; not part of the API.
   *
   * @param text any text
   * @return its words, in order, each non-empty
   */
  public static List<String> words(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFKD);
    StringBuilder kept = new StringBuilder(decomposed.length());
    decomposed.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK || isApostrophe(cp)) {
        return;
      }
      if (type == Character.DECIMAL_DIGIT_NUMBER) {
        kept.append((char) ('0' + Character.digit(cp, 10)));
      } else if (Character.isLetter(cp)) {
        kept.appendCodePoint(cp);
      } else {
        kept.append(' ');
      }
    });
    String composed = Normalizer.normalize(kept, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String word : composed.split(" ")) {
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
    return out;
  }

  private static boolean isApostrophe(int cp) {
    return cp == '\'' || cp == '\u2019' || cp == '\u2018' || cp == '\u02BC' || cp == '`';
  }

  /** The query's distinct words, after bounding its size. */
  private static List<String> queryWords(String query) {
    String bounded = query;
    if (bounded.length() > MAX_QUERY_CHARS) {
      int end = MAX_QUERY_CHARS;
      if (Character.isHighSurrogate(bounded.charAt(end - 1))) {
        end--;
      }
      bounded = bounded.substring(0, end);
    }
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(words(bounded)));
    return distinct.size() > MAX_QUERY_WORDS ? distinct.subList(0, MAX_QUERY_WORDS) : distinct;
  }

  /** The upper-case code for two ASCII letters (surrounding space ignored), else null. */
  private static @Nullable String stateCode(String state) {
    String s = state.strip();
    if (s.length() != 2 || !isAsciiLetter(s.charAt(0)) || !isAsciiLetter(s.charAt(1))) {
      return null;
    }
    return s.toUpperCase(Locale.ROOT);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The sum over query words of the best match among the name's words (2 exact, 1 prefix), or 0
   * when some query word matches no name word. A word of digits matches only exactly.
   */
  static int score(List<String> query, String[] name) {
    int total = 0;
    for (String q : query) {
      boolean numeric = isDigits(q);
      int best = 0;
      for (String n : name) {
        if (n.equals(q)) {
          best = EXACT;
          break;
        }
        if (!numeric && n.startsWith(q)) {
          best = PREFIX;
        }
      }
      if (best == 0) {
        return 0;
      }
      total += best;
    }
    return total;
  }

  private static boolean isDigits(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private List<Entry> index(String state) {
    List<Entry> entries = new ArrayList<>();
    for (District district : store.districtsInState(state)) {
      if (!district.state().equals(state)) {
        continue;
      }
      List<String> words = words(district.name());
      DistrictListing listing = new DistrictListing(district.id(), district.name(),
          district.state(), district.helpdeskEmail(), district.helpdeskPhone(),
          schedules.of(district).summary(), passwordPolicy.minLength(),
          passwordPolicy.maxLength(), FEATURES);
      entries.add(new Entry(listing, words.toArray(String[]::new), String.join(" ", words)));
    }
    return List.copyOf(entries);
  }

  /** A district with its name in comparable form. */
  private static final class Entry {
    final DistrictListing listing;
    final String[] words;
    final String sortName;

    Entry(DistrictListing listing, String[] words, String sortName) {
      this.listing = listing;
      this.words = words;
      this.sortName = sortName;
    }

    @Override
    public String toString() {
      return listing.id() + Arrays.toString(words);
    }
  }

  private static final class Scored {
    final Entry entry;
    final int score;

    Scored(Entry entry, int score) {
      this.entry = entry;
      this.score = score;
    }
  }
}
