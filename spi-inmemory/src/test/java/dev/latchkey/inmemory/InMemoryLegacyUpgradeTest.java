package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.LegacyUpgradeContract;

class InMemoryLegacyUpgradeTest extends LegacyUpgradeContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
