package dev.latchkey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The CI smoke run: every benchmark once, in this JVM ({@code -f 0}), with no warm-up and one
 * 100 ms measured iteration (a single shot where the mode is single-shot), so the suite keeps
 * compiling and running in {@code mvn verify}. Timings from such a run mean nothing and are not
 * looked at; what is checked is that every benchmark ran to the end — including the checks the
 * benchmarks make themselves (every sign-in succeeds, the failed storm's accounts end locked
 * with one notice each, sixteen contenders on one key yield exactly one login, the reference
 * Argon2 library accepts our hash) — and that {@link Summary} finds every figure in the JSON.
 *
 * <p>PostgreSQL is the one {@code scripts/test} provides ({@code LATCHKEY_PG_URL}), as for the
 * JDBC module's tests; the reference Argon2 library is Debian's {@code libargon2-1}, which the
 * {@code argon2} package that {@code scripts/test} installs depends on.
 */
class BenchmarksSmokeTest {

  @Test
  @DisplayName("every benchmark runs once to the end, and the summary finds all its figures")
  void everyBenchmarkRunsOnceAndTheSummaryFindsEveryFigure(@TempDir Path dir)
      throws RunnerException, java.io.IOException {
    Path json = dir.resolve("results.json");
    Options options = new OptionsBuilder()
        .include("dev\\.latchkey\\.benchmarks\\..*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .build();

    Collection<RunResult> results = new Runner(options).run();

    List<String> ran = results.stream()
        .map(r -> r.getParams().getBenchmark().replace("dev.latchkey.benchmarks.", "")
            + r.getParams().getParamsKeys().stream().sorted()
                .map(k -> "," + k + "=" + r.getParams().getParam(k)).reduce("", String::concat))
        .toList();
    assertThat(ran).contains(
        "SignInBenchmark.signIn,backend=postgres,cost=owasp2025",
        "SignInBenchmark.bareVerify,cost=test",
        "SignInStormBenchmark.signInStorm,backend=postgres",
        "SignInStormBenchmark.failedStorm,backend=postgres",
        "SignInStormBenchmark.bareVerifyStorm",
        "SignInStormBenchmark.bareVerify",
        "RedemptionBenchmark.redeem,backend=h2",
        "RedemptionBenchmark.bareHash",
        "RedemptionContentionBenchmark.sixteenOnOneKey,backend=postgres",
        "HashingBenchmark.bouncyCastle",
        "HashingBenchmark.scalar",
        "HashingBenchmark.vector",
        "HashingBenchmark.reference",
        "TestKitBenchmark.tenThousandSignIns",
        "TestKitBenchmark.tenThousandBareVerifies",
        "StrengthBenchmark.latchkey");

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Object parsed = Summary.Json.parse(Files.readString(json, StandardCharsets.UTF_8));
    new Summary(Summary.runs(parsed), 2, new PrintStream(printed, true, StandardCharsets.UTF_8))
        .print();
    String summary = printed.toString(StandardCharsets.UTF_8);
    assertThat(summary)
        .contains("Sign-in overhead", "Sign-in storm", "Redemption", "Hashing", "Test kit")
        .doesNotContain("n/a");
  }

  @Test
  @DisplayName("the roster import harness imports, issues and re-syncs, on H2 and PostgreSQL")
  void rosterImportRunsToTheEndOnBothDatabases() throws Exception {
    for (String backend : List.of("h2", "postgres")) {
      RosterImportBenchmark.Result result = RosterImportBenchmark.run(backend, 300, 450);
      // 300 guardians + 450 students + 450 first parents + 225 second parents.
      assertThat(result.records()).as(backend).isEqualTo(300 + 450 + 450 + 225);
      assertThat(result.keys()).as(backend).isEqualTo(300);
      assertThat(result.summary()).contains("ratio").contains("bulk re-sync");
    }
  }

  @Test
  @DisplayName("the equal-time harness times every recovery request on H2 and PostgreSQL, mailing every existing identity")
  void equalTimeHarnessRunsToTheEndOnBothDatabases() {
    for (String backend : List.of("h2", "postgres")) {
      List<EqualTimeHarness.Result> results = EqualTimeHarness.run(backend, 5);
      assertThat(results).as(backend).extracting(EqualTimeHarness.Result::operation)
          .containsExactly("forgot-password", "forgot-username", "resend-key");
      assertThat(results).as(backend).allSatisfy(r -> assertThat(r.pairs()).isEqualTo(5));
    }
  }
}
