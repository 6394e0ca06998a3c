package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.activation.IssueResult.IssueCode;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.activation.Redemption;
import dev.latchkey.model.KeyState;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationException;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.notify.RetryPolicy;
import dev.latchkey.spi.OutboxMessage;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbox (S28, S29, S31): with the mail server down the change still commits and its message
 * waits; it is retried after its back-off and delivered once; after the policy's attempts it is
 * parked until released; its dedup id is stable across retries; delivered messages are purged.
 */
public abstract class OutboxContract extends ContractSupport {
  /** The facade's policy: {@link ContractSupport} sets none, so the default applies. */
  private static final RetryPolicy POLICY = RetryPolicy.defaults();

  private void issueWhileMailIsDown() {
    mail.failing(true);
    assertThat(latchkey.activation().issue(MARIA, REQUEST).code()).isEqualTo(IssueCode.ISSUED);
  }

  /** Past the wait after the given failed attempt (and past any lease). */
  private void advancePastBackoff(int failedAttempts) {
    Duration wait = POLICY.backoff(failedAttempts);
    clock.advance((wait.compareTo(POLICY.lease()) > 0 ? wait : POLICY.lease()).plusSeconds(1));
  }

  /** Fails every attempt until the message is parked (the first attempt was at the change). */
  private void failUntilParked() {
    for (int attempt = 2; attempt <= POLICY.maxAttempts(); attempt++) {
      advancePastBackoff(attempt - 1);
      latchkey.outbox().runOnce();
    }
  }

  private List<Notification> keyMail() {
    return mail.sentTo(MARIA_EMAIL, NotificationType.ACTIVATION_KEY);
  }

  // --- mail down: the change commits, the message waits (S28) --------------------------------

  @Test
  @DisplayName("with the mail server down, issuing a key still succeeds and its message waits")
  void issueSucceedsWhileMailIsDown() {
    issueWhileMailIsDown();

    assertThat(store.pendingCount()).isEqualTo(1);
    assertThat(mail.sent()).isEmpty();
    assertThat(store.keysOfGuardian(MARIA)).singleElement()
        .satisfies(k -> assertThat(k.state()).isEqualTo(KeyState.LIVE));
  }

  @Test
  @DisplayName("with the mail server down, a redemption still succeeds and ACCOUNT_CREATED waits")
  void redemptionSucceedsWhileMailIsDown() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    mail.failing(true);

    var result = latchkey.activation().redeem(
        new Redemption(key, "maria.lopez", PASSWORD, PASSWORD), REQUEST);

    assertThat(result.code()).isEqualTo(RedeemCode.REDEEMED);
    assertThat(store.pendingCount()).isEqualTo(1);
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.ACCOUNT_CREATED)).isEmpty();
  }

  @Test
  @DisplayName("a failed message is not retried before its back-off")
  void failedMessageWaitsForBackoff() {
    issueWhileMailIsDown();
    mail.failing(false);

    assertThat(latchkey.outbox().runOnce()).isZero();
    clock.advance(POLICY.backoff(1).minusSeconds(1));
    assertThat(latchkey.outbox().runOnce()).isZero();

    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isEqualTo(1);
  }

  // --- retry and delivery (S29, S31) ---------------------------------------------------------

  @Test
  @DisplayName("after the back-off a run delivers the waiting message and the outbox empties")
  void retryDeliversAfterBackoff() {
    issueWhileMailIsDown();
    mail.failing(false);
    advancePastBackoff(1);

    int delivered = latchkey.outbox().runOnce();

    assertThat(delivered).isEqualTo(1);
    assertThat(keyMail()).hasSize(1);
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("a failed message is due again when its back-off ends, not only after a lease")
  void failedMessageIsDueRightAfterBackoff() {
    issueWhileMailIsDown();
    mail.failing(false);
    clock.advance(POLICY.backoff(1).plusSeconds(1));

    assertThat(latchkey.outbox().runOnce()).isEqualTo(1);
    assertThat(keyMail()).hasSize(1);
  }

  @Test
  @DisplayName("a delivered message is delivered once: later runs send nothing more")
  void deliveredMessageIsDeliveredOnce() {
    issueWhileMailIsDown();
    mail.failing(false);
    advancePastBackoff(1);
    latchkey.outbox().runOnce();

    clock.advance(Duration.ofHours(2));
    assertThat(latchkey.outbox().runOnce()).isZero();
    assertThat(facade(b -> b).outbox().runOnce()).isZero();

    assertThat(keyMail()).hasSize(1);
  }

  @Test
  @DisplayName("the key delivered after a retry is the issued key: it redeems")
  void keyDeliveredAfterRetryRedeems() {
    issueWhileMailIsDown();
    mail.failing(false);
    advancePastBackoff(1);
    latchkey.outbox().runOnce();
    String key = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();

    var result = latchkey.activation().redeem(
        new Redemption(key, "maria.lopez", PASSWORD, PASSWORD), REQUEST);

    assertThat(result.code()).isEqualTo(RedeemCode.REDEEMED);
  }

  @Test
  @DisplayName("a message keeps its dedup id and content across retries (S29)")
  void dedupIdIsStableAcrossRetries() {
    List<Notification> attempts = new CopyOnWriteArrayList<>();
    Latchkey recording = facade(b -> b.notifier(n -> {
      attempts.add(n);
      mail.send(n);
    }));
    mail.failing(true);
    recording.activation().issue(MARIA, REQUEST);
    advancePastBackoff(1);
    recording.outbox().runOnce();
    mail.failing(false);
    advancePastBackoff(2);

    assertThat(recording.outbox().runOnce()).isEqualTo(1);

    Notification delivered = keyMail().get(0);
    assertThat(attempts).hasSize(3).allSatisfy(attempt -> {
      assertThat(attempt.id()).isEqualTo(delivered.id());
      assertThat(attempt.secret()).isEqualTo(delivered.secret());
      assertThat(attempt.recipient()).isEqualTo(MARIA_EMAIL);
    });
  }

  @Test
  @DisplayName("waiting messages are delivered oldest first")
  void waitingMessagesAreDeliveredOldestFirst() {
    mail.failing(true);
    latchkey.activation().issue(MARIA, REQUEST);
    clock.advance(Duration.ofSeconds(5));
    latchkey.activation().issue(JOSE, REQUEST);
    assertThat(store.pendingCount()).isEqualTo(2);
    mail.failing(false);
    advancePastBackoff(1);

    assertThat(latchkey.outbox().runOnce()).isEqualTo(2);

    assertThat(mail.sent()).extracting(Notification::recipient)
        .containsExactly(MARIA_EMAIL, JOSE_EMAIL);
    assertThat(store.pendingCount()).isZero();
  }

  // --- parking -------------------------------------------------------------------------------

  @Test
  @DisplayName("one attempt short of the limit, a failing message is not parked")
  void notParkedBeforeTheLimit() {
    issueWhileMailIsDown();
    for (int attempt = 2; attempt < POLICY.maxAttempts(); attempt++) {
      advancePastBackoff(attempt - 1);
      latchkey.outbox().runOnce();
    }

    assertThat(latchkey.outbox().parked(10)).isEmpty();
    assertThat(store.pendingCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("after the policy's attempts a failing message is parked and listed")
  void parkedAfterMaxAttempts() {
    issueWhileMailIsDown();

    failUntilParked();

    List<OutboxMessage> parked = latchkey.outbox().parked(10);
    assertThat(parked).singleElement().satisfies(message -> {
      assertThat(message.parked()).isTrue();
      assertThat(message.attempts()).isEqualTo(POLICY.maxAttempts());
      assertThat(message.notification().type()).isEqualTo(NotificationType.ACTIVATION_KEY);
      assertThat(message.notification().recipient()).isEqualTo(MARIA_EMAIL);
    });
    assertThat(store.pendingCount()).isEqualTo(1);
    assertThat(mail.sent()).isEmpty();
  }

  @Test
  @DisplayName("parking a message is reported to the audit sink, with its type and no content")
  void parkingIsAudited() {
    issueWhileMailIsDown();

    failUntilParked();

    assertThat(audit.events(AuditEventType.NOTIFICATION_PARKED)).singleElement()
        .satisfies(event -> {
          assertThat(event.district()).isEqualTo(DISTRICT);
          assertThat(event.details()).containsEntry("type", "ACTIVATION_KEY")
              .containsEntry("attempts", Integer.toString(POLICY.maxAttempts()));
        });
  }

  @Test
  @DisplayName("a parked message is not retried, even once the mail server is back")
  void parkedMessageIsNotRetried() {
    issueWhileMailIsDown();
    failUntilParked();
    mail.failing(false);
    clock.advance(Duration.ofDays(1));

    assertThat(latchkey.outbox().runOnce()).isZero();

    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("a released parked message is delivered by the next run")
  void releasedMessageIsDelivered() {
    issueWhileMailIsDown();
    failUntilParked();
    mail.failing(false);
    NotificationId id = latchkey.outbox().parked(10).get(0).notification().id();

    assertThat(latchkey.outbox().release(id)).isTrue();
    assertThat(latchkey.outbox().runOnce()).isEqualTo(1);

    assertThat(keyMail()).singleElement().satisfies(n -> assertThat(n.id()).isEqualTo(id));
    assertThat(latchkey.outbox().parked(10)).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  @DisplayName("releasing a message that is not parked answers false")
  void releasingUnparkedMessageIsFalse() {
    issueWhileMailIsDown();
    NotificationId waiting = NotificationId.random(new SecureRandom());

    assertThat(latchkey.outbox().release(waiting)).isFalse();
    assertThat(store.pendingCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("a released message that fails again gets the policy's attempts afresh")
  void releasedMessageGetsFreshAttempts() {
    issueWhileMailIsDown();
    failUntilParked();
    NotificationId id = latchkey.outbox().parked(10).get(0).notification().id();
    latchkey.outbox().release(id);

    latchkey.outbox().runOnce();

    assertThat(latchkey.outbox().parked(10)).isEmpty();
    assertThat(store.pendingCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("a permanent delivery failure parks the message at once")
  void permanentFailureParksAtOnce() {
    Latchkey rejecting = facade(b -> b.notifier(n -> {
      throw NotificationException.permanent("address rejected (test)", null);
    }));

    rejecting.activation().issue(MARIA, REQUEST);

    assertThat(rejecting.outbox().parked(10)).singleElement()
        .satisfies(message -> assertThat(message.attempts()).isEqualTo(1));
  }
}
