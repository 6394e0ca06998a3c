package dev.latchkey.spi.tck;

import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordHasher;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a hasher and counts its calls, so equal-work rules are tested by counting (S14). */
public final class CountingHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  private final AtomicInteger hashes = new AtomicInteger();
  private final AtomicInteger verifies = new AtomicInteger();

  public CountingHasher(PasswordHasher delegate) {
    this.delegate = delegate;
  }

  @Override
  public PasswordHash hash(CharSequence password) {
    hashes.incrementAndGet();
    return delegate.hash(password);
  }

  @Override
  public boolean verify(CharSequence password, PasswordHash stored) {
    verifies.incrementAndGet();
    return delegate.verify(password, stored);
  }

  @Override
  public boolean needsRehash(PasswordHash stored) {
    return delegate.needsRehash(stored);
  }

  public int hashes() {
    return hashes.get();
  }

  public int verifies() {
    return verifies.get();
  }

  public void reset() {
    hashes.set(0);
    verifies.set(0);
  }
}
