package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.account.PasswordChangeResult.Code;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordRejection;
import dev.latchkey.signin.SignInResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Accounts once they exist: changing a password (current + new + confirmation), where a wrong
 * current password is a failed sign-in and every rejection changes nothing; and unlocking.
 */
public abstract class AccountsContract extends ContractSupport {
  private static final String LOGIN = "maria.lopez";
  private static final String WRONG = "definitely not the password";

  private AccountId maria;

  @BeforeEach
  void createMariasAccount() {
    maria = createAccount(MARIA, MARIA_EMAIL, LOGIN);
    mail.clear();
  }

  private PasswordChangeResult change(String current, String next, String confirmation) {
    return latchkey.accounts().changePassword(maria, current, next, confirmation, REQUEST);
  }

  private PortalAccount stored() {
    return store.account(maria).orElseThrow();
  }

  private SignInResult signIn(String password) {
    return latchkey.signIn().signIn(credentials(LOGIN, password), REQUEST);
  }

  private List<Notification> changedMail() {
    return mail.sentTo(MARIA_EMAIL, NotificationType.PASSWORD_CHANGED);
  }

  /** The password, its version and the outbox are as they were; the old password still works. */
  private void assertNothingChanged(PasswordHash hashBefore, long versionBefore) {
    assertThat(stored().passwordHash()).isEqualTo(hashBefore);
    assertThat(stored().credentialVersion()).isEqualTo(versionBefore);
    assertThat(changedMail()).isEmpty();
    assertThat(store.pendingCount()).isZero();
    assertThat(audit.events(AuditEventType.PASSWORD_CHANGED)).isEmpty();
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(signIn(OTHER_PASSWORD)).isEqualTo(new SignInResult.Failed());
  }

  // --- success -------------------------------------------------------------------------------

  @Test
  @DisplayName("a password change bumps the credential version by one")
  void changeBumpsCredentialVersion() {
    long before = stored().credentialVersion();

    PasswordChangeResult result = change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(result).isEqualTo(new PasswordChangeResult.Changed(before + 1));
    assertThat(stored().credentialVersion()).isEqualTo(before + 1);
    assertThat(latchkey.accounts().find(maria)).hasValueSatisfying(
        view -> assertThat(view.credentialVersion()).isEqualTo(before + 1));
  }

  @Test
  @DisplayName("after a change the old password no longer signs in")
  void oldPasswordStopsWorking() {
    change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(signIn(PASSWORD)).isEqualTo(new SignInResult.Failed());
  }

  @Test
  @DisplayName("after a change the new password signs in")
  void newPasswordWorks() {
    change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("a change stores a new hash of the new password at current parameters")
  void changeStoresNewHash() {
    PasswordHash before = stored().passwordHash();

    change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD);

    PasswordHash after = stored().passwordHash();
    assertThat(after).isNotEqualTo(before);
    assertThat(hasher.verify(OTHER_PASSWORD, after)).isTrue();
    assertThat(hasher.needsRehash(after)).isFalse();
  }

  @Test
  @DisplayName("a change mails one PASSWORD_CHANGED notice to the address of record")
  void changeMailsNotice() {
    change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(changedMail()).singleElement().satisfies(notice -> {
      assertThat(notice.field(Notification.LOGIN_NAME)).contains(LOGIN);
      assertThat(notice.secret()).isEmpty();
    });
    assertThat(mail.sent()).hasSize(1);
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("a change is audited as PASSWORD_CHANGED")
  void changeIsAudited() {
    change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(audit.events(AuditEventType.PASSWORD_CHANGED)).singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo("account:" + maria));
  }

  @Test
  @DisplayName("a change through a second facade is seen by the first (S38)")
  void changeIsSeenByAnotherFacade() {
    facade(b -> b).accounts().changePassword(maria, PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD,
        REQUEST);

    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  // --- wrong current password ----------------------------------------------------------------

  @Test
  @DisplayName("a wrong current password answers INVALID_CREDENTIALS and changes nothing")
  void wrongCurrentIsRejected() {
    PasswordHash hash = stored().passwordHash();
    long version = stored().credentialVersion();

    PasswordChangeResult result = change(WRONG, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(result).isEqualTo(PasswordChangeResult.Rejected.of(Code.INVALID_CREDENTIALS));
    assertNothingChanged(hash, version);
  }

  @Test
  @DisplayName("a wrong current password counts as a failed sign-in")
  void wrongCurrentCountsAsFailure() {
    int before = stored().failedAttempts();

    change(WRONG, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(stored().failedAttempts()).isEqualTo(before + 1);
  }

  @Test
  @DisplayName("five wrong current passwords lock the account")
  void fiveWrongCurrentPasswordsLock() {
    for (int i = 0; i < 5; i++) {
      assertThat(change(WRONG, OTHER_PASSWORD, OTHER_PASSWORD).code())
          .isEqualTo(Code.INVALID_CREDENTIALS);
    }

    assertThat(stored().isLocked(clock.instant())).isTrue();
    assertThat(signIn(PASSWORD)).isEqualTo(new SignInResult.Failed());
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.ACCOUNT_LOCKED)).hasSize(1);
  }

  @Test
  @DisplayName("wrong current passwords and failed sign-ins share one count")
  void wrongCurrentAndFailedSignInShareTheCount() {
    for (int i = 0; i < 4; i++) {
      change(WRONG, OTHER_PASSWORD, OTHER_PASSWORD);
    }

    signIn(WRONG);

    assertThat(signIn(PASSWORD)).isEqualTo(new SignInResult.Failed());
  }

  @Test
  @DisplayName("a locked account cannot change its password, even with the right current one")
  void lockedAccountCannotChange() {
    for (int i = 0; i < 5; i++) {
      signIn(WRONG);
    }
    PasswordHash hash = stored().passwordHash();
    long version = stored().credentialVersion();

    PasswordChangeResult result = change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(result).isEqualTo(PasswordChangeResult.Rejected.of(Code.INVALID_CREDENTIALS));
    assertThat(stored().passwordHash()).isEqualTo(hash);
    assertThat(stored().credentialVersion()).isEqualTo(version);
    assertThat(changedMail()).isEmpty();
  }

  @Test
  @DisplayName("a wrong current password costs exactly one hash verification (S14)")
  void wrongCurrentDoesOneVerification() {
    hasher.reset();

    change(WRONG, OTHER_PASSWORD, OTHER_PASSWORD);

    assertThat(hasher.verifies()).isEqualTo(1);
    assertThat(hasher.hashes()).isZero();
  }

  @Test
  @DisplayName("an unknown account answers INVALID_CREDENTIALS")
  void unknownAccountIsRejected() {
    PasswordChangeResult result = latchkey.accounts().changePassword(
        AccountId.of("a-does-not-exist"), PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD, REQUEST);

    assertThat(result).isEqualTo(PasswordChangeResult.Rejected.of(Code.INVALID_CREDENTIALS));
    assertThat(changedMail()).isEmpty();
  }

  @Test
  @DisplayName("the right current password clears earlier failures")
  void rightCurrentClearsEarlierFailures() {
    for (int i = 0; i < 4; i++) {
      signIn(WRONG);
    }

    change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD);
    for (int i = 0; i < 4; i++) {
      signIn(WRONG);
    }

    assertThat(signIn(OTHER_PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  // --- new password rejected -----------------------------------------------------------------

  @Test
  @DisplayName("a confirmation that differs answers PASSWORD_MISMATCH and changes nothing")
  void mismatchIsRejected() {
    PasswordHash hash = stored().passwordHash();
    long version = stored().credentialVersion();

    PasswordChangeResult result = change(PASSWORD, OTHER_PASSWORD, OTHER_PASSWORD + "!");

    assertThat(result.code()).isEqualTo(Code.PASSWORD_MISMATCH);
    assertNothingChanged(hash, version);
  }

  @Test
  @DisplayName("a short new password answers PASSWORD_TOO_WEAK with TOO_SHORT, changes nothing")
  void shortPasswordIsRejected() {
    PasswordHash hash = stored().passwordHash();
    long version = stored().credentialVersion();

    PasswordChangeResult result = change(PASSWORD, "kite7", "kite7");

    assertThat(result.code()).isEqualTo(Code.PASSWORD_TOO_WEAK);
    assertThat(((PasswordChangeResult.Rejected) result).passwordRejections())
        .contains(PasswordRejection.TOO_SHORT);
    assertNothingChanged(hash, version);
  }

  @Test
  @DisplayName("a new password with a child's name answers PASSWORD_TOO_WEAK with CONTAINS_CONTEXT")
  void passwordWithChildsNameIsRejected() {
    PasswordHash hash = stored().passwordHash();
    long version = stored().credentialVersion();
    String next = "mateo builds rockets on mondays";

    PasswordChangeResult result = change(PASSWORD, next, next);

    assertThat(result.code()).isEqualTo(Code.PASSWORD_TOO_WEAK);
    assertThat(((PasswordChangeResult.Rejected) result).passwordRejections())
        .containsExactly(PasswordRejection.CONTAINS_CONTEXT);
    assertNothingChanged(hash, version);
  }

  @Test
  @DisplayName("a new password with the login name answers PASSWORD_TOO_WEAK with CONTAINS_CONTEXT")
  void passwordWithLoginNameIsRejected() {
    String next = "my login is maria.lopez forever";

    PasswordChangeResult result = change(PASSWORD, next, next);

    assertThat(result.code()).isEqualTo(Code.PASSWORD_TOO_WEAK);
    assertThat(((PasswordChangeResult.Rejected) result).passwordRejections())
        .contains(PasswordRejection.CONTAINS_CONTEXT);
  }

  @Test
  @DisplayName("a blocklisted new password answers PASSWORD_TOO_WEAK with BLOCKLISTED")
  void blocklistedPasswordIsRejected() {
    PasswordHash hash = stored().passwordHash();
    long version = stored().credentialVersion();
    String next = "correcthorsebatterystaple";

    PasswordChangeResult result = change(PASSWORD, next, next);

    assertThat(result.code()).isEqualTo(Code.PASSWORD_TOO_WEAK);
    assertThat(((PasswordChangeResult.Rejected) result).passwordRejections())
        .containsExactly(PasswordRejection.BLOCKLISTED);
    assertNothingChanged(hash, version);
  }

  @Test
  @DisplayName("a rejected new password is not hashed")
  void rejectedNewPasswordIsNotHashed() {
    hasher.reset();

    change(PASSWORD, "kite7", "kite7");

    assertThat(hasher.hashes()).isZero();
  }

  // --- unlock --------------------------------------------------------------------------------

  @Test
  @DisplayName("unlocking an account that is not locked answers false")
  void unlockOnUnlockedAccountIsFalse() {
    assertThat(latchkey.accounts().unlock(maria, REQUEST)).isFalse();
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("unlocking a locked account answers true, and a second unlock answers false")
  void unlockTwice() {
    for (int i = 0; i < 5; i++) {
      signIn(WRONG);
    }

    assertThat(latchkey.accounts().unlock(maria, REQUEST)).isTrue();
    assertThat(latchkey.accounts().unlock(maria, REQUEST)).isFalse();
  }

  @Test
  @DisplayName("unlocking an unknown account answers false")
  void unlockOnUnknownAccountIsFalse() {
    assertThat(latchkey.accounts().unlock(AccountId.of("a-does-not-exist"), REQUEST)).isFalse();
  }

  @Test
  @DisplayName("finding an account returns its view; an unknown id finds nothing")
  void findReturnsTheView() {
    assertThat(latchkey.accounts().find(maria)).hasValueSatisfying(view -> {
      assertThat(view.id()).isEqualTo(maria);
      assertThat(view.guardian()).contains(MARIA);
      assertThat(view.loginName().value()).isEqualTo(LOGIN);
    });
    assertThat(latchkey.accounts().find(AccountId.of("a-does-not-exist"))).isEmpty();
  }
}
