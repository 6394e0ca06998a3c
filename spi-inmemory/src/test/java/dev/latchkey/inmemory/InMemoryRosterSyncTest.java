package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.RosterSyncContract;

class InMemoryRosterSyncTest extends RosterSyncContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
