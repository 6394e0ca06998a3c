package dev.latchkey.jdbc;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.RoundTripContract;

class H2RoundTripTest extends RoundTripContract {
  private TestDatabase database;

  @Override
  protected LatchkeyStore newStore() {
    database = TestDatabase.h2();
    return JdbcStore.create(database.pool(), secrets);
  }

  @Override
  protected LatchkeyStore anotherProcessStore() {
    return JdbcStore.create(database.pool(), secrets);
  }

  @Override
  protected void dropStore(LatchkeyStore store) {
    database.close();
  }
}
