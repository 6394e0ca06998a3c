package dev.latchkey.password;

import java.time.Clock;
import java.util.Objects;

/**
 * Estimates how hard a password is to guess, fast enough to run on every keystroke of a
 * "new password" field: the strength meter's percentage, the guesses an attacker who knows how
 * people choose passwords would need, and feedback in plain English with stable codes.
 *
 * <p>The {@linkplain #builtIn(Clock) built-in estimator} models an attacker who tries likely
 * pieces first and combines them: common passwords, English words, first names and surnames,
 * the same with l33t substitutions ({@code p@ssw0rd}), reversed or capitalised, keyboard walks
 * ({@code qwerty}, {@code 1qaz2wsx}), sequences ({@code abcd}, {@code 9876}), repeats
 * ({@code aaaa}, {@code abcabc}), years and dates, and the words of the {@link PasswordContext}
 * (login name, the family's names, school, district, mascot). Whatever is not recognised counts
 * as random characters. The guesses of the cheapest way to build the whole password from those
 * pieces are the estimate, so {@code Naperville203!} is weak and a phrase of two or three
 * uncommon words is strong. Its score bands are zxcvbn's (see {@link Strength#score()}).
 *
 * <p>The estimate informs the person choosing a password; what is <em>allowed</em> is {@link
 * PasswordPolicy}'s decision. Implementations are immutable and safe for concurrent use.
 */
public interface StrengthEstimator {

  /**
   * Estimates the strength of a proposed password. The password is judged in its NFKC form
   * ({@link PasswordPolicy#normalise}), the form that will be stored; only its first 128 chars
   * are analysed, so a pasted megabyte costs no more than a long password (the rest can only
   * add strength, which is then not counted). Pure: nothing is recorded, and neither the
   * password nor the context appears in the result.
   *
   * @param password the proposed password as typed, possibly empty
   * @param context words an attacker who knows the account would try first; {@link
   *     PasswordContext#empty()} if none
   * @return the estimate, never {@code null}
   * @throws NullPointerException if an argument is {@code null}
   */
  Strength strength(CharSequence password, PasswordContext context);

  /**
   * The built-in estimator. Its word lists (about 100,000 ranked words, see {@code NOTICE}) are
   * read and indexed once per class loader, on the first call of this method (a fraction of a
   * second, about 5 MB of heap), and shared by every instance; call it at start-up rather than
   * on the first keystroke. Instances hold no other state.
   *
   * @param clock tells the current year, against which years and dates in a password are judged
   *     (a recent year is guessed first)
   * @return an estimator
   * @throws NullPointerException if {@code clock} is {@code null}
   * @throws IllegalStateException if the word-list resource is missing or unreadable (a
   *     packaging bug, not a runtime condition)
   */
  static StrengthEstimator builtIn(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new GuessEstimator(StrengthData.shared(), clock);
  }
}
