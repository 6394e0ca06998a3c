package dev.latchkey.password;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a new password must satisfy, following NIST SP 800-63B-4: a length range counted in
 * Unicode code points, a blocklist of common passwords and a list of context words — and
 * nothing else (S1–S3). There are no composition rules: any Unicode, including spaces and emoji,
 * is allowed, and an over-long password is rejected rather than truncated.
 *
 * <p>The length is that of the NFKC form ({@link #normalise}), the same form the hasher stores,
 * so fifteen emoji are fifteen. A password longer than four times {@link #maxLength()} UTF-16
 * chars is {@link PasswordRejection#TOO_LONG} at once, without being read, so a megabyte of input
 * costs nothing; otherwise every applicable rejection is reported, in enum order.
 *
 * <p>Presets are named and versioned so a default never changes silently. Instances are immutable
 * and thread-safe.
 */
public final class PasswordPolicy {

  private static final int MAX_LENGTH = 128;
  /** Context words shorter than this ("al", "ann") would reject too many good passwords. */
  private static final int MIN_CONTEXT_WORD = 4;
  /** NFKC can merge up to four chars into one code point; beyond that ratio input is surely too long. */
  private static final int CHARS_PER_CODE_POINT_BOUND = 4;

  /** Previous passwords a new one may not repeat, in the 2024 presets. */
  private static final int HISTORY_2024 = 5;
  private static final int MAX_HISTORY = 24;

  private final int minLength;
  private final int maxLength;
  private final Blocklist blocklist;
  private final int history;
  private final int minimumStrength;
  private final @Nullable StrengthEstimator estimator;

  private PasswordPolicy(int minLength, int maxLength, Blocklist blocklist, int history,
      int minimumStrength, @Nullable StrengthEstimator estimator) {
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.blocklist = blocklist;
    this.history = history;
    this.minimumStrength = minimumStrength;
    this.estimator = estimator;
  }

  /**
   * The default policy, currently {@link #singleFactor2024()}.
   *
   * @return 15 to 128 code points with the built-in blocklist
   */
  public static PasswordPolicy defaults() {
    return singleFactor2024();
  }

  /**
   * NIST SP 800-63B-4 for a password that is the only authentication factor: 15 to 128 code
   * points, built-in blocklist; a change or reset may not reuse the last 5 passwords.
   *
   * @return a new policy
   */
  public static PasswordPolicy singleFactor2024() {
    return new PasswordPolicy(15, MAX_LENGTH, Blocklist.builtIn(), HISTORY_2024, 0, null);
  }

  /**
   * NIST SP 800-63B-4 for a password used together with a second factor: 8 to 128 code points,
   * built-in blocklist, the last 5 passwords not reused. Only for hosts that really enforce the
   * second factor.
   *
   * @return a new policy
   */
  public static PasswordPolicy secondFactor2024() {
    return new PasswordPolicy(8, MAX_LENGTH, Blocklist.builtIn(), HISTORY_2024, 0, null);
  }

  /**
   * A copy of this policy under which a changed or reset password may not equal any of the
   * last {@code passwords} passwords of the account, the current one included
   * ({@link PasswordRejection#REUSED}); 0 turns the rule off.
   *
   * @param passwords how many passwords to remember, 0 to 24
   * @return a new policy
   * @throws IllegalArgumentException if {@code passwords} is out of range
   */
  public PasswordPolicy withHistory(int passwords) {
    if (passwords < 0 || passwords > MAX_HISTORY) {
      throw new IllegalArgumentException("history must be 0-24 passwords");
    }
    return new PasswordPolicy(minLength, maxLength, blocklist, passwords, minimumStrength,
        estimator);
  }

  /**
   * A copy of this policy that also rejects a password whose estimated strength is below
   * {@code minimumPercent} ({@link PasswordRejection#TOO_WEAK}), judged with the household's
   * context as the meter judges it.
   *
   * @param minimumPercent 0 to 100; 0 turns the rule off
   * @param estimator the estimator, e.g. {@link StrengthEstimator#builtIn}
   * @return a new policy
   * @throws IllegalArgumentException if {@code minimumPercent} is out of range
   */
  public PasswordPolicy withMinimumStrength(int minimumPercent, StrengthEstimator estimator) {
    Objects.requireNonNull(estimator, "estimator");
    if (minimumPercent < 0 || minimumPercent > 100) {
      throw new IllegalArgumentException("minimum strength must be 0-100 percent");
    }
    return new PasswordPolicy(minLength, maxLength, blocklist, history, minimumPercent,
        estimator);
  }

  /**
   * The lowest estimated strength accepted, in percent; 0 when strength is not required.
   *
   * @return 0 to 100
   */
  public int minimumStrength() {
    return minimumStrength;
  }

  /**
   * How many passwords, the current one included, a change or reset may not repeat.
   *
   * @return 0 when reuse is allowed
   */
  public int history() {
    return history;
  }

  /**
   * A copy of this policy that also rejects the passwords on {@code extra}; the built-in list
   * and any list added before stay in force.
   *
   * @param extra more passwords to refuse, e.g. from {@link Blocklist#of}
   * @return a new policy
   * @throws NullPointerException if {@code extra} is {@code null}
   */
  public PasswordPolicy withBlocklist(Blocklist extra) {
    Objects.requireNonNull(extra, "extra");
    return new PasswordPolicy(minLength, maxLength, Blocklists.union(blocklist, extra), history,
        minimumStrength, estimator);
  }

  /**
   * The fewest code points (after NFKC) a password may have.
   *
   * @return the inclusive lower bound
   */
  public int minLength() {
    return minLength;
  }

  /**
   * The most code points (after NFKC) a password may have.
   *
   * @return the inclusive upper bound
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Checks a proposed password. Pure: nothing is recorded, nothing is hashed, and neither the
   * password nor the context appears in the result.
   *
   * <ul>
   *   <li>{@link PasswordRejection#TOO_SHORT}/{@link PasswordRejection#TOO_LONG}: code points of
   *       the NFKC form outside {@link #minLength()}..{@link #maxLength()}; more than four times
   *       {@code maxLength} chars is {@code TOO_LONG} alone, decided from the length only.
   *   <li>{@link PasswordRejection#BLOCKLISTED}: the NFKC form, lower-cased with {@link
   *       Locale#ROOT}, equals a blocklist entry, as is or with surrounding whitespace stripped.
   *   <li>{@link PasswordRejection#CONTAINS_CONTEXT}: that lower-cased form, as is or with all
   *       whitespace removed, contains a context word of at least four code points (the word
   *       NFKC-normalised, lower-cased and with all whitespace removed).
   * </ul>
   *
   * @param password the proposed password, as the user typed it
   * @param context words the password must not contain; {@link PasswordContext#empty()} if none
   * @return every reason for rejection, in {@link PasswordRejection} order; empty if accepted
   * @throws NullPointerException if an argument is {@code null}
   */
  public PolicyResult check(CharSequence password, PasswordContext context) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(context, "context");
    if ((long) password.length() > (long) CHARS_PER_CODE_POINT_BOUND * maxLength) {
      return new PolicyResult(List.of(PasswordRejection.TOO_LONG));
    }
    EnumSet<PasswordRejection> rejections = EnumSet.noneOf(PasswordRejection.class);
    String normalised = normalise(password);
    int length = normalised.codePointCount(0, normalised.length());
    if (length < minLength) {
      rejections.add(PasswordRejection.TOO_SHORT);
    } else if (length > maxLength) {
      rejections.add(PasswordRejection.TOO_LONG);
    }
    String lower = normalised.toLowerCase(Locale.ROOT);
    if (blocklist.contains(lower) || blocklist.contains(lower.strip())) {
      rejections.add(PasswordRejection.BLOCKLISTED);
    }
    if (containsContext(lower, context)) {
      rejections.add(PasswordRejection.CONTAINS_CONTEXT);
    }
    if (estimator != null && minimumStrength > 0
        && estimator.strength(password, context).percent() < minimumStrength) {
      rejections.add(PasswordRejection.TOO_WEAK);
    }
    return rejections.isEmpty() ? PolicyResult.ok() : new PolicyResult(List.copyOf(rejections));
  }

  /**
   * The one normalisation of passwords, Unicode NFKC (S4): compatibility characters such as
   * full-width letters and ligatures fold to their plain forms and precomposed and decomposed
   * accents become one form. Case is kept. {@link PasswordHasher} implementations apply it too.
   *
   * @param password any text
   * @return its NFKC form
   * @throws NullPointerException if {@code password} is {@code null}
   */
  public static String normalise(CharSequence password) {
    Objects.requireNonNull(password, "password");
    return Normalizer.normalize(password, Normalizer.Form.NFKC);
  }

  /** Shows the bounds only; blocklists can be large and context is per call. */
  @Override
  public String toString() {
    return "PasswordPolicy[minLength=" + minLength + ", maxLength=" + maxLength + "]";
  }

  private static boolean containsContext(String lowerPassword, PasswordContext context) {
    String compactPassword = withoutWhitespace(lowerPassword);
    for (String word : context.words()) {
      String key = withoutWhitespace(normalise(word).toLowerCase(Locale.ROOT));
      if (key.codePointCount(0, key.length()) >= MIN_CONTEXT_WORD
          && (lowerPassword.contains(key) || compactPassword.contains(key))) {
        return true;
      }
    }
    return false;
  }

  private static String withoutWhitespace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
