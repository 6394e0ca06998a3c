package dev.latchkey.recovery;

import dev.latchkey.spi.RateBucket;
import dev.latchkey.spi.RecoveryStore.RateDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A fixed-window rate limit (S24, S26): at most {@code max} events in a window that starts at
 * its first event and lasts {@code window}; an event after that starts a new window. Reset
 * mails per account, reminders per address and caller verifications per guardian are all
 * counted by it, in the store's buckets. Immutable.
 *
 * @param window how long a window lasts
 * @param max events allowed in one window
 */
public record RateWindow(Duration window, int max) {
  public RateWindow {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero() || max < 1) {
      throw new IllegalArgumentException("need a positive window and max");
    }
  }

  public static RateWindow of(Duration window, int max) {
    return new RateWindow(window, max);
  }

  /**
   * The decision for one event at {@code now}: the bucket's next state when the event is
   * allowed, null when it is refused (nothing counted).
   */
  public RateDecision at(Instant now) {
    Objects.requireNonNull(now, "now");
    return current -> {
      if (current == null || !current.windowStart().isAfter(now.minus(window))) {
        return new RateBucket(now, 1);
      }
      if (current.events() >= max) {
        return null;
      }
      return new RateBucket(current.windowStart(), current.events() + 1);
    };
  }
}
