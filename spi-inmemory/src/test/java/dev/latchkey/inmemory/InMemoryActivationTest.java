package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.ActivationContract;

class InMemoryActivationTest extends ActivationContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
