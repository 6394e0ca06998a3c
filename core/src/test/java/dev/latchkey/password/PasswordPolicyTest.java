package dev.latchkey.password;

import static dev.latchkey.password.PasswordRejection.BLOCKLISTED;
import static dev.latchkey.password.PasswordRejection.CONTAINS_CONTEXT;
import static dev.latchkey.password.PasswordRejection.TOO_LONG;
import static dev.latchkey.password.PasswordRejection.TOO_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  private final PasswordPolicy policy = PasswordPolicy.defaults();

  private List<PasswordRejection> rejections(CharSequence password) {
    return policy.check(password, PasswordContext.empty()).rejections();
  }

  @Test
  @DisplayName("S1: defaults are the single-factor preset, 15..128 code points")
  void defaultsAreSingleFactor2024() {
    assertThat(PasswordPolicy.defaults().minLength())
        .isEqualTo(PasswordPolicy.singleFactor2024().minLength()).isEqualTo(15);
    assertThat(PasswordPolicy.defaults().maxLength())
        .isEqualTo(PasswordPolicy.singleFactor2024().maxLength()).isEqualTo(128);
  }

  @Test
  void secondFactorPresetAllowsEight() {
    PasswordPolicy second = PasswordPolicy.secondFactor2024();

    assertThat(second.minLength()).isEqualTo(8);
    assertThat(second.maxLength()).isEqualTo(128);
    assertThat(second.check("tangerine", PasswordContext.empty()).accepted()).isTrue();
    assertThat(second.check("tangeri", PasswordContext.empty()).rejections()).containsExactly(TOO_SHORT);
  }

  @Test
  void fourteenCodePointsIsTooShort() {
    assertThat(rejections("marmalade toas")).containsExactly(TOO_SHORT);
  }

  @Test
  void fifteenCodePointsIsAccepted() {
    assertThat(policy.check("marmalade toast", PasswordContext.empty())).isEqualTo(PolicyResult.ok());
  }

  @Test
  void oneHundredTwentyEightCodePointsIsAccepted() {
    assertThat(rejections("x".repeat(127) + "y")).isEmpty();
  }

  @Test
  @DisplayName("S1: over the cap is rejected, never truncated to fit")
  void oneHundredTwentyNineCodePointsIsTooLong() {
    assertThat(rejections("x".repeat(128) + "y")).containsExactly(TOO_LONG);
  }

  @Test
  @DisplayName("S1: fifteen emoji are fifteen code points, not thirty UTF-16 units")
  void fifteenEmojiAreAccepted() {
    String fifteen = "🐈🦊🦉🐢🐙🦀🐝🦋🌵🌻🍄🌈🐳🔥🍉";

    assertThat(fifteen).hasSize(30);
    assertThat(rejections(fifteen)).isEmpty();
  }

  @Test
  void fourteenEmojiAreTooShortThoughTwentyEightChars() {
    assertThat(rejections("🐈🦊🦉🐢🐙🦀🐝🦋🌵🌻🍄🌈🐳🔥")).containsExactly(TOO_SHORT);
  }

  @Test
  void oneHundredTwentyNineEmojiAreTooLong() {
    assertThat(rejections("🐙".repeat(129))).containsExactly(TOO_LONG);
  }

  @Test
  @DisplayName("S1: length is counted after NFKC — e + combining acute is one code point")
  void lengthIsCountedAfterNfkc() {
    String fifteenCharsFourteenCodePoints = "cre\u0301me brulee x";

    assertThat(fifteenCharsFourteenCodePoints).hasSize(15);
    assertThat(rejections(fifteenCharsFourteenCodePoints)).containsExactly(TOO_SHORT);
    assertThat(rejections("cre\u0301me brulee xy")).isEmpty();
  }

  @Test
  @DisplayName("S1: a 1 MB password is TOO_LONG")
  void oneMegabytePasswordIsTooLong() {
    assertThat(rejections("a".repeat(1 << 20))).containsExactly(TOO_LONG);
  }

  @Test
  @DisplayName("S1: an oversized password is rejected from its length alone, its content never read")
  void oversizedPasswordIsRejectedWithoutReadingIt() {
    CharSequence lengthOnly = new CharSequence() {
      @Override
      public int length() {
        return 1 << 20;
      }

      @Override
      public char charAt(int index) {
        throw new AssertionError("content read");
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        throw new AssertionError("content read");
      }

      @Override
      public String toString() {
        throw new AssertionError("content read");
      }
    };

    assertThat(rejections(lengthOnly)).containsExactly(TOO_LONG);
  }

  @Test
  void oneCharOverFourTimesCapIsTooLong() {
    assertThat(rejections("e\u0301".repeat(256) + "e")).containsExactly(TOO_LONG);
  }

  @Test
  @DisplayName("S1: the 4x fast path never rejects a password NFKC brings within the cap")
  void fourCharsComposingToOneCodePointAtTheCapAreAccepted() {
    // Alpha + psili + perispomeni + ypogegrammeni compose to U+1F8F: four chars, one code point.
    String composing = "\u0391\u0313\u0342\u0345".repeat(128);

    assertThat(composing).hasSize(4 * 128);
    assertThat(rejections(composing)).isEmpty();
  }

  @Test
  @DisplayName("NFKC is not monotone: a trailing combining mark can merge two code points into one")
  void appendedCombiningMarkCanComposeAwayOneCodePoint() {
    // L + macron has no precomposed form (2 code points); adding dot below reorders before the
    // macron and the three compose to U+1E38, one code point. Counting after NFKC (S1, S4) means
    // the longer input is the shorter password.
    String fifteen = "x".repeat(13) + "L\u0304";

    assertThat(rejections(fifteen)).isEmpty();
    assertThat(rejections(fifteen + "\u0323")).containsExactly(TOO_SHORT);
  }

  @Test
  @DisplayName("S2: spaces, punctuation, emoji and any script are allowed; no composition rules")
  void anyPrintableUnicodeIsAccepted() {
    assertThat(rejections("all lowercase words here")).isEmpty();
    assertThat(rejections("пароль для школы")).isEmpty();
    assertThat(rejections("学校のパスワードはとても長いです")).isEmpty();
    assertThat(rejections("   spaces    only   matter  ")).isEmpty();
    assertThat(rejections("🐈 meets 🦊 at noon")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "passwordpassword", "PasswordPassword", "PASSWORDPASSWORD", "  passwordpassword  ",
      "ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄ", "123456789012345", "qwertyuiopasdfgh", "correct horse battery staple"})
  @DisplayName("S3: a common password is BLOCKLISTED whatever its case, width or surrounding space")
  void commonPasswordIsBlocklisted(String password) {
    assertThat(rejections(password)).containsExactly(BLOCKLISTED);
  }

  @Test
  void blocklistComparesWholePasswordNotSubstring() {
    assertThat(rejections("my passwordpassword is long")).isEmpty();
  }

  @Test
  void shortCommonPasswordIsBothTooShortAndBlocklisted() {
    assertThat(rejections("iloveyou")).containsExactly(TOO_SHORT, BLOCKLISTED);
  }

  @Test
  void withBlocklistAddsToBuiltInList() {
    PasswordPolicy district = policy.withBlocklist(Blocklist.of(List.of("Springfield Elementary")));

    assertThat(district.check("springfield elementary", PasswordContext.empty()).rejections())
        .containsExactly(BLOCKLISTED);
    assertThat(district.check("passwordpassword", PasswordContext.empty()).rejections())
        .containsExactly(BLOCKLISTED);
    assertThat(rejections("springfield elementary")).isEmpty();
  }

  @Test
  void withBlocklistCalledTwiceKeepsBothLists() {
    PasswordPolicy both = policy
        .withBlocklist(Blocklist.of(List.of("first district list")))
        .withBlocklist(Blocklist.of(List.of("second district list")));

    assertThat(both.check("first district list", PasswordContext.empty()).rejections())
        .containsExactly(BLOCKLISTED);
    assertThat(both.check("second district list", PasswordContext.empty()).rejections())
        .containsExactly(BLOCKLISTED);
  }

  @Test
  @DisplayName("S3: a password containing the login name is CONTAINS_CONTEXT")
  void passwordContainingLoginNameIsRejected() {
    PolicyResult result = policy.check("my name is JSmith2012 ok", PasswordContext.of("jsmith2012"));

    assertThat(result.rejections()).containsExactly(CONTAINS_CONTEXT);
  }

  @Test
  void contextWordIsMatchedIgnoringCaseWidthAndInnerSpaces() {
    PasswordContext context = PasswordContext.of("Mary Ann", "Lincoln High");

    assertThat(policy.check("ilovemaryann forever", context).rejections()).containsExactly(CONTAINS_CONTEXT);
    assertThat(policy.check("go ＬＩＮＣＯＬＮ high team!", context).rejections())
        .containsExactly(CONTAINS_CONTEXT);
    assertThat(policy.check("MARY ANN is my daughter", context).rejections())
        .containsExactly(CONTAINS_CONTEXT);
  }

  @Test
  void contextWordsShorterThanFourCodePointsAreIgnored() {
    PolicyResult result = policy.check("bob and amy went out", PasswordContext.of("bob", "Amy", "Al"));

    assertThat(result.accepted()).isTrue();
  }

  @Test
  void fourCodePointContextWordIsEnforced() {
    assertThat(policy.check("evangeline is my cat", PasswordContext.of("Evan")).rejections())
        .containsExactly(CONTAINS_CONTEXT);
  }

  @Test
  void contextWordLengthIsCountedInCodePointsAfterNfkc() {
    // Four chars, but three code points once the diaeresis composes.
    assertThat(policy.check("my daughter zo\u00eb is ten", PasswordContext.of("Zoe\u0308")).accepted())
        .isTrue();
  }

  @Test
  void contextWordIsNormalisedBeforeMatching() {
    assertThat(policy.check("my daughter chlo\u00eb is ten", PasswordContext.of("Chloe\u0308")).rejections())
        .containsExactly(CONTAINS_CONTEXT);
  }

  @Test
  void nullAndBlankContextWordsAreIgnored() {
    PolicyResult result = policy.check("a perfectly fine passphrase", PasswordContext.of(null, "", "   "));

    assertThat(result.accepted()).isTrue();
  }

  @Test
  void everyRejectionIsReportedInEnumOrder() {
    PolicyResult result = policy.check("iloveyou", PasswordContext.of("love"));

    assertThat(result.rejections()).containsExactly(TOO_SHORT, BLOCKLISTED, CONTAINS_CONTEXT);
    assertThat(result.accepted()).isFalse();
  }

  @Test
  @DisplayName("S32: a null password is reported by parameter name only")
  void checkNullPasswordThrowsNamingParameter() {
    assertThatNullPointerException()
        .isThrownBy(() -> policy.check(null, PasswordContext.empty()))
        .withMessage("password");
  }

  @Test
  void checkNullContextThrowsNamingParameter() {
    assertThatNullPointerException()
        .isThrownBy(() -> policy.check("a perfectly fine passphrase", null))
        .withMessage("context");
  }

  @Test
  void withBlocklistNullThrows() {
    assertThatNullPointerException().isThrownBy(() -> policy.withBlocklist(null)).withMessage("extra");
  }

  @Test
  void normaliseIsNfkcAndKeepsCase() {
    assertThat(PasswordPolicy.normalise("Ｃａｆe\u0301 ﬁx")).isEqualTo("Caf\u00e9 fix");
  }

  @Test
  void toStringShowsBoundsOnly() {
    assertThat(policy).hasToString("PasswordPolicy[minLength=15, maxLength=128]");
  }
}
