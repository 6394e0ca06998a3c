package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.SignInContract;

class InMemorySignInTest extends SignInContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
