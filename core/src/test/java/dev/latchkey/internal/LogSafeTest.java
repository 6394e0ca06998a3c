package dev.latchkey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class LogSafeTest {
  @Test
  void escapesLineBreaksAnsiAndLookups() {
    String escaped = LogSafe.escape("maria\r\nFAKE LINE \u001b[31mred ${jndi:ldap://x/a}");
    assertThat(escaped).doesNotContain("\r", "\n", "\u001b", "${")
        .contains("\\u000d\\u000a", "\\u001b[31m", "\\u0024{jndi");
  }

  @Test
  void escapedTextHasNoControlCharacters() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(text -> {
      String escaped = LogSafe.escape(text);
      assertThat(escaped.chars().noneMatch(Character::isISOControl)).isTrue();
      assertThat(escaped).doesNotContain("${");
    });
  }
}
