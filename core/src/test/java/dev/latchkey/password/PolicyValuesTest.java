package dev.latchkey.password;

import static dev.latchkey.password.PasswordRejection.BLOCKLISTED;
import static dev.latchkey.password.PasswordRejection.CONTAINS_CONTEXT;
import static dev.latchkey.password.PasswordRejection.TOO_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value types: {@link PolicyResult} and {@link PasswordContext}. */
class PolicyValuesTest {

  @Test
  void okIsAcceptedWithNoRejections() {
    assertThat(PolicyResult.ok().accepted()).isTrue();
    assertThat(PolicyResult.ok().rejections()).isEmpty();
  }

  @Test
  void resultOrdersAndDeduplicatesRejections() {
    PolicyResult result =
        new PolicyResult(List.of(CONTAINS_CONTEXT, TOO_SHORT, CONTAINS_CONTEXT, BLOCKLISTED));

    assertThat(result.rejections()).containsExactly(TOO_SHORT, BLOCKLISTED, CONTAINS_CONTEXT);
    assertThat(result).isEqualTo(new PolicyResult(List.of(TOO_SHORT, BLOCKLISTED, CONTAINS_CONTEXT)));
    assertThat(result.accepted()).isFalse();
  }

  @Test
  void resultRejectionsAreImmutable() {
    PolicyResult result = new PolicyResult(new ArrayList<>(List.of(TOO_SHORT)));

    assertThatThrownBy(() -> result.rejections().add(BLOCKLISTED))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void resultRejectsNullListAndNullElements() {
    assertThatNullPointerException().isThrownBy(() -> new PolicyResult(null));
    assertThatNullPointerException().isThrownBy(() -> new PolicyResult(Arrays.asList(TOO_SHORT, null)));
  }

  @Test
  void contextDropsNullAndBlankWordsAndCopies() {
    List<String> words = new ArrayList<>(Arrays.asList("jsmith", null, " ", "", "Lincoln High"));

    PasswordContext context = new PasswordContext(words);
    words.add("later");

    assertThat(context.words()).containsExactly("jsmith", "Lincoln High");
  }

  @Test
  void contextOfNullArrayOrNullListIsEmpty() {
    assertThat(PasswordContext.of((String[]) null)).isEqualTo(PasswordContext.empty());
    assertThat(new PasswordContext(null).words()).isEmpty();
  }

  @Test
  void contextWordsAreImmutable() {
    assertThatThrownBy(() -> PasswordContext.of("jsmith").words().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
