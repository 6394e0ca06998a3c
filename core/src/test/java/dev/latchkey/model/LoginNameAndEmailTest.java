package dev.latchkey.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class LoginNameAndEmailTest {
  @Test
  void loginNamesCompareCaseInsensitivelyAfterNfkc() {
    assertThat(LoginName.of("Maria.Lopez")).isEqualTo(LoginName.of("maria.lopez"));
    // Full-width letters normalise to ASCII under NFKC.
    assertThat(LoginName.of("ｍａｒｉａ")).isEqualTo(LoginName.of("maria"));
    assertThat(LoginName.of("María").key()).isEqualTo(LoginName.of("Mari\u0301a").key());
  }

  @Test
  void loginNameRulesRejectWhatPeopleShouldNotPick() {
    assertThat(LoginName.parse("ab")).isEmpty();
    assertThat(LoginName.parse("a".repeat(65))).isEmpty();
    assertThat(LoginName.parse("maria lopez")).isEmpty();
    assertThat(LoginName.parse(".maria")).isEmpty();
    assertThat(LoginName.parse("maria\nlopez")).isEmpty();
    assertThat(LoginName.parse("maria<script>")).isEmpty();
    assertThat(LoginName.parse(null)).isEmpty();
    assertThat(LoginName.parse("maria.lopez@example.org")).isPresent();
  }

  @Test
  void loginNameAndEmailShareOneKeySpace() {
    assertThat(LoginName.of("Maria.Lopez@Example.org").key())
        .isEqualTo(EmailAddress.of("maria.lopez@example.org").key());
  }

  @Test
  void parsedLoginNamesAreStable() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(text ->
        LoginName.parse(text).ifPresent(name -> {
          assertThat(LoginName.parse(name.value())).contains(name);
          assertThat(name.value().codePointCount(0, name.value().length())).isBetween(3, 64);
        }));
  }

  @Test
  void anEmailIsExactlyOneAddress() {
    assertThat(EmailAddress.parse("maria.lopez@example.org")).isPresent();
    assertThat(EmailAddress.parse(" Maria.Lopez@Example.ORG ").orElseThrow().key())
        .isEqualTo("maria.lopez@example.org");
    for (String smuggled : new String[] {"a@x.org,b@y.org", "a@x.org;b@y.org",
        "a@x.org b@y.org", "<a@x.org>", "\"a\"@x.org", "a@x.org\r\nBcc: b@y.org", "a@@x.org",
        "a@x", "@x.org", "", "a@x.org\u202e"}) {
      assertThat(EmailAddress.parse(smuggled)).as(smuggled).isEmpty();
    }
    assertThat(EmailAddress.parse(null)).isEmpty();
  }
}
