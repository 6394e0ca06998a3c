package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.DirectoryContract;

class InMemoryDirectoryTest extends DirectoryContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
