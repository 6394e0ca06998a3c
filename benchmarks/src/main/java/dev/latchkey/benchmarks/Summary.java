package dev.latchkey.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the ratios from a JMH JSON result file ({@code -rf json}): each sign-in against the bare
 * verify and against the in-memory backend, each redemption against the in-memory backend and
 * the bare hash. Errors are JMH's 99.9% confidence half-widths, combined for a ratio as relative
 * errors in quadrature. Benchmarks missing from the file (filtered out of the run) print as
 * {@code n/a}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.latchkey.benchmarks.Summary results.json}
 */
public final class Summary {
  private static final String SIGN_IN = SignInBenchmark.class.getName();
  private static final String REDEMPTION = RedemptionBenchmark.class.getName();
  private static final String[] BACKENDS = {"inmemory", "h2", "postgres"};
  /** Issue 8's targets for sign-in overhead over the bare hash. */
  private static final Map<String, Double> SIGN_IN_TARGETS =
      Map.of("inmemory", 1.03, "h2", 1.10, "postgres", 1.10);

  private final Map<String, Score> scores;
  private final PrintStream out;

  private Summary(Map<String, Score> scores, PrintStream out) {
    this.scores = scores;
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Summary <jmh-results.json>");
      System.exit(2);
    }
    String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    new Summary(scores(Json.parse(json)), System.out).print();
  }

  /** One benchmark's result: score and error in {@code unit}. */
  record Score(double score, double error, String unit) {
    double relativeError() {
      return Double.isNaN(error) ? Double.NaN : error / score;
    }
  }

  /** Scores by {@code class.method} plus {@code [backend]} when the benchmark has one. */
  static Map<String, Score> scores(Object parsed) {
    Map<String, Score> scores = new LinkedHashMap<>();
    for (Object element : (List<?>) parsed) {
      Map<?, ?> run = (Map<?, ?>) element;
      Map<?, ?> params = (Map<?, ?>) run.get("params");
      Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
      String key = (String) run.get("benchmark");
      if (params != null && params.get("backend") != null) {
        key += "[" + params.get("backend") + "]";
      }
      scores.put(key, new Score(number(metric.get("score")), number(metric.get("scoreError")),
          String.valueOf(metric.get("scoreUnit"))));
    }
    return scores;
  }

  private static double number(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    try {
      return Double.parseDouble(String.valueOf(value));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private void print() {
    Score bareVerify = scores.get(SIGN_IN + ".bareVerify");
    Score signInMemory = scores.get(SIGN_IN + ".signIn[inmemory]");
    out.println("Sign-in: one signIn() against one bare Argon2id verify (owasp2025), same run");
    out.printf(Locale.ROOT, "  %-10s %-22s%n", "bare", absolute(bareVerify));
    out.printf(Locale.ROOT, "  %-10s %-22s %-18s %-18s %s%n",
        "backend", "time", "vs bare verify", "vs in-memory", "target (vs bare)");
    for (String backend : BACKENDS) {
      Score s = scores.get(SIGN_IN + ".signIn[" + backend + "]");
      double target = SIGN_IN_TARGETS.get(backend);
      String verdict = s == null || bareVerify == null ? ""
          : s.score() / bareVerify.score() <= target ? "met" : "NOT met";
      out.printf(Locale.ROOT, "  %-10s %-22s %-18s %-18s <= %.2f %s%n", backend, absolute(s),
          ratio(s, bareVerify), ratio(s, signInMemory), target, verdict);
    }
    out.println();
    Score bareHash = scores.get(REDEMPTION + ".bareHash");
    Score redeemMemory = scores.get(REDEMPTION + ".redeem[inmemory]");
    out.println("Redemption: one redeem() of a fresh key against the in-memory backend, same run");
    out.printf(Locale.ROOT, "  %-10s %-22s%n", "bare hash", absolute(bareHash));
    out.printf(Locale.ROOT, "  %-10s %-22s %-18s %s%n",
        "backend", "time", "vs in-memory", "vs bare hash");
    for (String backend : BACKENDS) {
      Score s = scores.get(REDEMPTION + ".redeem[" + backend + "]");
      out.printf(Locale.ROOT, "  %-10s %-22s %-18s %s%n", backend, absolute(s),
          ratio(s, redeemMemory), ratio(s, bareHash));
    }
    out.println();
    out.println("Errors are JMH's 99.9% half-widths; a ratio's combines both sides' relative"
        + " errors.");
  }

  private static String absolute(Score s) {
    if (s == null) {
      return "n/a";
    }
    return Double.isNaN(s.error())
        ? String.format(Locale.ROOT, "%.2f %s", s.score(), s.unit())
        : String.format(Locale.ROOT, "%.2f ± %.2f %s", s.score(), s.error(), s.unit());
  }

  private static String ratio(Score s, Score baseline) {
    if (s == null || baseline == null) {
      return "n/a";
    }
    if (s == baseline) {
      return "1 (baseline)";
    }
    if (!s.unit().equals(baseline.unit())) {
      return "units differ";
    }
    double ratio = s.score() / baseline.score();
    double relative = Math.hypot(s.relativeError(), baseline.relativeError());
    return Double.isNaN(relative)
        ? String.format(Locale.ROOT, "%.3f", ratio)
        : String.format(Locale.ROOT, "%.3f ± %.3f", ratio, ratio * relative);
  }

  /**
   * Just enough JSON for JMH's result file: objects become maps, arrays lists, numbers doubles;
   * the bare words NaN and Infinity are accepted as numbers, as some writers emit them.
   */
  static final class Json {
    private final String text;
    private int at;

    private Json(String text) {
      this.text = text;
    }

    static Object parse(String text) {
      Json json = new Json(text);
      Object value = json.value();
      json.skipSpace();
      if (json.at != text.length()) {
        throw json.error("trailing text");
      }
      return value;
    }

    private Object value() {
      skipSpace();
      if (at >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(at);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        default:
          return word();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      at++;
      skipSpace();
      if (peek() == '}') {
        at++;
        return map;
      }
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("expected a name");
        }
        String name = string();
        skipSpace();
        expect(':');
        map.put(name, value());
        skipSpace();
        if (peek() == ',') {
          at++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      at++;
      skipSpace();
      if (peek() == ']') {
        at++;
        return list;
      }
      while (true) {
        list.add(value());
        skipSpace();
        if (peek() == ',') {
          at++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private String string() {
      StringBuilder sb = new StringBuilder();
      at++;
      while (true) {
        if (at >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = text.charAt(at++);
        switch (e) {
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'u':
            sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
            break;
          default:
            sb.append(e); // \" \\ \/
        }
      }
    }

    private Object word() {
      int start = at;
      while (at < text.length() && ",]} \t\r\n".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      String w = text.substring(start, at);
      switch (w) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "null":
          return null;
        default:
          try {
            return Double.parseDouble(w);
          } catch (NumberFormatException e) {
            throw error("unexpected '" + w + "'");
          }
      }
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      at++;
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("not JMH JSON: " + what + " at offset " + at);
    }
  }
}
