package dev.latchkey.spi.tck;

import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordHasher;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps a hasher and counts, besides every verification, the verifications made against one
 * watched stored hash: the account's real one. S12 is then a count — how many of the racing
 * attempts were checked against the real hash before the lock held — and S14 a total.
 * Thread-safe.
 */
public final class RecordingHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  private final AtomicReference<PasswordHash> watched = new AtomicReference<>();
  private final AtomicInteger verifies = new AtomicInteger();
  private final AtomicInteger watchedVerifies = new AtomicInteger();

  public RecordingHasher(PasswordHasher delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Watches {@code stored} from now on and sets both counts to zero. */
  public void watch(PasswordHash stored) {
    watched.set(Objects.requireNonNull(stored, "stored"));
    verifies.set(0);
    watchedVerifies.set(0);
  }

  @Override
  public PasswordHash hash(CharSequence password) {
    return delegate.hash(password);
  }

  @Override
  public boolean verify(CharSequence password, PasswordHash stored) {
    verifies.incrementAndGet();
    PasswordHash target = watched.get();
    if (target != null && target.equals(stored)) {
      watchedVerifies.incrementAndGet();
    }
    return delegate.verify(password, stored);
  }

  @Override
  public boolean needsRehash(PasswordHash stored) {
    return delegate.needsRehash(stored);
  }

  /** Verifications of any hash since the last {@link #watch}. */
  public int verifies() {
    return verifies.get();
  }

  /** Verifications against the watched hash since the last {@link #watch}. */
  public int verifiesOfWatched() {
    return watchedVerifies.get();
  }
}
