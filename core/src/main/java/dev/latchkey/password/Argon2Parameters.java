package dev.latchkey.password;

import java.time.Duration;

/**
 * The cost parameters of Argon2id: memory in KiB, iterations (passes) and parallelism (lanes).
 *
 * <p>Use a named preset, {@link #owasp2025()}, or parameters {@linkplain #calibrate calibrated}
 * for this host, in production. The values are recorded in every
 * hash, so raising them later only makes {@link PasswordHasher#needsRehash} answer {@code true}
 * for older hashes; a preset never changes silently.
 *
 * <p>The constructor accepts only values the Argon2 specification allows and this library is
 * willing to compute: at least {@code 8 × parallelism} KiB and at most 4 GiB (4,194,304 KiB) of
 * memory, 1 to 100 iterations, 1 to 64 lanes. The same limits bound what {@link Argon2idHasher}
 * agrees to recompute from a stored hash, so a tampered record cannot make a sign-in burn
 * unbounded CPU. Immutable and thread-safe.
 *
 * @param memoryKiB memory cost in kibibytes
 * @param iterations number of passes over memory
 * @param parallelism number of lanes
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

  static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  static final int MAX_ITERATIONS = 100;
  static final int MAX_PARALLELISM = 64;

  private static final int OWASP_MEMORY_KIB = 19_456;
  private static final int OWASP_ITERATIONS = 2;

  /**
   * Validates the parameters.
   *
   * @param memoryKiB memory cost in kibibytes
   * @param iterations number of passes over memory
   * @param parallelism number of lanes
   * @throws IllegalArgumentException if a value is outside the limits in the type description
   */
  public Argon2Parameters {
    if (!withinLimits(memoryKiB, iterations, parallelism)) {
      throw new IllegalArgumentException(
          "Argon2 parameters out of range: need 1 <= parallelism <= " + MAX_PARALLELISM
              + ", 1 <= iterations <= " + MAX_ITERATIONS
              + ", 8 * parallelism <= memoryKiB <= " + MAX_MEMORY_KIB
              + "; got m=" + memoryKiB + ", t=" + iterations + ", p=" + parallelism);
    }
  }

  /**
   * OWASP Password Storage Cheat Sheet (2025) minimum for Argon2id, also S5: 19 MiB
   * (m=19456), t=2, p=1. Costs roughly 20–50 ms and 19 MiB per hash on current servers.
   *
   * @return {@code Argon2Parameters[memoryKiB=19456, iterations=2, parallelism=1]}
   */
  public static Argon2Parameters owasp2025() {
    return new Argon2Parameters(OWASP_MEMORY_KIB, OWASP_ITERATIONS, 1);
  }

  /**
   * Measures Argon2id on this host and picks the strongest parameters whose hash takes at most
   * {@code budget}, never below {@link #owasp2025()} (S5), following RFC 9106 §4: one lane;
   * as much memory as fits, in whole MiB up to {@code maxMemoryKiB}; then, if memory reached
   * that ceiling, as many passes as still fit. If even the floor takes longer than the budget,
   * the floor is returned.
   *
   * <p>Run it once at deployment or start-up on production hardware, and keep the result in
   * configuration: every hash records its parameters, so a later change only makes
   * {@link PasswordHasher#needsRehash} true and upgrades each hash at its next sign-in. The
   * measurement takes the fastest of repeated runs of an idle host; leave headroom for load
   * (a budget of half the acceptable latency, say) and bound memory by what concurrent
   * sign-ins can share ({@code maxMemoryKiB} × peak concurrent sign-ins must fit the heap).
   * Takes roughly ten to twenty times the budget. Results differ between hosts and runs.
   *
   * @param budget the time one hash may take, e.g. {@code Duration.ofMillis(250)}
   * @param maxMemoryKiB the most memory one hash may use, at least 19,456 (the floor) and at
   *     most 4,194,304
   * @return parameters that {@link #meetsOwaspFloor()}, with parallelism 1
   * @throws NullPointerException if {@code budget} is {@code null}
   * @throws IllegalArgumentException if {@code budget} is negative or {@code maxMemoryKiB} out
   *     of range
   */
  public static Argon2Parameters calibrate(Duration budget, int maxMemoryKiB) {
    Argon2Calibration.checkArguments(budget, maxMemoryKiB);
    Argon2Calibration.warmUp();
    return Argon2Calibration.calibrate(budget, maxMemoryKiB, Argon2Calibration::measure);
  }

  /**
   * <strong>FOR TESTS ONLY — NEVER USE IN PRODUCTION.</strong> A deliberately tiny cost
   * (m=8 KiB, the least Argon2 allows, t=1, p=1) that offers essentially no resistance to offline guessing; it exists so
   * that race tests computing thousands of hashes stay fast. {@link #meetsOwaspFloor()} is
   * {@code false} for it and {@link Argon2idHasher} logs a warning when built with it.
   *
   * @return {@code Argon2Parameters[memoryKiB=8, iterations=1, parallelism=1]}
   */
  public static Argon2Parameters insecureForTestsOnly() {
    return new Argon2Parameters(8, 1, 1);
  }

  /**
   * Tells whether these parameters are at least the S5/OWASP floor: memory &ge; 19,456 KiB,
   * iterations &ge; 2 and parallelism &ge; 1. (OWASP's alternative rows that trade memory for
   * iterations are deliberately not accepted: S5 fixes the memory floor.)
   *
   * @return {@code true} if every parameter is at or above the floor
   */
  public boolean meetsOwaspFloor() {
    return memoryKiB >= OWASP_MEMORY_KIB && iterations >= OWASP_ITERATIONS && parallelism >= 1;
  }

  /** Shared with the PHC parser so that stored hashes and configured presets obey one limit. */
  static boolean withinLimits(long memoryKiB, long iterations, long parallelism) {
    return parallelism >= 1
        && parallelism <= MAX_PARALLELISM
        && iterations >= 1
        && iterations <= MAX_ITERATIONS
        && memoryKiB >= 8 * parallelism
        && memoryKiB <= MAX_MEMORY_KIB;
  }
}
