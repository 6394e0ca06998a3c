package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordContext;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.password.StrengthEstimator;
import dev.latchkey.password.PasswordRejection;
import dev.latchkey.recovery.ResetCode;
import dev.latchkey.recovery.ResetResult;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One password policy on every path that sets a password — redemption, change and reset — with
 * its presets, the household's context words (names, birthdays, the district's own words) and
 * the history of recent passwords.
 */
public abstract class PasswordRulesContract extends ContractSupport {
  private static final String LOGIN = "maria.lopez";
  private static final List<String> FRESH = List.of(
      "amber lantern over quiet fields", "silver canoe beneath tall pines",
      "copper kettle whistling at dawn", "velvet thunder rolling past noon",
      "paper boats drifting down stream", "granite owls guarding old barns");

  private AccountId maria() {
    return createAccount(MARIA, MARIA_EMAIL, LOGIN);
  }

  private PasswordChangeResult change(Latchkey facade, AccountId id, String from, String to) {
    return facade.accounts().changePassword(id, from, to, to, REQUEST);
  }

  private String resetLink(Latchkey facade) {
    facade.recovery().forgotPassword(DISTRICT, LOGIN, REQUEST);
    return mail.last(MARIA_EMAIL, NotificationType.PASSWORD_RESET)
        .flatMap(Notification::secret).map(SecretText::reveal).orElseThrow();
  }

  @Test
  @DisplayName("changing to the current password is refused as REUSED")
  void changeToCurrentPasswordIsReused() {
    AccountId id = maria();

    PasswordChangeResult result = change(latchkey, id, PASSWORD, PASSWORD);

    assertThat(result).isEqualTo(new PasswordChangeResult.Rejected(
        PasswordChangeResult.Code.PASSWORD_TOO_WEAK, List.of(PasswordRejection.REUSED)));
  }

  @Test
  @DisplayName("the last five passwords may not come back; the sixth-last may")
  void historyRemembersFivePasswords() {
    AccountId id = maria();
    String current = PASSWORD;
    for (String next : FRESH.subList(0, 5)) {
      assertThat(change(latchkey, id, current, next).code())
          .isEqualTo(PasswordChangeResult.Code.CHANGED);
      current = next;
    }
    // Now remembered: FRESH[4] (current), FRESH[3], FRESH[2], FRESH[1], FRESH[0].
    assertThat(change(latchkey, id, current, FRESH.get(0)).code())
        .isEqualTo(PasswordChangeResult.Code.PASSWORD_TOO_WEAK);
    assertThat(change(latchkey, id, current, PASSWORD).code())
        .as("six passwords ago").isEqualTo(PasswordChangeResult.Code.CHANGED);
  }

  @Test
  @DisplayName("a reset may not reuse a recent password either, and the link survives the refusal")
  void resetToRecentPasswordIsReused() {
    AccountId id = maria();
    change(latchkey, id, PASSWORD, OTHER_PASSWORD);
    String token = resetLink(latchkey);

    ResetResult reused = latchkey.recovery().resetPassword(token, PASSWORD, PASSWORD, REQUEST);

    assertThat(reused).isEqualTo(new ResetResult.Rejected(ResetCode.PASSWORD_TOO_WEAK,
        List.of(PasswordRejection.REUSED)));
    assertThat(latchkey.recovery().checkResetToken(token)).isEqualTo(ResetCode.VALID);
    assertThat(latchkey.recovery().resetPassword(token, FRESH.get(0), FRESH.get(0), REQUEST)
        .code()).isEqualTo(ResetCode.VALID);
  }

  @Test
  @DisplayName("with history off, the same password may be set again")
  void historyOffAllowsReuse() {
    AccountId id = maria();
    Latchkey lenient = facade(b -> b.passwordPolicy(PasswordPolicy.defaults().withHistory(0)));

    assertThat(change(lenient, id, PASSWORD, PASSWORD).code())
        .isEqualTo(PasswordChangeResult.Code.CHANGED);
  }

  @Test
  @DisplayName("a child's birthday in a password is the household's context, on every path")
  void childsBirthdayIsContext() {
    String withBirthday = "sunny meadow 20130402 kites";
    String key = issueKey(MARIA, MARIA_EMAIL);

    RedeemResult redeemed = latchkey.activation().redeem(
        new Redemption(key, LOGIN, withBirthday, withBirthday), REQUEST);
    assertThat(redeemed.code()).isEqualTo(RedeemCode.PASSWORD_TOO_WEAK);
    assertThat(((RedeemResult.Rejected) redeemed).passwordRejections())
        .containsExactly(PasswordRejection.CONTAINS_CONTEXT);

    AccountId id = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    assertThat(change(latchkey, id, PASSWORD, "sunny meadow 04022013 kites"))
        .isEqualTo(new PasswordChangeResult.Rejected(PasswordChangeResult.Code.PASSWORD_TOO_WEAK,
            List.of(PasswordRejection.CONTAINS_CONTEXT)));
    assertThat(latchkey.recovery().resetPassword(resetLink(latchkey),
        "sunny meadow 2013 kites", "sunny meadow 2013 kites", REQUEST))
        .isEqualTo(new ResetResult.Rejected(ResetCode.PASSWORD_TOO_WEAK,
            List.of(PasswordRejection.CONTAINS_CONTEXT)));
  }

  @Test
  @DisplayName("the district's own words, such as its mascot, are context on every path")
  void districtWordsAreContext() {
    UnaryOperator<Latchkey.Builder> mascot =
        b -> b.passwordContextWords(DISTRICT, List.of("Redhawks"));
    Latchkey district = facade(mascot);
    String cheer = "go redhawks go team go";
    String key = issueKey(MARIA, MARIA_EMAIL);

    RedeemResult redeemed = district.activation().redeem(
        new Redemption(key, LOGIN, cheer, cheer), REQUEST);

    assertThat(((RedeemResult.Rejected) redeemed).passwordRejections())
        .containsExactly(PasswordRejection.CONTAINS_CONTEXT);
    assertThat(latchkey.activation().redeem(new Redemption(key, LOGIN, cheer, cheer), REQUEST)
        .code()).as("another district's facade knows no mascot").isEqualTo(RedeemCode.REDEEMED);
  }

  @Test
  @DisplayName("the meter rates a common password low, a passphrase high, and drops on the household's words")
  void meterKnowsCommonPasswordsPassphrasesAndTheHousehold() {
    AccountId id = maria();
    PasswordContext household = latchkey.passwords().contextOf(id);

    int common = latchkey.passwords().strength("password1", PasswordContext.empty()).percent();
    int passphrase = latchkey.passwords().strength(PASSWORD, household).percent();
    String family = "SofiaMateoLucia2013";
    int familyBlind = latchkey.passwords().strength(family, PasswordContext.empty()).percent();
    int familyKnown = latchkey.passwords().strength(family, household).percent();

    assertThat(common).isLessThan(20);
    assertThat(passphrase).isGreaterThanOrEqualTo(80);
    assertThat(familyKnown).isLessThan(familyBlind);
    assertThat(household.words()).contains(LOGIN, "Sofia", "20130402");
  }

  @Test
  @DisplayName("a minimum strength refuses a long but guessable password as TOO_WEAK")
  void minimumStrengthRefusesWeakPasswords() {
    Latchkey strict = facade(b -> b.passwordPolicy(PasswordPolicy.defaults()
        .withMinimumStrength(60, StrengthEstimator.builtIn(clock))));
    String guessable = "aaaaaaaaaaaaaaaa1";
    String key = issueKey(MARIA, MARIA_EMAIL);

    RedeemResult weak = strict.activation().redeem(
        new Redemption(key, LOGIN, guessable, guessable), REQUEST);

    assertThat(((RedeemResult.Rejected) weak).passwordRejections())
        .containsExactly(PasswordRejection.TOO_WEAK);
    assertThat(strict.activation().redeem(new Redemption(key, LOGIN, PASSWORD, PASSWORD),
        REQUEST).code()).isEqualTo(RedeemCode.REDEEMED);
  }

  @Test
  @DisplayName("the second-factor preset accepts eight characters where the default refuses them")
  void secondFactorPresetAcceptsEight() {
    String eight = "tulip-84";
    String key = issueKey(MARIA, MARIA_EMAIL);
    assertThat(latchkey.activation().redeem(new Redemption(key, LOGIN, eight, eight), REQUEST)
        .code()).isEqualTo(RedeemCode.PASSWORD_TOO_WEAK);

    Latchkey twoFactor = facade(b -> b.passwordPolicy(PasswordPolicy.secondFactor2024()));

    assertThat(twoFactor.activation().redeem(new Redemption(key, LOGIN, eight, eight), REQUEST)
        .code()).isEqualTo(RedeemCode.REDEEMED);
  }
}
