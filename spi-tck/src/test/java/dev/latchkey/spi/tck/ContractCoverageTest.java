package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContractCoverageTest {
  @Test
  @DisplayName("the kit's contracts are found, the lockout model among them")
  void contractsAreFound() {
    assertThat(ContractCoverage.contracts())
        .contains(SignInContract.class.getName(), LockoutModelContract.class.getName(),
            ConcurrencyContract.class.getName())
        .doesNotContain(ContractSupport.class.getName());
  }

  @Test
  @DisplayName("a package that runs none of the contracts fails, naming what is missing")
  void missingContractsFail() {
    assertThatThrownBy(() -> ContractCoverage.assertEveryContractIsRun(
        ContractCoverageTest.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SignInContract").hasMessageContaining("LockoutModelContract");
  }
}
