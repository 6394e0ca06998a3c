package dev.latchkey.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints {@link StrengthBenchmark}'s percentiles from a JMH JSON result file: p50 and p99 per
 * call for Latchkey, zxcvbn4j and nbvcxz, and how many times faster Latchkey is, with issue 4's
 * verdict (at least 10 times faster than zxcvbn4j at p99). Estimators missing from the file print
 * as {@code n/a}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.latchkey.benchmarks.StrengthSummary results.json}
 */
public final class StrengthSummary {
  private static final String PREFIX = StrengthBenchmark.class.getName() + ".";
  private static final String[] ESTIMATORS = {"latchkey", "zxcvbn4j", "nbvcxz"};
  private static final double TARGET = 10;

  private StrengthSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: StrengthSummary <jmh-results.json>");
      System.exit(2);
    }
    Object parsed = Summary.Json.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
    double[][] percentiles = new double[ESTIMATORS.length][];
    String unit = "?";
    for (Object element : (List<?>) parsed) {
      Map<?, ?> run = (Map<?, ?>) element;
      String name = String.valueOf(run.get("benchmark"));
      for (int e = 0; e < ESTIMATORS.length; e++) {
        if (name.equals(PREFIX + ESTIMATORS[e])) {
          Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
          Map<?, ?> p = (Map<?, ?>) metric.get("scorePercentiles");
          percentiles[e] = new double[] {number(p.get("50.0")), number(p.get("99.0"))};
          unit = String.valueOf(metric.get("scoreUnit"));
        }
      }
    }
    System.out.println("Strength meter: one strength estimate per call, same corpus, same run");
    System.out.printf(Locale.ROOT, "  %-10s %14s %14s %18s %18s%n",
        "estimator", "p50", "p99", "latchkey faster", "latchkey faster");
    System.out.printf(Locale.ROOT, "  %-10s %14s %14s %18s %18s%n", "", unit, unit, "at p50", "at p99");
    for (int e = 0; e < ESTIMATORS.length; e++) {
      double[] p = percentiles[e];
      if (p == null) {
        System.out.printf(Locale.ROOT, "  %-10s %14s%n", ESTIMATORS[e], "n/a");
        continue;
      }
      System.out.printf(Locale.ROOT, "  %-10s %14.2f %14.2f %18s %18s%n", ESTIMATORS[e], p[0], p[1],
          ratio(p[0], percentiles[0], 0), ratio(p[1], percentiles[0], 1));
    }
    if (percentiles[0] != null && percentiles[1] != null) {
      double atP99 = percentiles[1][1] / percentiles[0][1];
      System.out.printf(Locale.ROOT, "Target: latchkey >= %.0fx faster than zxcvbn4j at p99: %.1fx, %s%n",
          TARGET, atP99, atP99 >= TARGET ? "met" : "NOT met");
    }
  }

  private static String ratio(double value, double[] latchkey, int index) {
    return latchkey == null ? "n/a" : String.format(Locale.ROOT, "%.1fx", value / latchkey[index]);
  }

  private static double number(Object value) {
    return value instanceof Double d ? d : Double.parseDouble(String.valueOf(value));
  }
}
