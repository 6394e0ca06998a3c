package dev.latchkey.activation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.spi.IssueKeyCommand;
import dev.latchkey.spi.IssueKeyCommand.IssueLimit;
import dev.latchkey.spi.IssueOutcome;
import dev.latchkey.spi.IssueOutcome.Status;
import dev.latchkey.spi.KeyHolder;
import dev.latchkey.spi.RedeemOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The key rules as pure functions, each refusal in its order, the boundaries exact. */
class KeyRulesTest {
  private static final Instant NOW = Instant.parse("2026-08-17T12:00:00Z");
  private static final GuardianId MARIA = GuardianId.of("g-maria");
  private static final DistrictId DISTRICT = DistrictId.of("d");
  private static final EmailAddress TO = EmailAddress.of("maria@example.org");
  private static final TokenDigest OLD = new TokenDigest("a".repeat(64));
  private static final TokenDigest NEW = new TokenDigest("b".repeat(64));
  private static final AccountId ACCOUNT = AccountId.of("acc-1");
  private static final KeyHolder FRESH = new KeyHolder(TO.key(), true, null, null, null, 0);

  private static IssueKeyCommand command(boolean reset, IssueLimit limit) {
    ActivationKeyRecord key = ActivationKeyRecord.live(NEW, MARIA, DISTRICT, TO, NOW,
        NOW.plus(Duration.ofDays(7)));
    Notification mail = new Notification(NotificationId.random(new SecureRandom()),
        NotificationType.ACTIVATION_KEY, DISTRICT, TO, Map.of(), Optional.empty(), NOW);
    return new IssueKeyCommand(key, mail, reset, limit);
  }

  private static KeyHolder holder(String email, boolean enabled, AccountId active,
      TokenDigest live, long recent) {
    return new KeyHolder(email, enabled, active, live,
        live == null ? null : NOW.plusSeconds(60), recent);
  }

  @Test
  @DisplayName("issue refusals come in their order; each later one only once the earlier pass")
  void issueRefusalsInOrder() {
    IssueLimit two = new IssueLimit(2, NOW.minusSeconds(3600));
    assertThat(KeyRules.issue(null, command(false, two)).status())
        .isEqualTo(Status.UNKNOWN_GUARDIAN);
    assertThat(KeyRules.issue(holder("old@example.org", false, ACCOUNT, null, 9),
        command(false, two)).status()).isEqualTo(Status.ADDRESS_CHANGED);
    assertThat(KeyRules.issue(holder(null, true, null, null, 0), command(false, two)).status())
        .isEqualTo(Status.ADDRESS_CHANGED);
    assertThat(KeyRules.issue(holder(TO.key(), false, ACCOUNT, null, 9), command(false, two))
        .status()).isEqualTo(Status.SIGN_IN_DISABLED);
    assertThat(KeyRules.issue(holder(TO.key(), true, ACCOUNT, null, 9), command(false, two))
        .status()).isEqualTo(Status.HAS_ACCOUNT);
    assertThat(KeyRules.issue(holder(TO.key(), true, ACCOUNT, null, 2), command(true, two))
        .status()).isEqualTo(Status.RATE_LIMITED);
    assertThat(KeyRules.issue(holder(TO.key(), true, null, null, 1), command(false, two))
        .status()).isEqualTo(Status.ISSUED);
  }

  @Test
  @DisplayName("K3, K6: an issue revokes the live key; only a reset disables the account")
  void issueRevokesAndResetDisables() {
    IssueOutcome plain = KeyRules.issue(holder(TO.key(), true, null, OLD, 0),
        command(false, null));
    assertThat(plain).isEqualTo(new IssueOutcome(Status.ISSUED, OLD, null));
    IssueOutcome reset = KeyRules.issue(holder(TO.key(), true, ACCOUNT, OLD, 0),
        command(true, null));
    assertThat(reset).isEqualTo(new IssueOutcome(Status.ISSUED, OLD, ACCOUNT));
    assertThat(KeyRules.issue(FRESH, command(true, null)))
        .isEqualTo(new IssueOutcome(Status.ISSUED, null, null));
  }

  @Test
  @DisplayName("bulk: a key live at now is kept; one that expired is revoked; no reset, no limit")
  void firstKey() {
    KeyHolder live = new KeyHolder(TO.key(), true, null, OLD, NOW.plusMillis(1), 0);
    assertThat(KeyRules.firstKey(live, command(false, null), NOW).status())
        .isEqualTo(Status.HAS_LIVE_KEY);
    KeyHolder lapsed = new KeyHolder(TO.key(), true, null, OLD, NOW, 99);
    assertThat(KeyRules.firstKey(lapsed, command(true, new IssueLimit(1, NOW)), NOW))
        .isEqualTo(new IssueOutcome(Status.ISSUED, OLD, null));
    KeyHolder withAccount = new KeyHolder(TO.key(), true, ACCOUNT, null, null, 0);
    assertThat(KeyRules.firstKey(withAccount, command(true, null), NOW).status())
        .isEqualTo(Status.HAS_ACCOUNT);
  }

  @Test
  @DisplayName("K4, S21: redemption refusals in order; a key is expired at its expiry instant")
  void redeemRefusals() {
    ActivationKeyRecord key = ActivationKeyRecord.live(OLD, MARIA, DISTRICT, TO, NOW,
        NOW.plus(Duration.ofDays(7)));
    Instant expiry = key.expiresAt();
    assertThat(KeyRules.redeemRefusal(null, MARIA, FRESH, NOW))
        .isEqualTo(RedeemOutcome.INVALID_KEY);
    assertThat(KeyRules.redeemRefusal(key, GuardianId.of("g-other"), FRESH, NOW))
        .isEqualTo(RedeemOutcome.INVALID_KEY);
    assertThat(KeyRules.redeemRefusal(key.redeemed(NOW, ACCOUNT, LoginName.parse("maria")
        .orElseThrow()), MARIA, null, expiry)).isEqualTo(RedeemOutcome.KEY_ALREADY_USED);
    assertThat(KeyRules.redeemRefusal(key.revoked(NOW), MARIA, null, expiry))
        .isEqualTo(RedeemOutcome.KEY_REVOKED);
    assertThat(KeyRules.redeemRefusal(key, MARIA, null, expiry))
        .isEqualTo(RedeemOutcome.KEY_EXPIRED);
    assertThat(KeyRules.redeemRefusal(key, MARIA, FRESH, expiry.minusNanos(1))).isNull();
    assertThat(KeyRules.redeemRefusal(key, MARIA, null, NOW))
        .isEqualTo(RedeemOutcome.KEY_REVOKED);
    assertThat(KeyRules.redeemRefusal(key, MARIA,
        new KeyHolder(TO.key(), false, null, OLD, expiry, 0), NOW))
        .isEqualTo(RedeemOutcome.KEY_REVOKED);
    assertThat(KeyRules.redeemRefusal(key, MARIA,
        new KeyHolder(TO.key(), true, ACCOUNT, OLD, expiry, 0), NOW))
        .isEqualTo(RedeemOutcome.KEY_ALREADY_USED);
  }
}
