package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.HelpdeskContract;

class InMemoryHelpdeskTest extends HelpdeskContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
