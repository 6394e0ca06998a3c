package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.LockoutModelContract;

class InMemoryLockoutModelTest extends LockoutModelContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
