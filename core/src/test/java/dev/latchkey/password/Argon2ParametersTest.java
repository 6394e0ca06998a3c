package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2ParametersTest {

  @Test
  void owasp2025IsNineteenMebibytesTwoIterationsOneLane() {
    assertThat(Argon2Parameters.owasp2025()).isEqualTo(new Argon2Parameters(19_456, 2, 1));
  }

  @Test
  void owasp2025MeetsOwaspFloor() {
    assertThat(Argon2Parameters.owasp2025().meetsOwaspFloor()).isTrue();
  }

  @Test
  void insecureForTestsOnlyDoesNotMeetOwaspFloor() {
    assertThat(Argon2Parameters.insecureForTestsOnly().meetsOwaspFloor()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"19455, 2, 1", "19456, 1, 1", "65536, 1, 4", "7168, 5, 1"})
  void parametersBelowFloorInAnyDimensionDoNotMeetIt(int m, int t, int p) {
    assertThat(new Argon2Parameters(m, t, p).meetsOwaspFloor()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"19456, 2, 1", "47104, 3, 1", "65536, 2, 4"})
  void parametersAtOrAboveFloorMeetIt(int m, int t, int p) {
    assertThat(new Argon2Parameters(m, t, p).meetsOwaspFloor()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "64, 0, 1", "64, 101, 1", "64, 1, 0", "1024, 1, 65", "7, 1, 1", "15, 1, 2",
      "4194305, 1, 1", "-1, 1, 1", "64, -1, 1"})
  void outOfRangeParametersAreRejected(int m, int t, int p) {
    assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Parameters(m, t, p))
        .withMessageStartingWith("Argon2 parameters out of range");
  }

  @ParameterizedTest
  @CsvSource({"8, 1, 1", "16, 1, 2", "4194304, 100, 64", "512, 100, 64"})
  void extremeButLegalParametersAreAccepted(int m, int t, int p) {
    assertThat(new Argon2Parameters(m, t, p).memoryKiB()).isEqualTo(m);
  }
}
