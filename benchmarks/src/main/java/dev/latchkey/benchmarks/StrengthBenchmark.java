package dev.latchkey.benchmarks;

import com.nulabinc.zxcvbn.Zxcvbn;
import dev.latchkey.password.PasswordContext;
import dev.latchkey.password.Strength;
import dev.latchkey.password.StrengthEstimator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The strength meter's cost per keystroke: one {@code StrengthEstimator.strength(...)} call of
 * Latchkey's built-in estimator against one call of zxcvbn4j ({@code Zxcvbn.measure}) and of
 * nbvcxz ({@code Nbvcxz.estimate}), on the same corpus in the same run. Issue 4's target: ours at
 * least 10 times faster than zxcvbn4j at the 99th percentile.
 *
 * <p>The corpus is core's agreement corpus ({@code dev/latchkey/password/strength-corpus.tsv}
 * from core's test-jar): 1,200-odd common, district-flavoured, passphrase, random and pattern
 * passwords. Each benchmark thread walks it in order, one password per invocation, so every
 * estimator sees every password equally often. Latchkey and zxcvbn4j get each item's context
 * words; nbvcxz takes dictionaries only when it is configured, not per call, so it gets none.
 *
 * <p>Mode {@code SampleTime}: JMH times individual calls and reports their distribution, from
 * which {@link StrengthSummary} prints p50 and p99. Word lists are loaded in the trial's setup,
 * outside the measurement, as a host would at start-up.
 */
@BenchmarkMode(Mode.SampleTime)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StrengthBenchmark {

  private static final String CORPUS = "/dev/latchkey/password/strength-corpus.tsv";

  /** The corpus and the three estimators, made once per trial. */
  @State(Scope.Benchmark)
  public static class Estimators {
    String[] passwords;
    PasswordContext[] contexts;
    List<List<String>> contextWords;
    StrengthEstimator latchkey;
    Zxcvbn zxcvbn;
    Nbvcxz nbvcxz;

    @Setup(Level.Trial)
    public void load() {
      List<String> pw = new ArrayList<>();
      contextWords = new ArrayList<>();
      try (InputStream in = StrengthBenchmark.class.getResourceAsStream(CORPUS)) {
        if (in == null) {
          throw new IllegalStateException(CORPUS + " missing: is core's test-jar on the path?");
        }
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          String[] fields = line.split("\t", -1);
          pw.add(fields[1]);
          contextWords.add(fields.length > 2 && !fields[2].isEmpty()
              ? List.of(fields[2].split("\\|")) : List.of());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      passwords = pw.toArray(new String[0]);
      contexts = new PasswordContext[passwords.length];
      for (int i = 0; i < passwords.length; i++) {
        contexts[i] = new PasswordContext(contextWords.get(i));
      }
      latchkey = StrengthEstimator.builtIn(Clock.systemUTC());
      zxcvbn = new Zxcvbn();
      nbvcxz = new Nbvcxz();
      // First calls load each library's word lists; keep that out of the first sample.
      latchkey.strength("warm-up", PasswordContext.empty());
      zxcvbn.measure("warm-up");
      nbvcxz.estimate("warm-up");
    }
  }

  /** Where one benchmark thread is in the corpus. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int advance(int size) {
      int at = next;
      next = at + 1 == size ? 0 : at + 1;
      return at;
    }
  }

  @Benchmark
  public Strength latchkey(Estimators e, Cursor c) {
    int i = c.advance(e.passwords.length);
    return e.latchkey.strength(e.passwords[i], e.contexts[i]);
  }

  @Benchmark
  public com.nulabinc.zxcvbn.Strength zxcvbn4j(Estimators e, Cursor c) {
    int i = c.advance(e.passwords.length);
    return e.zxcvbn.measure(e.passwords[i], e.contextWords.get(i));
  }

  @Benchmark
  public Result nbvcxz(Estimators e, Cursor c) {
    int i = c.advance(e.passwords.length);
    return e.nbvcxz.estimate(e.passwords[i]);
  }
}
