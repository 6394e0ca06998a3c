package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Rules of {@link PasswordPolicy} over many inputs (S1, S34). */
class PasswordPolicyPropertiesTest {

  private static final PasswordPolicy POLICY = PasswordPolicy.defaults();

  /** Arbitrary code points, all planes, including unassigned ones and lone surrogates. */
  private static Gen<String> anyText(int minLength, int maxLength) {
    return strings().allPossible().ofLengthBetween(minLength, maxLength);
  }

  @Test
  @DisplayName("S1: any accepted password has 15..128 code points after NFKC")
  void acceptedPasswordLengthIsWithinBounds() {
    qt().forAll(anyText(0, 200)).checkAssert(password -> {
      if (POLICY.check(password, PasswordContext.empty()).accepted()) {
        String normalised = PasswordPolicy.normalise(password);
        assertThat(normalised.codePointCount(0, normalised.length())).isBetween(15, 128);
      }
    });
  }

  @Test
  @DisplayName("S1: TOO_SHORT and TOO_LONG agree exactly with the NFKC code-point count")
  void lengthRejectionsMatchCodePointCount() {
    qt().forAll(anyText(0, 300)).checkAssert(password -> {
      List<PasswordRejection> rejections =
          POLICY.check(password, PasswordContext.empty()).rejections();
      String normalised = PasswordPolicy.normalise(password);
      int length = normalised.codePointCount(0, normalised.length());
      assertThat(rejections.contains(PasswordRejection.TOO_SHORT)).isEqualTo(length < 15);
      assertThat(rejections.contains(PasswordRejection.TOO_LONG)).isEqualTo(length > 128);
    });
  }

  @Test
  @DisplayName("S1: appending to an accepted password never makes it TOO_SHORT")
  void appendingNeverMakesAcceptedPasswordTooShort() {
    Gen<String> accepted = anyText(15, 100)
        .assuming(p -> POLICY.check(p, PasswordContext.empty()).accepted());
    Gen<String> suffix = integers().between(1, Character.MAX_CODE_POINT)
        .zip(anyText(0, 40), (first, rest) -> new StringBuilder()
            .appendCodePoint(startsWithStarter(first)).append(rest).toString());

    qt().forAll(accepted, suffix).checkAssert((password, more) ->
        assertThat(POLICY.check(password + more, PasswordContext.empty()).rejections())
            .doesNotContain(PasswordRejection.TOO_SHORT));
  }

  @Test
  @DisplayName("S34: check never throws and reports only a duplicate-free, ordered subset of reasons")
  void checkOfArbitraryInputReturnsOrderedDistinctRejections() {
    Gen<List<String>> words = lists().of(anyText(0, 12)).ofSizeBetween(0, 5);

    qt().forAll(anyText(0, 600), words).checkAssert((password, context) -> {
      List<PasswordRejection> rejections =
          POLICY.check(password, new PasswordContext(context)).rejections();
      assertThat(rejections).doesNotHaveDuplicates().isSorted();
    });
  }

  @Test
  void normaliseIsIdempotent() {
    qt().forAll(anyText(0, 100)).checkAssert(text ->
        assertThat(PasswordPolicy.normalise(PasswordPolicy.normalise(text)))
            .isEqualTo(PasswordPolicy.normalise(text)));
  }

  /**
   * Makes the suffix start with a character whose decomposition starts with a base character.
   * A leading combining mark can reorder into the password's last combining sequence and compose
   * it into one fewer code point (pinned by {@code
   * PasswordPolicyTest#appendedCombiningMarkCanComposeAwayOneCodePoint}), so monotonicity holds
   * for suffixes that begin a new character, not for arbitrary ones.
   */
  private static int startsWithStarter(int codePoint) {
    if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
      return 'a';
    }
    String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD);
    int first = decomposed.isEmpty() ? codePoint : decomposed.codePointAt(0);
    int type = Character.getType(first);
    boolean mark = type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
    return mark ? 'a' : codePoint;
  }
}
