package dev.latchkey.password;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The search behind {@link Argon2Parameters#calibrate(Duration, int)}, following RFC 9106 §4:
 * one lane (S5); as much memory as the budget and the ceiling allow, then, if memory reached
 * its ceiling, as many passes as the budget allows. Never below {@link
 * Argon2Parameters#owasp2025()}.
 *
 * <p>The cost of one hash comes from a measuring function, so that the search is tested with a
 * cost model instead of the clock; the host's own calibration measures real hashes.
 */
final class Argon2Calibration {

  /** Memory is searched in whole mebibytes. */
  static final int STEP_KIB = 1024;
  /** Each candidate is timed this often and the fastest run kept: noise only ever adds time. */
  private static final int RUNS = 2;
  private static final int WARM_UP_RUNS = 3;

  private Argon2Calibration() {
  }

  /**
   * The largest parameters whose measured cost fits {@code budget}, memory first.
   *
   * @param nanosPerHash the cost of one hash at the given parameters, in nanoseconds; assumed
   *     to grow with memory and with passes
   */
  static Argon2Parameters calibrate(Duration budget, int maxMemoryKiB,
      ToLongFunction<Argon2Parameters> nanosPerHash) {
    Objects.requireNonNull(nanosPerHash, "nanosPerHash");
    checkArguments(budget, maxMemoryKiB);
    Argon2Parameters floor = Argon2Parameters.owasp2025();
    long limit = saturatedNanos(budget);
    Map<Argon2Parameters, Long> measured = new HashMap<>();
    ToLongFunction<Argon2Parameters> cost =
        p -> measured.computeIfAbsent(p, nanosPerHash::applyAsLong);

    if (cost.applyAsLong(floor) > limit) {
      return floor;
    }
    int iterations = floor.iterations();
    // Memory, at the floor's passes: the ceiling if it fits, else the largest whole MiB that does.
    int fitSteps = floor.memoryKiB() / STEP_KIB;
    int ceilingSteps = maxMemoryKiB / STEP_KIB;
    int memorySteps;
    if (cost.applyAsLong(at(ceilingSteps * STEP_KIB, iterations)) <= limit) {
      memorySteps = ceilingSteps;
    } else {
      int missSteps = ceilingSteps;
      while (missSteps - fitSteps > 1) {
        int mid = (fitSteps + missSteps) >>> 1;
        if (cost.applyAsLong(at(mid * STEP_KIB, iterations)) <= limit) {
          fitSteps = mid;
        } else {
          missSteps = mid;
        }
      }
      memorySteps = fitSteps;
    }
    int memory = memorySteps * STEP_KIB;
    if (memorySteps < ceilingSteps) {
      return at(memory, iterations);
    }
    // Memory is at its ceiling: spend what is left on passes. Cost is about linear in passes,
    // so twice the linear estimate bounds the search from above.
    long perPass = Math.max(1, cost.applyAsLong(at(memory, iterations)) / iterations);
    long estimate = limit / perPass;
    int upper = (int) Math.min(Argon2Parameters.MAX_ITERATIONS,
        Math.max(iterations, 2 * estimate));
    int fit = iterations;
    int miss = upper + 1;
    while (miss - fit > 1) {
      int mid = (fit + miss) >>> 1;
      if (cost.applyAsLong(at(memory, mid)) <= limit) {
        fit = mid;
      } else {
        miss = mid;
      }
    }
    return at(memory, fit);
  }

  /** Throws unless {@code budget} and {@code maxMemoryKiB} are acceptable to {@link #calibrate}. */
  static void checkArguments(Duration budget, int maxMemoryKiB) {
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must not be negative; got " + budget);
    }
    int floor = Argon2Parameters.owasp2025().memoryKiB();
    if (maxMemoryKiB < floor || maxMemoryKiB > Argon2Parameters.MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("maxMemoryKiB must be between " + floor
          + " (the OWASP floor) and " + Argon2Parameters.MAX_MEMORY_KIB + "; got "
          + maxMemoryKiB);
    }
  }

  /** Runs a few hashes at the floor so that the first measurement does not time the JIT. */
  static void warmUp() {
    for (int i = 0; i < WARM_UP_RUNS; i++) {
      measureOnce(Argon2Parameters.owasp2025());
    }
  }

  /** The fastest of a few real hashes at {@code parameters} on this host, in nanoseconds. */
  static long measure(Argon2Parameters parameters) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < RUNS; i++) {
      best = Math.min(best, measureOnce(parameters));
    }
    return best;
  }

  private static long measureOnce(Argon2Parameters parameters) {
    // Argon2's cost does not depend on the input; fixed bytes keep secrets out of it.
    byte[] password = new byte[Argon2idHasher.SALT_BYTES];
    byte[] salt = new byte[Argon2idHasher.SALT_BYTES];
    long start = System.nanoTime();
    Argon2idHasher.argon2id(password, salt, null, null, parameters, Argon2idHasher.TAG_BYTES);
    return System.nanoTime() - start;
  }

  private static Argon2Parameters at(int memoryKiB, int iterations) {
    return new Argon2Parameters(memoryKiB, iterations, 1);
  }

  private static long saturatedNanos(Duration budget) {
    try {
      return budget.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
