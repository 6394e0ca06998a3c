package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.ConcurrencyContract;

class InMemoryConcurrencyTest extends ConcurrencyContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
