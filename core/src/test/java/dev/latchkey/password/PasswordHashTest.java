package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  private static final String ENCODED =
      "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

  @Test
  void toStringHidesValue() {
    assertThat(new PasswordHash(ENCODED).toString())
        .isEqualTo("PasswordHash[***]")
        .doesNotContain("argon2")
        .doesNotContain("nf65");
  }

  @Test
  void nullEncodedIsRejectedByName() {
    assertThatNullPointerException().isThrownBy(() -> new PasswordHash(null)).withMessage("encoded");
  }

  @Test
  void emptyEncodedIsAllowedSoStoresCanCarryIt() {
    assertThat(new PasswordHash("").encoded()).isEmpty();
  }

  @Test
  void equalValuesAreEqualWithEqualHashCodes() {
    assertThat(new PasswordHash(ENCODED))
        .isEqualTo(new PasswordHash(new String(ENCODED.toCharArray())))
        .hasSameHashCodeAs(new PasswordHash(ENCODED));
  }

  @Test
  void differentValuesAreNotEqual() {
    assertThat(new PasswordHash(ENCODED)).isNotEqualTo(new PasswordHash(ENCODED + "x"));
    assertThat(new PasswordHash(ENCODED)).isNotEqualTo(ENCODED);
  }
}
