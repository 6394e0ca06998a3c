package dev.latchkey.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void readmeQuickStartIsTheCompiledExample() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("```java\n");
    int end = readme.indexOf("```", start + 8);
    assertThat(start).as("README has a java block").isNotNegative();
    String block = readme.substring(start + 8, end).strip();

    List<String> source = Files.readAllLines(
        Path.of("src/main/java/dev/latchkey/examples/QuickStart.java"));
    int from = indexOf(source, "// tag::quickstart[]") + 1;
    int to = indexOf(source, "// end::quickstart[]");
    String tagged = source.subList(from, to).stream()
        .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(Collectors.joining("\n")).strip();

    assertThat(block).isEqualTo(tagged);
  }

  @Test
  void quickStartRunsToASignIn() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("REDEEMED then SIGNED_IN");
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("missing " + marker);
  }
}
