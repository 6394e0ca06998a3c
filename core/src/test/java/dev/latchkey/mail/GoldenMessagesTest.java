package dev.latchkey.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped template in every shipped language, rendered from fixed inputs and compared with
 * the reviewed copy under {@code src/test/resources/golden/<language>/<template>.txt}: a wording
 * change is a diff in review. After changing a template on purpose, regenerate the copies with
 * {@code mvn -pl core test -Dtest=GoldenMessagesTest -Dlatchkey.golden.update=true}, read the
 * diff, and commit it with the change.
 */
class GoldenMessagesTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final List<String> LANGUAGES = List.of("en", "es");
  private static final boolean UPDATE = Boolean.getBoolean("latchkey.golden.update");
  private static final MessageRenderer RENDERER = Samples.renderer();

  static Stream<Arguments> templatesAndLanguages() {
    List<Arguments> all = new ArrayList<>();
    for (String language : LANGUAGES) {
      for (String template : Samples.TEMPLATES) {
        all.add(Arguments.of(template, language));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1}/{0}")
  @MethodSource("templatesAndLanguages")
  @DisplayName("each template renders exactly as its reviewed golden file")
  void rendersAsTheGoldenFile(String template, String language) throws IOException {
    RenderedMessage message = RENDERER.render(
        Samples.of(template, Samples.NAME, Optional.of(language)));
    String actual = "Subject: " + message.subject() + "\n"
        + "Content-Language: " + message.language().toLanguageTag() + "\n"
        + "\n----- text/plain -----\n" + message.text()
        + "\n----- text/html -----\n" + message.html();
    Path file = GOLDEN.resolve(language).resolve(template + ".txt");

    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }

    assertThat(message.template()).isEqualTo(template);
    assertThat(message.language().toLanguageTag()).isEqualTo(language);
    assertThat(file).as("golden file %s (regenerate with -Dlatchkey.golden.update=true)", file)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("there is a golden file for every template and language, and no other")
  void goldenFilesMatchTheTemplates() throws IOException {
    List<String> expected = new ArrayList<>();
    for (String language : LANGUAGES) {
      for (String template : Samples.TEMPLATES) {
        expected.add(language + "/" + template + ".txt");
      }
    }
    try (Stream<Path> files = Files.walk(GOLDEN)) {
      assertThat(files.filter(Files::isRegularFile)
          .map(p -> GOLDEN.relativize(p).toString().replace('\\', '/')))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  @DisplayName("every shipped body and layout has a counterpart in every shipped language")
  void everyLanguageShipsEveryTemplate() {
    TemplateSource shipped = TemplateSource.builtIn();
    for (String language : LANGUAGES) {
      assertThat(shipped.read(language + "/messages.properties")).as(language).isPresent();
      for (String template : Samples.TEMPLATES) {
        for (String part : List.of("text", "html")) {
          assertThat(shipped.read(language + "/" + template + "." + part + ".mustache"))
              .as("%s/%s.%s", language, template, part).isPresent();
        }
      }
      for (String layout : List.of("layout.text.mustache", "layout.html.mustache")) {
        assertThat(shipped.read(language + "/" + layout)).as(language + "/" + layout)
            .isPresent();
      }
    }
  }
}
