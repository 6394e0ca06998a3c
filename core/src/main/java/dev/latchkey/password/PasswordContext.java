package dev.latchkey.password;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Words a password must not contain because an attacker who knows the account can guess them:
 * the login name, the guardian's and students' names, the district and school names (S3).
 *
 * <p>Construction is null-safe: {@code null} lists and {@code null} or blank entries are
 * ignored, and the list is copied, so a caller can pass roster fields as they are. Words are
 * kept as given; {@link PasswordPolicy#check} normalises them and ignores those shorter than
 * four code points. Immutable and thread-safe.
 *
 * @param words the context words, never {@code null}, without null or blank entries
 */
public record PasswordContext(List<String> words) {

  private static final PasswordContext EMPTY = new PasswordContext(List.of());

  /**
   * Copies {@code words}, dropping {@code null} and blank entries; a {@code null} list is empty.
   *
   * @param words the context words, possibly {@code null} or with {@code null} entries
   */
  public PasswordContext {
    List<String> kept = new ArrayList<>();
    if (words != null) {
      for (@Nullable String word : words) {
        if (word != null && !word.isBlank()) {
          kept.add(word);
        }
      }
    }
    words = List.copyOf(kept);
  }

  /**
   * A context with no words, for checks where nothing about the account is known yet.
   *
   * @return the empty context
   */
  public static PasswordContext empty() {
    return EMPTY;
  }

  /**
   * A context of the given words; {@code null} and blank entries, or a {@code null} array, are
   * ignored.
   *
   * @param words login name, person names, school names and similar
   * @return a new context
   */
  public static PasswordContext of(@Nullable String @Nullable ... words) {
    return words == null ? EMPTY : new PasswordContext(Arrays.asList(words));
  }
}
