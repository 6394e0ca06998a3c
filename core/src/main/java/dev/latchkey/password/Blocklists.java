package dev.latchkey.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The {@link Blocklist} implementations behind its static factories. */
final class Blocklists {

  static final Blocklist NONE = new Blocklist() {
    @Override
    public boolean contains(String normalisedLowerCase) {
      return false;
    }

    @Override
    public String toString() {
      return "Blocklist.none()";
    }
  };

  private static final String RESOURCE = "common-passwords.txt";

  private Blocklists() {}

  static Blocklist of(Collection<String> words) {
    Objects.requireNonNull(words, "words");
    Set<String> entries = new HashSet<>();
    for (String word : words) {
      if (word != null && !word.isBlank()) {
        entries.add(key(word));
      }
    }
    return new WordSet(Set.copyOf(entries));
  }

  static Blocklist builtIn() {
    return BuiltIn.LIST;
  }

  /** Both sides of a lookup go through this, so list entries and passwords meet in one form. */
  static String key(String word) {
    return PasswordPolicy.normalise(word).toLowerCase(Locale.ROOT).strip();
  }

  /** Union of two lists, so a policy's extra list adds to the built-in one instead of replacing it. */
  static Blocklist union(Blocklist first, Blocklist second) {
    return new Union(first, second);
  }

  private static final class WordSet implements Blocklist {
    private final Set<String> words;

    WordSet(Set<String> words) {
      this.words = words;
    }

    @Override
    public boolean contains(String normalisedLowerCase) {
      return words.contains(normalisedLowerCase);
    }

    @Override
    public String toString() {
      return "Blocklist[" + words.size() + " words]";
    }
  }

  private static final class Union implements Blocklist {
    private final Blocklist first;
    private final Blocklist second;

    Union(Blocklist first, Blocklist second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public boolean contains(String normalisedLowerCase) {
      return first.contains(normalisedLowerCase) || second.contains(normalisedLowerCase);
    }

    @Override
    public String toString() {
      return first + " + " + second;
    }
  }

  /** Holder idiom: the resource is read on first use, once, by whichever thread gets there first. */
  private static final class BuiltIn {
    static final Blocklist LIST = load();

    private static Blocklist load() {
      InputStream in = Blocklists.class.getResourceAsStream(RESOURCE);
      if (in == null) {
        throw new IllegalStateException("built-in blocklist resource " + RESOURCE + " is missing");
      }
      List<String> words = new ArrayList<>();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          // '#' starts a comment line; no listed password begins with it.
          if (!line.isBlank() && !line.startsWith("#")) {
            words.add(line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read built-in blocklist " + RESOURCE, e);
      }
      return of(words);
    }
  }
}
