package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Item 6 / S5: calibration picks memory, then passes, for a time budget, never below the OWASP
 * floor. The search is driven by a cost model instead of the clock, so these tests are exact;
 * one test runs the real measurement and asserts only what holds on any host.
 */
class Argon2CalibrationTest {

  private static final Argon2Parameters FLOOR = Argon2Parameters.owasp2025();
  private static final int GIB = 1024 * 1024;

  /** A linear cost model: {@code nanosPerKibPass} per KiB per pass, plus a fixed overhead. */
  private static ToLongFunction<Argon2Parameters> model(long nanosPerKibPass, long overhead) {
    return p -> overhead + nanosPerKibPass * p.memoryKiB() * (long) p.iterations();
  }

  private static long cost(Argon2Parameters p, long nanosPerKibPass, long overhead) {
    return model(nanosPerKibPass, overhead).applyAsLong(p);
  }

  @Test
  @DisplayName("a budget the floor cannot meet returns the floor")
  void tinyBudgetReturnsFloor() {
    assertThat(Argon2Calibration.calibrate(Duration.ofNanos(1), GIB, model(1, 0))).isEqualTo(FLOOR);
    assertThat(Argon2Calibration.calibrate(Duration.ZERO, GIB, model(1, 0))).isEqualTo(FLOOR);
  }

  @Test
  @DisplayName("a tiny budget on this host's real clock returns the floor")
  void tinyBudgetOnRealHostReturnsFloor() {
    assertThat(Argon2Parameters.calibrate(Duration.ofNanos(1), 64 * 1024)).isEqualTo(FLOOR);
  }

  @Test
  @DisplayName("memory grows to the largest whole MiB that fits, passes stay at two")
  void memoryGrowsFirst() {
    // 1 ns per KiB-pass: 64 MiB at t=2 costs 131,072 ns
    Argon2Parameters chosen = Argon2Calibration.calibrate(Duration.ofNanos(131_072), GIB,
        model(1, 0));

    assertThat(chosen).isEqualTo(new Argon2Parameters(65_536, 2, 1));
  }

  @Test
  void memoryBetweenMebibytesRoundsDown() {
    Argon2Parameters chosen = Argon2Calibration.calibrate(Duration.ofNanos(131_072 + 2_047), GIB,
        model(1, 0));

    assertThat(chosen).isEqualTo(new Argon2Parameters(65_536, 2, 1));
  }

  @Test
  @DisplayName("at the memory ceiling, the rest of the budget goes to passes")
  void passesGrowAtTheMemoryCeiling() {
    // 64 MiB ceiling; 1 ns per KiB-pass; budget for exactly 5 passes
    Argon2Parameters chosen = Argon2Calibration.calibrate(Duration.ofNanos(5 * 65_536), 65_536,
        model(1, 0));

    assertThat(chosen).isEqualTo(new Argon2Parameters(65_536, 5, 1));
  }

  @Test
  void passesAreCappedAtTheLimit() {
    Argon2Parameters chosen = Argon2Calibration.calibrate(Duration.ofDays(1), 19_456, model(1, 0));

    assertThat(chosen).isEqualTo(new Argon2Parameters(19_456, 100, 1));
  }

  @Test
  void aCeilingAtTheFloorSpendsTheBudgetOnPasses() {
    Argon2Parameters chosen = Argon2Calibration.calibrate(Duration.ofNanos(19_456 * 7 + 10),
        19_456, model(1, 0));

    assertThat(chosen).isEqualTo(new Argon2Parameters(19_456, 7, 1));
  }

  @Test
  void fixedOverheadIsAccountedFor() {
    // overhead 1 ms; 10 ns per KiB-pass; budget 3 ms: 2e6 ns / 20 ns = 100,000 KiB -> 97 MiB
    Argon2Parameters chosen = Argon2Calibration.calibrate(Duration.ofMillis(3), GIB,
        model(10, 1_000_000));

    assertThat(chosen).isEqualTo(new Argon2Parameters(97 * 1024, 2, 1));
  }

  @Test
  @DisplayName("every candidate measured is a legal parameter set with one lane, and few are measured")
  void searchMeasuresFewLegalCandidates() {
    List<Argon2Parameters> measured = new ArrayList<>();
    ToLongFunction<Argon2Parameters> costs = model(1, 0);

    Argon2Calibration.calibrate(Duration.ofNanos(200 * 1024 * 9), 200 * 1024, p -> {
      measured.add(p);
      return costs.applyAsLong(p);
    });

    assertThat(measured).allSatisfy(p -> assertThat(p.parallelism()).isEqualTo(1));
    assertThat(measured).allSatisfy(p -> assertThat(p.meetsOwaspFloor()).isTrue());
    assertThat(measured).doesNotHaveDuplicates().hasSizeLessThan(20);
  }

  @Test
  @DisplayName("S5 property: any budget, ceiling and cost model give parameters at or above the "
      + "floor, within the ceiling, and within the budget unless that is the floor")
  void resultIsAlwaysAtLeastTheFloorAndFitsTheBudget() {
    qt().forAll(longs().between(0, 10_000_000_000L), integers().between(19_456, GIB),
            longs().between(1, 100_000), longs().between(0, 50_000_000))
        .checkAssert((budget, ceiling, perKibPass, overhead) -> {
          Argon2Parameters chosen = Argon2Calibration.calibrate(Duration.ofNanos(budget), ceiling,
              model(perKibPass, overhead));

          assertThat(chosen.meetsOwaspFloor()).isTrue();
          assertThat(chosen.parallelism()).isEqualTo(1);
          assertThat(chosen.memoryKiB()).isLessThanOrEqualTo(Math.max(ceiling, FLOOR.memoryKiB()));
          if (!chosen.equals(FLOOR)) {
            assertThat(cost(chosen, perKibPass, overhead)).isLessThanOrEqualTo(budget);
          }
        });
  }

  @Test
  @DisplayName("property: a larger budget never buys less work")
  void largerBudgetNeverBuysLess() {
    qt().forAll(longs().between(0, 5_000_000_000L), longs().between(0, 5_000_000_000L),
            longs().between(1, 10_000))
        .checkAssert((a, b, perKibPass) -> {
          long small = Math.min(a, b);
          long large = Math.max(a, b);
          Argon2Parameters forSmall = Argon2Calibration.calibrate(Duration.ofNanos(small), GIB / 4,
              model(perKibPass, 0));
          Argon2Parameters forLarge = Argon2Calibration.calibrate(Duration.ofNanos(large), GIB / 4,
              model(perKibPass, 0));

          assertThat((long) forLarge.memoryKiB() * forLarge.iterations())
              .isGreaterThanOrEqualTo((long) forSmall.memoryKiB() * forSmall.iterations());
        });
  }

  @Test
  @DisplayName("the real measurement on this host: at least the floor, within the ceiling")
  void realCalibrationIsAtLeastTheFloor() {
    Argon2Parameters chosen = Argon2Parameters.calibrate(Duration.ofMillis(60), 32 * 1024);

    assertThat(chosen.meetsOwaspFloor()).isTrue();
    assertThat(chosen.memoryKiB()).isLessThanOrEqualTo(32 * 1024);
    assertThat(chosen.parallelism()).isEqualTo(1);
  }

  @Test
  @DisplayName("a change of calibrated parameters makes needsRehash true")
  void changedParametersNeedRehash() {
    Argon2idHasher before = Argon2idHasher.create(FLOOR, new java.security.SecureRandom());
    Argon2idHasher after = Argon2idHasher.create(new Argon2Parameters(20_480, 2, 1),
        new java.security.SecureRandom());
    PasswordHash hash = before.hash("orange kite under seven bridges");

    assertThat(before.needsRehash(hash)).isFalse();
    assertThat(after.needsRehash(hash)).isTrue();
    assertThat(after.verify("orange kite under seven bridges", hash)).isTrue();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatNullPointerException().isThrownBy(() -> Argon2Parameters.calibrate(null, GIB));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Argon2Parameters.calibrate(Duration.ofMillis(-1), GIB));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Argon2Parameters.calibrate(Duration.ofMillis(100), 19_455));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Argon2Parameters.calibrate(Duration.ofMillis(100), 4 * GIB + 1));
  }
}
