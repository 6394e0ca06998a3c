package dev.latchkey.password;

import java.util.List;
import java.util.Objects;

/**
 * What {@link StrengthEstimator#strength} found: a percentage for the meter, zxcvbn's 0–4 score,
 * the estimated guesses and feedback. Holds nothing of the password, so it may be logged.
 * Immutable and thread-safe.
 *
 * <p>Score, percentage and guesses agree: the score is {@code percent / 20} (100 % is score 4),
 * and each score band is a range of guesses.
 *
 * <table>
 *   <caption>Bands</caption>
 *   <tr><th>score</th><th>percent</th><th>guesses</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>0–19</td><td>below 10<sup>3</sup></td><td>too guessable</td></tr>
 *   <tr><td>1</td><td>20–39</td><td>below 10<sup>6</sup></td><td>very guessable: stops only a
 *       throttled online attack</td></tr>
 *   <tr><td>2</td><td>40–59</td><td>below 10<sup>8</sup></td><td>somewhat guessable: stops an
 *       unthrottled online attack</td></tr>
 *   <tr><td>3</td><td>60–79</td><td>below 10<sup>10</sup></td><td>safely unguessable: some
 *       protection if the password hashes leak</td></tr>
 *   <tr><td>4</td><td>80–100</td><td>10<sup>10</sup> or more (100 % from
 *       10<sup>15</sup>)</td><td>very unguessable: strong protection if the hashes leak</td></tr>
 * </table>
 *
 * <p>Within a band the percentage grows with the logarithm of the guesses.
 *
 * @param percent 0 to 100, for the meter
 * @param score 0 to 4, the band; zxcvbn's score for the same guesses
 * @param log10Guesses base-10 logarithm of the estimated guesses, at least 0
 * @param warning the main problem found, {@link StrengthWarning#NONE} if none
 * @param suggestions what to do about it, most useful first; empty when the password is strong
 */
public record Strength(
    int percent,
    int score,
    double log10Guesses,
    StrengthWarning warning,
    List<StrengthSuggestion> suggestions) {

  /**
   * Checks the ranges and copies the suggestions.
   *
   * @param percent 0 to 100
   * @param score {@code min(4, percent / 20)}
   * @param log10Guesses at least 0
   * @param warning the main problem, {@link StrengthWarning#NONE} if none
   * @param suggestions the advice, copied
   * @throws IllegalArgumentException if {@code percent} is outside 0..100, {@code score} is not
   *     {@code percent}'s band, or {@code log10Guesses} is negative or NaN
   * @throws NullPointerException if {@code warning}, {@code suggestions} or a suggestion is
   *     {@code null}
   */
  public Strength {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be 0..100: " + percent);
    }
    if (score != Math.min(4, percent / 20)) {
      throw new IllegalArgumentException("score " + score + " is not the band of " + percent + "%");
    }
    if (!(log10Guesses >= 0)) {
      throw new IllegalArgumentException("log10Guesses must be >= 0: " + log10Guesses);
    }
    Objects.requireNonNull(warning, "warning");
    suggestions = List.copyOf(Objects.requireNonNull(suggestions, "suggestions"));
  }
}
