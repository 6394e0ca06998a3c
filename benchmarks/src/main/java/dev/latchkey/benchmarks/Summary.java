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
 * Prints issue 8's figures from a JMH JSON result file ({@code -rf json}): every figure a ratio
 * against a baseline from the same file, with its target and verdict, then the absolute times
 * the ratios come from. Errors are JMH's 99.9% confidence half-widths, combined for a ratio as
 * relative errors in quadrature. Benchmarks missing from the file (filtered out of the run)
 * print as {@code n/a}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.latchkey.benchmarks.Summary results.json
 * [--cores N]}. The storm's and the contention's ideals need the number of cores the benchmarks
 * ran on, which JMH does not record: by default this machine's, so summarise on the machine that
 * ran the benchmarks, or say {@code --cores}.
 */
public final class Summary {
  private static final String SIGN_IN = SignInBenchmark.class.getName() + ".";
  private static final String STORM = SignInStormBenchmark.class.getName() + ".";
  private static final String REDEMPTION = RedemptionBenchmark.class.getName() + ".";
  private static final String CONTENTION = RedemptionContentionBenchmark.class.getName() + ".";
  private static final String HASHING = HashingBenchmark.class.getName() + ".";
  private static final String TEST_KIT = TestKitBenchmark.class.getName() + ".";
  private static final String[] BACKENDS = {"inmemory", "h2", "postgres"};
  /** Issue 8's targets for sign-in overhead over the bare hash. */
  private static final Map<String, Double> SIGN_IN_TARGETS =
      Map.of("inmemory", 1.03, "h2", 1.10, "postgres", 1.10);
  private static final double STORM_TARGET = 0.9;
  private static final double TEST_KIT_TARGET_SECONDS = 1.0;

  private final List<Run> runs;
  private final int cores;
  private final PrintStream out;

  Summary(List<Run> runs, int cores, PrintStream out) {
    this.runs = runs;
    this.cores = cores;
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    String file = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--cores") && i + 1 < args.length) {
        cores = Integer.parseInt(args[++i]);
      } else if (file == null) {
        file = args[i];
      } else {
        file = null;
        break;
      }
    }
    if (file == null) {
      System.err.println("usage: Summary <jmh-results.json> [--cores N]");
      System.exit(2);
    }
    String json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    new Summary(runs(Json.parse(json)), cores, System.out).print();
  }

  /** One benchmark's result: score and error in {@code unit}. */
  record Score(double score, double error, String unit) {
    double relativeError() {
      return Double.isNaN(error) ? Double.NaN : error / score;
    }

    /** This score in milliseconds per operation, whatever the unit; throughput inverted. */
    Score millisPerOp() {
      switch (unit) {
        case "ms/op":
          return this;
        case "s/op":
          return new Score(score * 1e3, error * 1e3, "ms/op");
        case "us/op":
          return new Score(score / 1e3, error / 1e3, "ms/op");
        case "ops/s":
          return new Score(1e3 / score, 1e3 / score * relativeError(), "ms/op");
        default:
          throw new IllegalArgumentException("unexpected unit " + unit);
      }
    }

    /** This score in operations per second, whatever the unit; times inverted. */
    Score opsPerSecond() {
      if (unit.equals("ops/s")) {
        return this;
      }
      Score ms = millisPerOp();
      return new Score(1e3 / ms.score, 1e3 / ms.score * ms.relativeError(), "ops/s");
    }

    Score times(double factor) {
      return new Score(score * factor, error * factor, unit);
    }
  }

  /** One entry of the result file: the benchmark's full name, its parameters and its score. */
  record Run(String benchmark, Map<String, String> params, Score score) { }

  /** The runs of a parsed JMH result file. */
  static List<Run> runs(Object parsed) {
    List<Run> runs = new ArrayList<>();
    for (Object element : (List<?>) parsed) {
      Map<?, ?> run = (Map<?, ?>) element;
      Map<String, String> params = new LinkedHashMap<>();
      if (run.get("params") instanceof Map<?, ?> p) {
        p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
      }
      Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
      runs.add(new Run((String) run.get("benchmark"), params,
          new Score(number(metric.get("score")), number(metric.get("scoreError")),
              String.valueOf(metric.get("scoreUnit")))));
    }
    return runs;
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

  /**
   * The score of {@code benchmark} whose parameters include every {@code name, value} pair
   * given, or null.
   */
  Score get(String benchmark, String... params) {
    outer:
    for (Run run : runs) {
      if (!run.benchmark().equals(benchmark)) {
        continue;
      }
      for (int i = 0; i < params.length; i += 2) {
        if (!params[i + 1].equals(run.params().get(params[i]))) {
          continue outer;
        }
      }
      return run.score();
    }
    return null;
  }

  void print() {
    out.println("Latchkey benchmarks: every ratio is against a baseline from the same run.");
    out.printf(Locale.ROOT, "Cores for the ideals: %d.%n%n", cores);
    out.println("RATIOS");
    out.println();
    signInRatios();
    stormRatios();
    redemptionRatios();
    hashingRatios();
    testKitRatios();
    out.println("ABSOLUTE (what the ratios are made of; they move with the machine)");
    out.println();
    absolutes();
    out.println("Errors are JMH's 99.9% half-widths; a ratio's combines both sides' relative"
        + " errors. Judge a verdict against its error.");
  }

  private void signInRatios() {
    Score bare = ms(get(SIGN_IN + "bareVerify", "cost", "owasp2025"));
    Score bareTest = ms(get(SIGN_IN + "bareVerify", "cost", "test"));
    Score memory = ms(get(SIGN_IN + "signIn", "backend", "inmemory", "cost", "owasp2025"));
    out.println("Sign-in overhead: signIn() / one bare Argon2id verify (owasp2025)");
    out.printf(Locale.ROOT, "  %-9s %-16s %-7s %-8s %-16s %-26s %s%n", "backend", "measured",
        "target", "verdict", "vs in-memory", "projected from test cost", "verdict");
    for (String backend : BACKENDS) {
      Score s = ms(get(SIGN_IN + "signIn", "backend", backend, "cost", "owasp2025"));
      Score test = ms(get(SIGN_IN + "signIn", "backend", backend, "cost", "test"));
      double target = SIGN_IN_TARGETS.get(backend);
      Score projected = projected(test, bareTest, bare);
      out.printf(Locale.ROOT, "  %-9s %-16s %-7s %-8s %-16s %-26s %s%n", backend,
          ratio(s, bare), "<= " + target, verdict(s, bare, target, false),
          ratio(s, memory), projected == null ? "n/a" : plusMinus(projected, 3),
          projected == null ? "" : projected.score() <= target ? "met" : "NOT met");
    }
    out.println("  projected = 1 + (signIn - bareVerify at the test preset) / bareVerify at"
        + " owasp2025:");
    out.println("  the library's own cost, measured without a 40 ms hash's noise around it.");
    out.println();
  }

  /** {@code 1 + (test - bareTest) / bare}, with the errors of all three. */
  private static Score projected(Score test, Score bareTest, Score bare) {
    if (test == null || bareTest == null || bare == null) {
      return null;
    }
    double overhead = test.score() - bareTest.score();
    double overheadError = Math.hypot(test.error(), bareTest.error());
    double value = 1 + overhead / bare.score();
    double error = Math.abs(overhead / bare.score())
        * Math.hypot(overheadError / Math.max(Math.abs(overhead), 1e-12), bare.relativeError());
    return new Score(value, error, "");
  }

  private void stormRatios() {
    Score bare = ms(get(STORM + "bareVerify"));
    Score ideal = bare == null ? null
        : new Score(cores * 1e3 / bare.score(), cores * 1e3 / bare.score()
            * bare.relativeError(), "ops/s");
    Score storm = get(STORM + "signInStorm");
    Score failed = get(STORM + "failedStorm");
    Score ceiling = get(STORM + "bareVerifyStorm");
    String backend = storm == null ? "postgres" : runBackend(STORM + "signInStorm");
    out.printf(Locale.ROOT, "Sign-in storm: %d threads, one account each, on %s; throughput /"
        + " ideal (%d cores / one bare verify)%n", SignInStormBenchmark.STORM, backend, cores);
    out.printf(Locale.ROOT, "  %-30s %-16s %-7s %s%n", "", "vs ideal", "target", "verdict");
    out.printf(Locale.ROOT, "  %-30s %-16s %-7s %s%n", "right passwords (signInStorm)",
        ratio(storm, ideal), ">= " + STORM_TARGET, verdict(storm, ideal, STORM_TARGET, true));
    out.printf(Locale.ROOT, "  %-30s %-16s %-7s %s%n", "wrong passwords (failedStorm)",
        ratio(failed, ideal), ">= " + STORM_TARGET, verdict(failed, ideal, STORM_TARGET, true));
    out.printf(Locale.ROOT, "  %-30s %-16s%n", "bare verifies (bareVerifyStorm)",
        ratio(ceiling, ideal));
    out.printf(Locale.ROOT, "  %-30s %-16s%n", "signInStorm / bareVerifyStorm",
        ratio(storm, ceiling));
    out.printf(Locale.ROOT, "  %-30s %-16s%n", "failedStorm / bareVerifyStorm",
        ratio(failed, ceiling));
    out.println("  failedStorm's teardown checked the lock: every account locked at the"
        + " threshold, one notice each.");
    out.println();
  }

  private String runBackend(String benchmark) {
    for (Run run : runs) {
      if (run.benchmark().equals(benchmark)) {
        return run.params().getOrDefault("backend", "?");
      }
    }
    return "?";
  }

  private void redemptionRatios() {
    Score bareHash = ms(get(REDEMPTION + "bareHash"));
    Score memory = ms(get(REDEMPTION + "redeem", "backend", "inmemory"));
    out.println("Redemption: one redeem() of a fresh key; sixteen contenders on one key");
    out.printf(Locale.ROOT, "  %-9s %-16s %-16s %-18s %-18s %s%n", "backend", "vs bare hash",
        "vs in-memory", "16-on-1 vs ideal", "16-on-1 vs one", "redemptions/s (1 thread)");
    Score ideal16 = bareHash == null ? null
        : bareHash.times((double) RedemptionContentionBenchmark.CONTENDERS / cores);
    for (String backend : BACKENDS) {
      Score s = ms(get(REDEMPTION + "redeem", "backend", backend));
      Score contended = ms(get(CONTENTION + "sixteenOnOneKey", "backend", backend));
      out.printf(Locale.ROOT, "  %-9s %-16s %-16s %-18s %-18s %s%n", backend,
          ratio(s, bareHash), ratio(s, memory), ratio(contended, ideal16),
          ratio(contended, s), s == null ? "n/a" : plusMinus(s.opsPerSecond(), 1));
    }
    out.printf(Locale.ROOT, "  ideal for 16-on-1 = 16 bare hashes / %d cores; one = one"
        + " uncontended redeem() on the same backend%n%n", cores);
  }

  private void hashingRatios() {
    Score bouncyCastle = ms(get(HASHING + "bouncyCastle"));
    Score scalar = ms(get(HASHING + "scalar"));
    Score vector = ms(get(HASHING + "vector"));
    Score c = ms(get(HASHING + "reference"));
    out.println("Hashing: one Argon2id verify (owasp2025), against BouncyCastle and against the"
        + " reference C libargon2 via JNA");
    out.printf(Locale.ROOT, "  %-34s %-16s %-10s %s%n", "", "", "target", "verdict");
    hashingRow("Latchkey scalar / BouncyCastle", scalar, bouncyCastle, 1.0);
    hashingRow("Latchkey vector / BouncyCastle", vector, bouncyCastle, 0.7);
    hashingRow("Latchkey vector / libargon2", vector, c, 1.0);
    hashingRow("Latchkey scalar / libargon2", scalar, c, Double.NaN);
    hashingRow("BouncyCastle / libargon2", bouncyCastle, c, Double.NaN);
    out.println();
  }

  private void hashingRow(String label, Score subject, Score baseline, double target) {
    boolean judged = !Double.isNaN(target) && subject != null && baseline != null;
    out.printf(Locale.ROOT, "  %-34s %-16s %-10s %s%n", label, ratio(subject, baseline),
        Double.isNaN(target) ? "" : String.format(Locale.ROOT, "<= %.1f", target),
        !judged ? "" : subject.score() / baseline.score() <= target ? "met" : "NOT met");
  }

  private void testKitRatios() {
    Score kit = get(TEST_KIT + "tenThousandSignIns");
    Score bare = get(TEST_KIT + "tenThousandBareVerifies");
    Score seconds = kit == null ? null : kit.millisPerOp().times(1e-3);
    out.println("Test kit: 10,000 sign-ins, in-memory store, test-only hashing preset");
    out.printf(Locale.ROOT, "  %-22s %-16s %-10s %s%n", "", "", "target", "verdict");
    out.printf(Locale.ROOT, "  %-22s %-16s %-10s %s%n", "seconds", seconds == null ? "n/a"
        : plusMinus(seconds, 3), "< " + TEST_KIT_TARGET_SECONDS + " s",
        seconds == null ? "" : seconds.score() < TEST_KIT_TARGET_SECONDS ? "met" : "NOT met");
    out.printf(Locale.ROOT, "  %-22s %-16s%n%n", "vs 10,000 bare verifies", ratio(kit, bare));
  }

  private void absolutes() {
    out.printf(Locale.ROOT, "  %-48s %s%n", "sign-in, bare verify (owasp2025)",
        absolute(get(SIGN_IN + "bareVerify", "cost", "owasp2025")));
    for (String backend : BACKENDS) {
      out.printf(Locale.ROOT, "  %-48s %s%n", "sign-in, " + backend + " (owasp2025)",
          absolute(get(SIGN_IN + "signIn", "backend", backend, "cost", "owasp2025")));
    }
    Score bareTest = get(SIGN_IN + "bareVerify", "cost", "test");
    out.printf(Locale.ROOT, "  %-48s %s%n", "sign-in, bare verify (test preset)",
        absolute(bareTest, 1e3, "us/op"));
    for (String backend : BACKENDS) {
      Score test = get(SIGN_IN + "signIn", "backend", backend, "cost", "test");
      String added = test == null || bareTest == null ? ""
          : String.format(Locale.ROOT, "  (library + store: %.0f us)",
              (ms(test).score() - ms(bareTest).score()) * 1e3);
      out.printf(Locale.ROOT, "  %-48s %s%s%n", "sign-in, " + backend + " (test preset)",
          absolute(test, 1e3, "us/op"), added);
    }
    out.printf(Locale.ROOT, "  %-48s %s%n", "storm: one bare verify, 1 thread",
        absolute(get(STORM + "bareVerify")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "storm: bare verifies, " + SignInStormBenchmark.STORM
        + " threads", absolute(get(STORM + "bareVerifyStorm")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "storm: sign-ins, right passwords",
        absolute(get(STORM + "signInStorm")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "storm: sign-ins, wrong passwords",
        absolute(get(STORM + "failedStorm")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "redemption, bare hash",
        absolute(get(REDEMPTION + "bareHash")));
    for (String backend : BACKENDS) {
      out.printf(Locale.ROOT, "  %-48s %s%n", "redemption, " + backend,
          absolute(get(REDEMPTION + "redeem", "backend", backend)));
    }
    for (String backend : BACKENDS) {
      out.printf(Locale.ROOT, "  %-48s %s%n", "16 contenders on one key, " + backend,
          absolute(get(CONTENTION + "sixteenOnOneKey", "backend", backend)));
    }
    out.printf(Locale.ROOT, "  %-48s %s%n", "hashing, BouncyCastle verify",
        absolute(get(HASHING + "bouncyCastle")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "hashing, Latchkey scalar verify",
        absolute(get(HASHING + "scalar")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "hashing, Latchkey vector verify",
        absolute(get(HASHING + "vector")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "hashing, libargon2 verify (JNA)",
        absolute(get(HASHING + "reference")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "test kit, 10,000 sign-ins",
        absolute(get(TEST_KIT + "tenThousandSignIns")));
    out.printf(Locale.ROOT, "  %-48s %s%n", "test kit, 10,000 bare verifies",
        absolute(get(TEST_KIT + "tenThousandBareVerifies")));
    out.println();
  }

  private static Score ms(Score s) {
    return s == null ? null : s.millisPerOp();
  }

  /**
   * "met" or "NOT met" for {@code s / baseline} against {@code target}: at most the target, or
   * at least it when {@code atLeast}.
   */
  private static String verdict(Score s, Score baseline, double target, boolean atLeast) {
    if (s == null || baseline == null) {
      return "";
    }
    double ratio = s.score() / baseline.score();
    return (atLeast ? ratio >= target : ratio <= target) ? "met" : "NOT met";
  }

  private static String absolute(Score s) {
    if (s == null) {
      return "n/a";
    }
    return plusMinus(s, 2) + " " + s.unit();
  }

  private static String absolute(Score s, double factor, String unit) {
    if (s == null) {
      return "n/a";
    }
    return plusMinus(s.millisPerOp().times(factor), 1) + " " + unit;
  }

  private static String plusMinus(Score s, int decimals) {
    String format = "%." + decimals + "f";
    return Double.isNaN(s.error())
        ? String.format(Locale.ROOT, format, s.score())
        : String.format(Locale.ROOT, format + " ± " + format, s.score(), s.error());
  }

  /**
   * {@code s / baseline} with the combined error; both in the same unit (a rate and a time are
   * first brought to the same one).
   */
  private static String ratio(Score s, Score baseline) {
    if (s == null || baseline == null) {
      return "n/a";
    }
    if (s.unit().equals("ops/s") != baseline.unit().equals("ops/s")) {
      return ratio(s.opsPerSecond(), baseline.opsPerSecond());
    }
    if (!s.unit().equals("ops/s")) {
      s = s.millisPerOp();
      baseline = baseline.millisPerOp();
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
