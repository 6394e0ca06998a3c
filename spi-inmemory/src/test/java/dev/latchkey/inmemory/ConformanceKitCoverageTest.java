package dev.latchkey.inmemory;

import dev.latchkey.spi.tck.ContractCoverage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConformanceKitCoverageTest {
  @Test
  @DisplayName("the in-memory store runs every contract of the conformance kit")
  void everyContractIsRun() {
    ContractCoverage.assertEveryContractIsRun(getClass(), "InMemory");
  }
}
