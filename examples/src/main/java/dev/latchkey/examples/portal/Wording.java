package dev.latchkey.examples.portal;

import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.model.District;
import dev.latchkey.model.LoginName;
import dev.latchkey.password.PasswordRejection;
import dev.latchkey.recovery.ResetCode;
import dev.latchkey.roster.Visibility;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The portal's English for the library's stable codes. Only words live here: every decision
 * behind a code was the library's. A portal in another language translates this class.
 */
final class Wording {
  private static final String CONFIRMATION_DIFFERS =
      "The password and its confirmation are different.";
  private static final String TOO_WEAK = "Choose a stronger password.";
  private static final String TOO_MANY_ATTEMPTS =
      "Too many attempts from your network. Wait a few minutes and try again.";

  private final String helpdesk;

  Wording(District district) {
    this.helpdesk = "the Parent Support Helpdesk at " + district.helpdeskEmail().value()
        + " or " + district.helpdeskPhone();
  }

  /** The codes that are about the key itself: the page asks for the key again. */
  static boolean aboutTheKey(RedeemCode code) {
    switch (code) {
      case INVALID_KEY:
      case KEY_ALREADY_USED:
      case KEY_REVOKED:
      case KEY_EXPIRED:
        return true;
      default:
        return false;
    }
  }

  String redeem(RedeemCode code) {
    switch (code) {
      case REDEEMED:
        return "Your login was created.";
      case INVALID_KEY:
        return "That is not a valid portal activation key. Check it against your key email; "
            + "letters and digits only, dashes and spaces do not matter.";
      case KEY_ALREADY_USED:
        return "That portal activation key has already been used. Most likely someone else in "
            + "your family used YOUR key to create their account. Contact " + helpdesk + ".";
      case KEY_REVOKED:
        return "That portal activation key was replaced by a newer one. Use the key in your "
            + "most recent key email.";
      case KEY_EXPIRED:
        return "That portal activation key has expired. Use \"Lost your activation key?\" to "
            + "get a new one, or contact " + helpdesk + ".";
      case INVALID_USERNAME:
        return "That login name cannot be used. Choose " + LoginName.MIN_LENGTH + " to "
            + LoginName.MAX_LENGTH + " letters, digits or . _ - @, starting with a letter or "
            + "digit.";
      case USERNAME_TAKEN:
        return "That login name has already been used. Choose a different login name. If you "
            + "already created an account and forgot, use \"Forgot Username?\" or \"Forgot "
            + "Password?\" — do not try to sign in with it, you may lock yourself or its owner "
            + "out.";
      case PASSWORD_MISMATCH:
        return CONFIRMATION_DIFFERS;
      case PASSWORD_TOO_WEAK:
        return TOO_WEAK;
      case THROTTLED:
        return TOO_MANY_ATTEMPTS;
      default:
        return code.name();
    }
  }

  String change(PasswordChangeResult.Code code) {
    switch (code) {
      case CHANGED:
        return "Your password was updated.";
      case INVALID_CREDENTIALS:
        return "Your current password is not correct.";
      case PASSWORD_MISMATCH:
        return "The new password and its confirmation are different.";
      case PASSWORD_TOO_WEAK:
        return TOO_WEAK;
      case CONFLICT:
        return "Your account changed meanwhile. Please try again.";
      default:
        return code.name();
    }
  }

  String reset(ResetCode code) {
    switch (code) {
      case VALID:
        return "Your password was changed. Sign in with your new password.";
      case INVALID_TOKEN:
        return "That reset link is not valid. Ask for a new one with \"Forgot Password?\".";
      case TOKEN_EXPIRED:
        return "That reset link has expired. Ask for a new one with \"Forgot Password?\".";
      case TOKEN_USED:
        return "That reset link was already used, or a newer one was sent. Use the newest "
            + "link, or ask for a new one.";
      case PASSWORD_MISMATCH:
        return CONFIRMATION_DIFFERS;
      case PASSWORD_TOO_WEAK:
        return TOO_WEAK;
      case THROTTLED:
        return TOO_MANY_ATTEMPTS;
      default:
        return code.name();
    }
  }

  /** Why the helpdesk sees a student the guardian does not. */
  static String visibility(Visibility visibility) {
    switch (visibility) {
      case VISIBLE:
        return "yes";
      case NO_PORTAL_ACCESS:
        return "no: the SIS grants no portal access on this link";
      case RELATIONSHIP_NOT_ALLOWED:
        return "no: this relationship gets no portal access in the district";
      case NOT_ENROLLED:
        return "no: not enrolled";
      case RESTRICTED:
        return "no: a court or protection order is in force";
      case ADULT_AWAITING_CONSENT:
        return "no: the student is of age and has not consented";
      case ADULT_ACCESS_ENDED:
        return "no: the student is of age";
      case GUARDIAN_DISABLED:
        return "no: the SIS disabled this guardian";
      default:
        return visibility.name();
    }
  }

  static List<String> rejections(List<PasswordRejection> reasons) {
    return reasons.stream().map(Wording::rejection).collect(Collectors.toList());
  }

  private static String rejection(PasswordRejection reason) {
    switch (reason) {
      case TOO_SHORT:
        return "It is too short.";
      case TOO_LONG:
        return "It is too long.";
      case BLOCKLISTED:
        return "It is one of the passwords attackers try first.";
      case CONTAINS_CONTEXT:
        return "It contains a name, your login name, a school or the district.";
      case TOO_WEAK:
        return "It is too easy to guess.";
      case REUSED:
        return "It is one of your recent passwords.";
      default:
        return reason.name();
    }
  }

  String signInFailed() {
    return "The login name or password is incorrect. Forgot them? Use \"Forgot Username?\" or "
        + "\"Forgot Password?\". If your account is disabled, contact " + helpdesk + ".";
  }

  String throttled() {
    return TOO_MANY_ATTEMPTS;
  }

  String recoveryAccepted(String what) {
    return "If " + what + " is on file, we have sent an email to the address on file. "
        + "If nothing arrives, contact " + helpdesk + ".";
  }
}
