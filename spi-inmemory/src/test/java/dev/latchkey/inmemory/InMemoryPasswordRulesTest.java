package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.PasswordRulesContract;

class InMemoryPasswordRulesTest extends PasswordRulesContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
