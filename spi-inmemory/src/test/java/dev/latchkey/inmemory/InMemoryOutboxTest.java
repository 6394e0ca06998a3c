package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.OutboxContract;

class InMemoryOutboxTest extends OutboxContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
