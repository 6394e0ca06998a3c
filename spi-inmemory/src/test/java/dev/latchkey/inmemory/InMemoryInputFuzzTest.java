package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.InputFuzzContract;

class InMemoryInputFuzzTest extends InputFuzzContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
