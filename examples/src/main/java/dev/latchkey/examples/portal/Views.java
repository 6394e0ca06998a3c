package dev.latchkey.examples.portal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side pages: Mustache templates under {@code portal/templates/}, every {@code {{value}}}
 * HTML-escaped, each page's body set into {@code layout.mustache}. Templates hold no logic
 * beyond showing what they are given.
 */
final class Views {
  private static final String FOLDER = "portal/templates/";
  private final Mustache.Compiler compiler = Mustache.compiler()
      .escapeHTML(true)
      .nullValue("")
      .emptyStringIsFalse(true)
      .withLoader(Views::open);
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();

  /** The page {@code name} with {@code model}, inside the layout with {@code layout}. */
  String page(String name, Map<String, ?> model, Map<String, ?> layout) {
    Map<String, Object> outer = new HashMap<>(layout);
    outer.put("body", template(name).execute(model));
    return template("layout").execute(outer);
  }

  private Template template(String name) {
    return compiled.computeIfAbsent(name, n -> {
      try (Reader reader = open(n)) {
        return compiler.compile(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static Reader open(String name) {
    InputStream in = Views.class.getClassLoader()
        .getResourceAsStream(FOLDER + name + ".mustache");
    return new InputStreamReader(Objects.requireNonNull(in, () -> "no template " + name),
        StandardCharsets.UTF_8);
  }
}
