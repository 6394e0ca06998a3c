package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.RoundTripContract;

class InMemoryRoundTripTest extends RoundTripContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
