package dev.latchkey.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.ActivationPolicy;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.Redemption;
import dev.latchkey.inmemory.InMemoryStore;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.recovery.RecoveryAnswer;
import dev.latchkey.recovery.ResetCode;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How a host's own test suite uses Latchkey: the in-memory store, a clock the test moves by hand
 * ({@link MutableClock}) and captured mail ({@link CapturingNotifier}) — no database, no mail
 * server, no sleeping. Copy this shape into your portal's tests.
 */
@DisplayName("A host's test suite on the in-memory test kit")
class HostTestSuiteExampleTest {
  private static final DistrictId DISTRICT = DistrictId.of("lakeview-204");
  private static final GuardianId ANA = GuardianId.of("g-2001");
  private static final EmailAddress ANA_EMAIL = EmailAddress.of("ana.rivera@example.org");
  private static final String PASSWORD = "orange kite under seven bridges";
  private static final RequestContext BROWSER = RequestContext.of("198.51.100.7", "test");

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-09-08T15:00:00Z"));
  private final CapturingNotifier mail = new CapturingNotifier();
  private Latchkey latchkey;

  @BeforeEach
  void freshLatchkey() {
    latchkey = Latchkey.builder()
        .store(InMemoryStore.create())
        .notifier(mail)
        .secrets(ServerSecrets.ephemeral(new SecureRandom()))
        .clock(clock)
        // A test suite reads the captured mail right after each call: deliver it before the
        // call returns (production hosts give a relayExecutor instead).
        .deliverSynchronously()
        .build();
    latchkey.roster().putDistrict(new District(DISTRICT,
        "Lakeview Community Unit School District 204", "IL", ZoneId.of("America/Chicago"),
        EmailAddress.of("parentsupport@lakeview204.example.org"), "630.555.0142"));
    latchkey.roster().putGuardian(Guardian.of(ANA, DISTRICT, "Ana", "Rivera", ANA_EMAIL));
  }

  @Test
  void aKeyRedeemedAfterItsLifeIsExpired() {
    latchkey.activation().issue(ANA, RequestContext.system());
    String key = mail.lastKeyFor(ANA_EMAIL).orElseThrow();

    clock.advance(ActivationPolicy.defaults().keyLife().plusMinutes(1));

    assertThat(latchkey.activation().redeem(
        new Redemption(key, "ana.rivera", PASSWORD, PASSWORD), BROWSER).code())
        .isEqualTo(RedeemCode.KEY_EXPIRED);
  }

  @Test
  void fiveWrongPasswordsLockTheAccountAndEmailTheOwnerOnce() {
    createLogin();
    for (int i = 0; i < 5; i++) {
      signIn("wrong password " + i);
    }

    assertThat(signIn(PASSWORD).code()).isEqualTo(SignInResult.Code.INVALID_CREDENTIALS);
    assertThat(mail.sentTo(ANA_EMAIL, NotificationType.ACCOUNT_LOCKED)).hasSize(1);
  }

  @Test
  void aResetLinkFromTheEmailLiftsTheLock() {
    createLogin();
    for (int i = 0; i < 5; i++) {
      signIn("wrong password " + i);
    }
    assertThat(latchkey.recovery().forgotPassword(DISTRICT, "ana.rivera", BROWSER))
        .isEqualTo(RecoveryAnswer.ACCEPTED);
    String token = mail.last(ANA_EMAIL, NotificationType.PASSWORD_RESET)
        .flatMap(n -> n.secret()).orElseThrow().reveal();

    String next = "violet harbor drums at midnight";
    assertThat(latchkey.recovery().resetPassword(token, next, next, BROWSER).code())
        .isEqualTo(ResetCode.VALID);
    assertThat(signIn(next).code()).isEqualTo(SignInResult.Code.SIGNED_IN);
  }

  @Test
  void aResetLinkStopsWorkingWhenItsTimeIsUp() {
    createLogin();
    latchkey.recovery().forgotPassword(DISTRICT, "ana.rivera@example.org", BROWSER);
    String token = mail.last(ANA_EMAIL, NotificationType.PASSWORD_RESET)
        .flatMap(n -> n.secret()).orElseThrow().reveal();

    clock.advance(Duration.ofDays(2));

    assertThat(latchkey.recovery().checkResetToken(token)).isEqualTo(ResetCode.TOKEN_EXPIRED);
  }

  private void createLogin() {
    latchkey.activation().issue(ANA, RequestContext.system());
    String key = mail.lastKeyFor(ANA_EMAIL).orElseThrow();
    assertThat(latchkey.activation().redeem(
        new Redemption(key, "ana.rivera", PASSWORD, PASSWORD), BROWSER).code())
        .isEqualTo(RedeemCode.REDEEMED);
  }

  private SignInResult signIn(String password) {
    return latchkey.signIn().signIn(new Credentials(DISTRICT, "ana.rivera", password), BROWSER);
  }
}
