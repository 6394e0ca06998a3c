package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The built-in blocklist resource meets S3 and says where its entries come from. */
class CommonPasswordsResourceTest {

  private static List<String> lines() throws Exception {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        CommonPasswordsResourceTest.class.getResourceAsStream("common-passwords.txt"),
        StandardCharsets.UTF_8))) {
      return reader.lines().collect(Collectors.toList());
    }
  }

  @Test
  @DisplayName("S3: at least the 3,000 most common passwords, distinct after normalisation")
  void holdsAtLeastThreeThousandDistinctEntries() throws Exception {
    Set<String> keys = new HashSet<>();
    for (String line : lines()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        keys.add(Blocklists.key(line));
      }
    }

    assertThat(keys).hasSizeGreaterThanOrEqualTo(3_000);
  }

  @Test
  @DisplayName("the most common passwords of every kind are refused")
  void refusesTheMostCommonPasswords() {
    Blocklist builtIn = Blocklist.builtIn();

    assertThat(List.of("123456", "password", "qwerty", "iloveyou", "1qaz2wsx", "trustno1",
        "sunshine", "football", "princess", "welcome1"))
        .allSatisfy(p -> assertThat(builtIn.contains(p)).as(p).isTrue());
  }

  @Test
  @DisplayName("the file names its source and licence")
  void namesSourceAndLicence() throws Exception {
    String header = lines().stream().filter(l -> l.startsWith("#"))
        .collect(Collectors.joining("\n"));

    assertThat(header).contains("zxcvbn 4.4.2", "MIT License", "Permission is hereby granted");
  }
}
