package dev.latchkey.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A rate bucket's state as a store holds it: when its window started and how many events fell
 * in it. The core's {@link dev.latchkey.recovery.RateWindow} decides the next one.
 *
 * @param windowStart when the current window started
 * @param events events counted in it
 */
public record RateBucket(Instant windowStart, int events) {
  public RateBucket {
    Objects.requireNonNull(windowStart, "windowStart");
    if (events < 1) {
      throw new IllegalArgumentException("a bucket holds at least the event that made it");
    }
  }
}
