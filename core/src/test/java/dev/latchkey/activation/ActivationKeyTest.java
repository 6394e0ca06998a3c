package dev.latchkey.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivationKeyTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static ActivationKey keyFrom(long seed) {
    SecureRandom seeded;
    try {
      seeded = SecureRandom.getInstance("SHA1PRNG");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    seeded.setSeed(seed);
    return ActivationKey.generate(seeded);
  }

  @Test
  void displayIsFiveGroupsOfFiveFromTheCrockfordAlphabet() {
    String display = ActivationKey.generate(RANDOM).display();
    assertThat(display).matches("[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}");
  }

  @Test
  void everyGeneratedKeyParsesBackToItself() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      ActivationKey key = keyFrom(seed);
      assertThat(ActivationKey.parse(key.display())).contains(key);
    });
  }

  @Test
  void parsingForgivesCaseSpacesDashesAndLookAlikeLetters() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      ActivationKey key = keyFrom(seed);
      String typed = key.display().toLowerCase(Locale.ROOT).replace("-", " ")
          .replace('0', 'o').replace('1', 'l');
      assertThat(ActivationKey.parse(typed)).contains(key);
      assertThat(ActivationKey.parse(key.display().replace("-", ""))).contains(key);
      assertThat(ActivationKey.parse(" " + key.display().replace('1', 'I') + "\t")).contains(key);
    });
  }

  @Test
  void everySingleMistypedCharacterIsCaught() {
    qt().forAll(longs().all(), integers().between(0, 24), integers().between(1, 31))
        .checkAssert((seed, position, shift) -> {
          String canonical = keyFrom(seed).display().replace("-", "");
          int original = ActivationKey.ALPHABET.indexOf(canonical.charAt(position));
          char wrong = ActivationKey.ALPHABET.charAt((original + shift) % 32);
          String typo = canonical.substring(0, position) + wrong + canonical.substring(position + 1);
          assertThat(ActivationKey.parse(typo)).isEmpty();
        });
  }

  @Test
  void anythingElseIsRejectedWithoutThrowing() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 120)).checkAssert(text -> {
      ActivationKey.parse(text).ifPresent(key ->
          assertThat(ActivationKey.parse(key.display())).contains(key));
    });
    assertThat(ActivationKey.parse(null)).isEmpty();
    assertThat(ActivationKey.parse("")).isEmpty();
    assertThat(ActivationKey.parse("U".repeat(25))).isEmpty();
    assertThat(ActivationKey.parse("0".repeat(1_000_000))).isEmpty();
  }

  @Test
  void keysCarryAtLeast120BitsSoTheyDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(ActivationKey.generate(RANDOM).display())).isTrue();
    }
    // 24 data characters of 5 bits each.
    assertThat(ActivationKey.generate(RANDOM).display().replace("-", "")).hasSize(25);
  }

  @Test
  void toStringNeverShowsTheKey() {
    ActivationKey key = ActivationKey.generate(RANDOM);
    assertThat(key.toString()).doesNotContain(key.display()).doesNotContain(
        key.display().substring(0, 5));
  }
}
