package dev.latchkey.jdbc;

import dev.latchkey.spi.tck.ContractCoverage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConformanceKitCoverageTest {
  @Test
  @DisplayName("the JDBC store runs every contract of the conformance kit, on H2 and on PostgreSQL")
  void everyContractIsRunOnBothDatabases() {
    ContractCoverage.assertEveryContractIsRun(getClass(), "H2", "Postgres");
  }
}
