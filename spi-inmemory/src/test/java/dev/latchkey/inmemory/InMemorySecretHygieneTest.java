package dev.latchkey.inmemory;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.SecretHygieneContract;

class InMemorySecretHygieneTest extends SecretHygieneContract {
  @Override
  protected LatchkeyStore newStore() {
    return InMemoryStore.create();
  }
}
