package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.AccountsContract;

class InMemoryAccountsTest extends AccountsContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
