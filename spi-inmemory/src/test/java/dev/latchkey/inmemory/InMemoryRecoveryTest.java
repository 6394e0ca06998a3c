package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.RecoveryContract;

class InMemoryRecoveryTest extends RecoveryContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
