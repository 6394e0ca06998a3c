package dev.latchkey.password;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The read-only data of the built-in {@link StrengthEstimator}: the ranked word lists in one
 * {@link WordTrie} and the keyboard graphs. Loaded once per class loader and shared by every
 * estimator; immutable, so safe to share between threads.
 */
final class StrengthData {

  /** The lists in the resource, in order; a word's list index is its position here. */
  static final int PASSWORDS = 0;
  static final int ENGLISH = 1;
  static final int TV_AND_FILM = 2;
  static final int SURNAMES = 3;
  static final int FEMALE_NAMES = 4;
  static final int MALE_NAMES = 5;
  /** Not in the resource: the per-call context words. */
  static final int CONTEXT = 6;

  private static final String RESOURCE = "strength-dictionaries.txt.gz";
  private static final String[] LIST_NAMES = {
      "passwords", "english_wikipedia", "us_tv_and_film", "surnames", "female_names", "male_names"};
  private static final String LIST_HEADER = "# list ";

  private final WordTrie words;
  private final KeyboardGraph[] keyboards;

  private StrengthData(WordTrie words, KeyboardGraph[] keyboards) {
    this.words = words;
    this.keyboards = keyboards;
  }

  static StrengthData shared() {
    return Shared.DATA;
  }

  WordTrie words() {
    return words;
  }

  /** The keyboards walks are looked for on; callers must not modify the array. */
  KeyboardGraph[] keyboards() {
    return keyboards;
  }

  static String listName(int list) {
    return list == CONTEXT ? "context" : LIST_NAMES[list];
  }

  /** Holder idiom: read on first use, once, by whichever thread gets there first. */
  private static final class Shared {
    static final StrengthData DATA = load();

    private static StrengthData load() {
      return new StrengthData(readWords(), new KeyboardGraph[] {
          KeyboardGraph.qwerty(), KeyboardGraph.dvorak(),
          KeyboardGraph.keypad(), KeyboardGraph.macKeypad()});
    }

    /** Parses the resource's bytes straight into the tree: no string per word. */
    private static WordTrie readWords() {
      byte[] bytes;
      try (InputStream in = StrengthData.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("strength word-list resource " + RESOURCE + " is missing");
        }
        bytes = new GZIPInputStream(in, 1 << 16).readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read strength word lists " + RESOURCE, e);
      }
      byte[] header = LIST_HEADER.getBytes(StandardCharsets.US_ASCII);
      WordTrie.Builder builder = new WordTrie.Builder();
      int list = -1;
      int rank = 0;
      int line = 0;
      while (line < bytes.length) {
        int end = line;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        int stop = end > line && bytes[end - 1] == '\r' ? end - 1 : end;
        if (startsWith(bytes, line, stop, header)) {
          list++;
          String name = new String(bytes, line + header.length, stop - line - header.length,
              StandardCharsets.US_ASCII).trim();
          if (list >= LIST_NAMES.length || !LIST_NAMES[list].equals(name)) {
            throw new IllegalStateException("unexpected list '" + name + "' in " + RESOURCE);
          }
          rank = 0;
        } else if (stop > line && bytes[line] != '#') {
          if (list < 0) {
            throw new IllegalStateException("word before the first list in " + RESOURCE);
          }
          builder.add(bytes, line, stop, ++rank, list);
        }
        line = end + 1;
      }
      if (list != LIST_NAMES.length - 1) {
        throw new IllegalStateException(RESOURCE + " has " + (list + 1) + " lists, expected "
            + LIST_NAMES.length);
      }
      return builder.build();
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
      if (to - from < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (bytes[from + i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
