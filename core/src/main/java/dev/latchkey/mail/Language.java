package dev.latchkey.mail;

import dev.latchkey.schedule.OpeningHours;
import dev.latchkey.schedule.SupportSchedule;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** One language as the renderer found it: its merged properties, fallbacks and formats. */
final class Language {
  private static final String MESSAGES = "messages.properties";

  private final String tag;
  private final Locale locale;
  private final List<String> fallbacks;
  private final Properties properties;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter time;

  private Language(String tag, List<String> fallbacks, Properties properties) {
    this.tag = tag;
    this.locale = Locale.forLanguageTag(tag);
    this.fallbacks = fallbacks;
    this.properties = properties;
    this.dateTime = formatter("format.dateTime");
    this.time = formatter("format.time");
  }

  /** The language {@code tag} if some source has its messages file, with every fallback merged in. */
  static Optional<Language> load(String tag, List<TemplateSource> sources) {
    if (sources.stream().noneMatch(s -> s.read(tag + "/" + MESSAGES).isPresent())) {
      return Optional.empty();
    }
    List<String> fallbacks = new ArrayList<>(chain(tag));
    if (!fallbacks.contains(MessageRenderer.BASE_LANGUAGE)) {
      fallbacks.add(MessageRenderer.BASE_LANGUAGE);
    }
    // Layered from the weakest (the base language, shipped) to the strongest (this tag, first source).
    Properties merged = new Properties();
    List<String> weakestFirst = new ArrayList<>(fallbacks);
    Collections.reverse(weakestFirst);
    List<TemplateSource> lastFirst = new ArrayList<>(sources);
    Collections.reverse(lastFirst);
    for (String t : weakestFirst) {
      for (TemplateSource source : lastFirst) {
        source.read(t + "/" + MESSAGES).ifPresent(text -> merged.putAll(parse(text, t)));
      }
    }
    return Optional.of(new Language(tag, List.copyOf(fallbacks), merged));
  }

  /** {@code "zh-Hant-TW"} → {@code ["zh-Hant-TW", "zh-Hant", "zh"]}. */
  static List<String> chain(String tag) {
    List<String> chain = new ArrayList<>();
    String current = tag;
    while (!current.isEmpty() && !"und".equals(current)) {
      chain.add(current);
      int dash = current.lastIndexOf('-');
      current = dash < 0 ? "" : current.substring(0, dash);
    }
    return chain;
  }

  private static Properties parse(String text, String tag) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException("cannot read " + tag + "/" + MESSAGES,
          e instanceof IOException io ? io : new IOException(e));
    }
    return p;
  }

  private DateTimeFormatter formatter(String key) {
    String pattern = property(key).orElseThrow(() -> new IllegalStateException(
        "no " + key + " for language " + tag));
    try {
      return DateTimeFormatter.ofPattern(pattern, locale);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(key + " of language " + tag + " is not a pattern", e);
    }
  }

  String tag() {
    return tag;
  }

  Locale locale() {
    return locale;
  }

  /** Where its files are looked for: itself, its plainer forms, then the base language. */
  List<String> fallbacks() {
    return fallbacks;
  }

  Optional<String> property(String key) {
    return Optional.ofNullable(properties.getProperty(key));
  }

  String dateTime(Instant at, ZoneId zone) {
    return dateTime.withZone(zone).format(at);
  }

  /**
   * The helpdesk's weekly hours in words, e.g. "Monday–Friday, 7:30 AM–3:30 PM" or "de lunes a
   * viernes, de 7:30 a 15:30": days with the same hours grouped, as {@link
   * SupportSchedule#summary()} groups them.
   */
  String hours(SupportSchedule schedule) {
    Map<List<OpeningHours>, List<DayOfWeek>> groups = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      List<OpeningHours> ranges = schedule.hours(day);
      if (!ranges.isEmpty()) {
        groups.computeIfAbsent(ranges, r -> new ArrayList<>()).add(day);
      }
    }
    List<String> parts = new ArrayList<>();
    groups.forEach((ranges, days) -> {
      List<String> times = new ArrayList<>();
      for (OpeningHours r : ranges) {
        times.add(fill(word("hours.timeRange"), time.format(r.open()), time.format(r.close())));
      }
      parts.add(fill(word("hours.group"), dayRuns(days),
          String.join(word("hours.listSeparator"), times)));
    });
    return String.join(word("hours.groupSeparator"), parts)
        + (schedule.holidays().isEmpty() ? "" : word("hours.holidays"));
  }

  private String dayRuns(List<DayOfWeek> days) {
    List<String> runs = new ArrayList<>();
    int i = 0;
    while (i < days.size()) {
      int j = i;
      while (j + 1 < days.size() && days.get(j + 1).getValue() == days.get(j).getValue() + 1) {
        j++;
      }
      String first = days.get(i).getDisplayName(TextStyle.FULL, locale);
      runs.add(j == i ? first : j == i + 1
          ? first + word("hours.listSeparator") + days.get(j).getDisplayName(TextStyle.FULL, locale)
          : fill(word("hours.dayRange"), first, days.get(j).getDisplayName(TextStyle.FULL, locale)));
      i = j + 1;
    }
    return String.join(word("hours.listSeparator"), runs);
  }

  private String word(String key) {
    return property(key).orElseThrow(() -> new IllegalStateException(
        "no " + key + " for language " + tag));
  }

  private static String fill(String pattern, String first, String second) {
    return pattern.replace("{0}", first).replace("{1}", second);
  }
}
