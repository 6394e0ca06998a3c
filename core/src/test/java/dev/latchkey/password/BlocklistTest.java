package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BlocklistTest {

  @Test
  void builtInContainsWellKnownPasswords() {
    Blocklist builtIn = Blocklist.builtIn();

    assertThat(builtIn.contains("password")).isTrue();
    assertThat(builtIn.contains("123456789012345")).isTrue();
    assertThat(builtIn.contains("qwertyuiop123456")).isTrue();
    assertThat(builtIn.contains("iloveyou")).isTrue();
  }

  @Test
  void builtInIsLoadedOnceAndShared() {
    assertThat(Blocklist.builtIn()).isSameAs(Blocklist.builtIn());
  }

  @Test
  void builtInResourceHasAboutOneHundredFiftyDistinctNormalisedEntries() throws Exception {
    List<String> entries;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        BlocklistTest.class.getResourceAsStream("common-passwords.txt"), StandardCharsets.UTF_8))) {
      entries = reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
          .collect(Collectors.toList());
    }

    assertThat(entries).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
    assertThat(entries).allSatisfy(entry -> {
      assertThat(Blocklist.builtIn().contains(entry)).as(entry).isTrue();
      assertThat(PasswordPolicy.normalise(entry).toLowerCase(Locale.ROOT).strip()).isEqualTo(entry);
    });
    assertThat(entries.stream().filter(entry -> entry.codePointCount(0, entry.length()) >= 15))
        .hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void builtInDoesNotContainOrdinaryPassphrase() {
    assertThat(Blocklist.builtIn().contains("violet tractor under the bridge")).isFalse();
  }

  @Test
  void ofNormalisesLowerCasesAndStripsEntries() {
    Blocklist list = Blocklist.of(List.of("  Ｓｐｒｉｎｇｆｉｅｌｄ Elementary  "));

    assertThat(list.contains("springfield elementary")).isTrue();
  }

  @Test
  void ofIgnoresNullAndBlankEntries() {
    Blocklist list = Blocklist.of(Arrays.asList(null, "", "  ", "tiger"));

    assertThat(list.contains("")).isFalse();
    assertThat(list.contains("tiger")).isTrue();
  }

  @Test
  void ofCopiesCollection() {
    List<String> words = new java.util.ArrayList<>(List.of("tiger"));
    Blocklist list = Blocklist.of(words);

    words.add("lion");

    assertThat(list.contains("lion")).isFalse();
  }

  @Test
  void ofNullThrowsNamingParameter() {
    assertThatNullPointerException().isThrownBy(() -> Blocklist.of(null)).withMessage("words");
  }

  @Test
  void noneContainsNothing() {
    assertThat(Blocklist.none().contains("password")).isFalse();
  }
}
