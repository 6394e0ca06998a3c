package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.RosterContract;

class InMemoryRosterTest extends RosterContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
