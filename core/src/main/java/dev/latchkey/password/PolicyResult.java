package dev.latchkey.password;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link PasswordPolicy#check}: every reason the password was rejected, or none.
 *
 * <p>The list is immutable, free of duplicates and in {@link PasswordRejection} declaration
 * order whatever order it was built in, so equal outcomes are {@code equals}. Immutable and
 * thread-safe.
 *
 * @param rejections the reasons, empty when the password is accepted
 */
public record PolicyResult(List<PasswordRejection> rejections) {

  private static final PolicyResult OK = new PolicyResult(List.of());

  /**
   * Copies, orders and deduplicates {@code rejections}.
   *
   * @param rejections the reasons in any order, duplicates allowed
   * @throws NullPointerException if {@code rejections} or an element is {@code null}
   */
  public PolicyResult {
    Objects.requireNonNull(rejections, "rejections");
    EnumSet<PasswordRejection> set = EnumSet.noneOf(PasswordRejection.class);
    for (PasswordRejection rejection : rejections) {
      set.add(Objects.requireNonNull(rejection, "rejections element"));
    }
    rejections = List.copyOf(set);
  }

  /**
   * The result with no rejections.
   *
   * @return an accepted result
   */
  public static PolicyResult ok() {
    return OK;
  }

  /**
   * Tells whether the password may be used.
   *
   * @return {@code true} if there are no rejections
   */
  public boolean accepted() {
    return rejections.isEmpty();
  }
}
