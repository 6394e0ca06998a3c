package dev.latchkey.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts events per key (a source address) in a fixed window that starts at the key's first
 * event. Bounded in size, so a flood of distinct sources cannot exhaust memory. Thread-safe.
 */
public final class Throttle {
  private final Cache<String, AtomicInteger> counts;
  private final int limit;

  public Throttle(int limit, Duration window, Clock clock) {
    this.limit = limit;
    long windowNanos = window.toNanos();
    this.counts = Caffeine.newBuilder()
        .maximumSize(100_000)
        .ticker(() -> clock.millis() * 1_000_000L)
        .expireAfter(new Expiry<String, AtomicInteger>() {
          @Override
          public long expireAfterCreate(String key, AtomicInteger value, long currentTime) {
            return windowNanos;
          }

          @Override
          public long expireAfterUpdate(String key, AtomicInteger value, long currentTime,
              long currentDuration) {
            return currentDuration;
          }

          @Override
          public long expireAfterRead(String key, AtomicInteger value, long currentTime,
              long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /** True when the key has used up its window. */
  public boolean blocked(String key) {
    AtomicInteger count = counts.getIfPresent(key);
    return count != null && count.get() >= limit;
  }

  /** Counts one event for the key. */
  public void record(String key) {
    counts.get(key, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Counts one event and says whether the key was already over its limit before it. */
  public boolean tryAcquire(String key) {
    return counts.get(key, k -> new AtomicInteger()).getAndIncrement() < limit;
  }
}
