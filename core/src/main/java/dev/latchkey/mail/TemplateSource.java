package dev.latchkey.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link MessageRenderer} reads templates and language files, by relative name such as
 * {@code "es/activation-key.html.mustache"} or {@code "es/messages.properties"} (the layout is
 * described on {@link MessageRenderer}). A host overrides a shipped template, or adds a
 * language, by handing the renderer a source that holds only the files it changes; every name
 * it lacks falls through to the next source and finally to the templates shipped in this jar.
 *
 * <p>Names are relative, use {@code /} and never contain {@code ..}. Implementations must be
 * thread-safe. The renderer reads each name at most once and keeps what it read, so a changed
 * file shows after a restart (or in a new renderer).
 */
@FunctionalInterface
public interface TemplateSource {
  /**
   * The text of the file {@code name}, or empty when this source does not have it.
   *
   * @param name a relative name, e.g. {@code "fr/messages.properties"}
   * @return the file's text (UTF-8), or empty
   * @throws UncheckedIOException if the file exists but cannot be read
   */
  Optional<String> read(String name);

  /**
   * The templates and languages shipped with Latchkey: English ({@code en}) and Spanish
   * ({@code es}), under {@code dev/latchkey/mail/templates} in this jar.
   *
   * @return the shipped templates
   */
  static TemplateSource builtIn() {
    return classpath(TemplateSource.class.getClassLoader(), "dev/latchkey/mail/templates");
  }

  /**
   * Files under a folder of the class path, e.g. {@code classpath(loader, "mail")} reads
   * {@code mail/es/activation-key.html.mustache}: a host ships its own templates in its jar.
   *
   * @param loader the class loader to read with
   * @param folder the folder, without leading or trailing {@code /}
   * @return a source over that folder
   */
  static TemplateSource classpath(ClassLoader loader, String folder) {
    Objects.requireNonNull(loader, "loader");
    String prefix = folder(folder);
    return name -> {
      String path = prefix + checkName(name);
      try (InputStream in = loader.getResourceAsStream(path)) {
        return in == null ? Optional.empty()
            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read template " + path, e);
      }
    };
  }

  /**
   * Files in a directory of the file system, e.g. one a district's staff edit.
   *
   * @param directory the directory holding one folder per language
   * @return a source over that directory
   */
  static TemplateSource directory(Path directory) {
    Path root = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    return name -> {
      Path file = root.resolve(checkName(name)).normalize();
      if (!file.startsWith(root)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read template " + name, e);
      }
    };
  }

  /**
   * Files held in memory, by name: for tests, or templates a host keeps in its database.
   *
   * @param files the files' texts by relative name; copied
   * @return a source over a copy of {@code files}
   */
  static TemplateSource of(Map<String, String> files) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(files, "files"));
    return name -> Optional.ofNullable(copy.get(checkName(name)));
  }

  private static String folder(String folder) {
    Objects.requireNonNull(folder, "folder");
    String trimmed = folder.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? "" : trimmed + "/";
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
      throw new IllegalArgumentException("template names are relative, without '..': " + name);
    }
    return name;
  }
}
