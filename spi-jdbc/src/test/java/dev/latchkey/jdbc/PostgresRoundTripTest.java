package dev.latchkey.jdbc;

import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.tck.RoundTripContract;

class PostgresRoundTripTest extends RoundTripContract {
  private TestDatabase database;

  @Override
  protected LatchkeyStore newStore() {
    database = TestDatabase.postgres();
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
