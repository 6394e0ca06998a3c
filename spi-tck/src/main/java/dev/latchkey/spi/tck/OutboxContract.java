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
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.GuardianId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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

  // --- claim by id: a synchronous call delivers its own messages, no one else's -------------

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LEASE = Duration.ofMinutes(2);

  /** A message in the outbox that no call of the test queued: someone else's mail. */
  private Notification queuedByHand() {
    Notification n = new Notification(NotificationId.random(RANDOM),
        NotificationType.STUDENT_CREDENTIALS, DISTRICT, EmailAddress.of("office@example.org"),
        Map.of(Notification.NAME, "Ana"), Optional.empty(), clock.instant());
    store.enqueue(n);
    return n;
  }

  private static List<NotificationId> ids(List<OutboxMessage> messages) {
    return messages.stream().map(m -> m.notification().id()).toList();
  }

  @Test
  @DisplayName("claim by id leases exactly the listed queued messages, oldest first, and skips unknown ids")
  void claimByIdTakesOnlyTheListedMessages() {
    Notification a = queuedByHand();
    Notification b = queuedByHand();
    Notification c = queuedByHand();
    NotificationId unknown = NotificationId.random(RANDOM);

    List<OutboxMessage> claimed = store.claim(List.of(c.id(), unknown, a.id()), clock.instant(),
        LEASE);

    assertThat(ids(claimed)).containsExactly(a.id(), c.id());
    assertThat(ids(store.claim(List.of(a.id(), c.id()), clock.instant(), LEASE)))
        .as("leased to the first claim").isEmpty();
    assertThat(ids(store.claimDue(clock.instant(), 10, LEASE))).containsExactly(b.id());
    clock.advance(LEASE.plusSeconds(1));
    assertThat(ids(store.claim(List.of(a.id()), clock.instant(), LEASE)))
        .as("the lease ran out").containsExactly(a.id());
  }

  @Test
  @DisplayName("claim by id skips a message that is parked or not yet due, and an empty list claims nothing")
  void claimByIdSkipsParkedAndNotYetDue() {
    Notification later = queuedByHand();
    Notification parked = queuedByHand();
    store.failed(later.id(), clock.instant().plus(Duration.ofHours(1)), false);
    store.failed(parked.id(), clock.instant(), true);

    assertThat(store.claim(List.of(later.id(), parked.id()), clock.instant(), LEASE)).isEmpty();
    assertThat(store.claim(List.of(), clock.instant(), LEASE)).isEmpty();
    assertThat(store.pendingCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("claim by id and claimDue racing for one message: exactly one of them gets it")
  void claimByIdAndClaimDueRace() throws Exception {
    for (int round = 0; round < 20; round++) {
      Notification n = queuedByHand();
      CountDownLatch gate = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<Integer> byId = pool.submit(() -> {
          gate.await();
          return store.claim(List.of(n.id()), clock.instant(), LEASE).size();
        });
        Future<Integer> due = pool.submit(() -> {
          gate.await();
          return (int) store.claimDue(clock.instant(), 10, LEASE).stream()
              .filter(m -> m.notification().id().equals(n.id())).count();
        });
        gate.countDown();
        assertThat(byId.get(30, TimeUnit.SECONDS) + due.get(30, TimeUnit.SECONDS))
            .as("round %d", round).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      store.delivered(n.id());
    }
  }

  @Test
  @DisplayName("with synchronous delivery, issuing a key sends its own mail and leaves others' queued")
  void synchronousIssueDeliversOnlyItsOwnMail() {
    Notification first = queuedByHand();
    Notification second = queuedByHand();

    issueKey(MARIA, MARIA_EMAIL);

    assertThat(mail.sent()).extracting(Notification::recipient).containsExactly(MARIA_EMAIL);
    assertThat(ids(store.claimDue(clock.instant(), 10, LEASE)))
        .containsExactly(first.id(), second.id());
  }

  @Test
  @DisplayName("with synchronous delivery, a redemption after a bulk of queued mail sends only ACCOUNT_CREATED")
  void synchronousRedemptionDeliversOnlyItsOwnMail() {
    String key = issueKey(MARIA, MARIA_EMAIL);
    for (int i = 0; i < 60; i++) {
      queuedByHand();
    }
    mail.clear();

    var result = latchkey.activation().redeem(
        new Redemption(key, "maria.lopez", PASSWORD, PASSWORD), REQUEST);

    assertThat(result.code()).isEqualTo(RedeemCode.REDEEMED);
    assertThat(mail.sent()).extracting(Notification::type)
        .containsExactly(NotificationType.ACCOUNT_CREATED);
    assertThat(store.pendingCount()).isEqualTo(60);
  }

  // --- the relay on the host's executor ---------------------------------------------------

  /** Runs nothing until told: what the facade scheduled stays visible. */
  private static final class HeldExecutor implements Executor {
    final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
    }
  }

  private static ExecutorService mailThread() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "test-relay");
      t.setDaemon(true);
      return t;
    });
  }

  private void awaitMail(EmailAddress to, NotificationType type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (mail.sentTo(to, type).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(mail.sentTo(to, type)).as("%s to %s", type, to).isNotEmpty();
  }

  @Test
  @DisplayName("with a relay executor, a redemption and a forgot-password never run the notifier on the caller's thread")
  void relayExecutorKeepsMailOffTheCallersThread() throws Exception {
    List<Thread> sendingThreads = new CopyOnWriteArrayList<>();
    ExecutorService pool = mailThread();
    try {
      Latchkey host = builder()
          .notifier(n -> {
            sendingThreads.add(Thread.currentThread());
            mail.send(n);
          })
          .relayExecutor(pool)
          .build();
      host.activation().issue(MARIA, REQUEST);
      awaitMail(MARIA_EMAIL, NotificationType.ACTIVATION_KEY);
      String key = mail.lastKeyFor(MARIA_EMAIL).orElseThrow();

      assertThat(host.activation().redeem(
          new Redemption(key, "maria.lopez", PASSWORD, PASSWORD), REQUEST).code())
          .isEqualTo(RedeemCode.REDEEMED);
      awaitMail(MARIA_EMAIL, NotificationType.ACCOUNT_CREATED);
      host.recovery().forgotPassword(DISTRICT, "maria.lopez", REQUEST);
      awaitMail(MARIA_EMAIL, NotificationType.PASSWORD_RESET);

      Thread relayThread = pool.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
      assertThat(sendingThreads).hasSize(3).containsOnly(relayThread)
          .doesNotContain(Thread.currentThread());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("with neither an executor nor synchronous delivery, a change only queues its mail until the host runs the relay")
  void withoutExecutorTheHostRunsTheRelay() {
    Latchkey host = builder().build();

    assertThat(host.activation().issue(MARIA, REQUEST).code()).isEqualTo(IssueCode.ISSUED);

    assertThat(mail.sent()).isEmpty();
    assertThat(store.pendingCount()).isEqualTo(1);
    assertThat(host.outbox().runOnce()).isEqualTo(1);
    assertThat(keyMail()).hasSize(1);
  }

  @Test
  @DisplayName("a burst of changes schedules one drain, which loops while batches come back full")
  void burstSchedulesOneDrain() {
    HeldExecutor executor = new HeldExecutor();
    Latchkey host = builder().relayExecutor(executor)
        .retryPolicy(new RetryPolicy(8, Duration.ofSeconds(30), Duration.ofHours(1), LEASE, 2))
        .build();
    for (int i = 0; i < 5; i++) {
      queuedByHand();
    }

    host.activation().issue(MARIA, REQUEST);
    host.activation().issue(JOSE, REQUEST);
    host.activation().issue(ABUELA, REQUEST);

    assertThat(executor.tasks).hasSize(1);
    assertThat(mail.sent()).isEmpty();
    executor.runAll();
    assertThat(mail.sent()).as("eight messages in batches of two").hasSize(8);
    assertThat(store.pendingCount()).isZero();

    host.activation().issue(MARIA, REQUEST);
    assertThat(executor.tasks).as("a change after the drain started wakes another").hasSize(1);
  }

  @Test
  @DisplayName("changes racing on many threads schedule at most one pending drain, and it sends every message")
  void racingChangesScheduleOneDrain() throws Exception {
    int threads = 8;
    for (int round = 0; round < 5; round++) {
      HeldExecutor executor = new HeldExecutor();
      Latchkey host = builder().relayExecutor(executor).build();
      List<GuardianId> guardians = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        GuardianId id = GuardianId.of("g-burst-" + round + "-" + i);
        latchkey.roster().putGuardian(dev.latchkey.model.Guardian.of(id, DISTRICT, "Pat",
            "Burst" + i, EmailAddress.of("burst" + round + "." + i + "@example.org")));
        guardians.add(id);
      }
      mail.clear();
      CountDownLatch gate = new CountDownLatch(1);
      ExecutorService callers = Executors.newFixedThreadPool(threads);
      try {
        List<Future<IssueCode>> results = new java.util.ArrayList<>();
        for (GuardianId id : guardians) {
          results.add(callers.submit(() -> {
            gate.await();
            return host.activation().issue(id, REQUEST).code();
          }));
        }
        gate.countDown();
        for (Future<IssueCode> result : results) {
          assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(IssueCode.ISSUED);
        }
      } finally {
        callers.shutdownNow();
      }
      assertThat(executor.tasks).as("round %d", round).hasSize(1);
      executor.runAll();
      assertThat(mail.sent()).as("round %d", round).hasSize(threads);
    }
  }

  @Test
  @DisplayName("an executor that refuses the drain leaves the mail queued, and the next change tries again")
  void refusedDrainLeavesMailQueued() {
    List<Runnable> offered = new CopyOnWriteArrayList<>();
    Latchkey host = builder().relayExecutor(task -> {
      offered.add(task);
      throw new RejectedExecutionException("shut down (test)");
    }).build();

    assertThat(host.activation().issue(MARIA, REQUEST).code()).isEqualTo(IssueCode.ISSUED);
    assertThat(host.activation().issue(JOSE, REQUEST).code()).isEqualTo(IssueCode.ISSUED);

    assertThat(offered).hasSize(2);
    assertThat(mail.sent()).isEmpty();
    assertThat(host.outbox().runOnce()).isEqualTo(2);
  }

  @Test
  @DisplayName("with a relay executor, forgot-password, forgot-username and resend answer before looking anything up; the work runs there")
  void recoveryRequestsAnswerBeforeTheirWork() {
    createAccount(MARIA, MARIA_EMAIL, "maria.lopez");
    mail.clear();
    int auditBefore = audit.events().size();
    HeldExecutor executor = new HeldExecutor();
    Latchkey host = builder().relayExecutor(executor).build();

    assertThat(host.recovery().forgotPassword(DISTRICT, "maria.lopez", REQUEST))
        .isEqualTo(dev.latchkey.recovery.RecoveryAnswer.ACCEPTED);
    assertThat(host.recovery().forgotUsername(DISTRICT, MARIA_EMAIL.value(), REQUEST))
        .isEqualTo(dev.latchkey.recovery.RecoveryAnswer.ACCEPTED);
    assertThat(host.activation().resend(DISTRICT, JOSE_EMAIL.value(), REQUEST))
        .isEqualTo(dev.latchkey.activation.ResendResult.ACCEPTED);

    assertThat(store.pendingCount()).as("nothing queued yet").isZero();
    assertThat(audit.events()).hasSize(auditBefore);
    assertThat(executor.tasks).hasSize(3);
    executor.runAll();
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.PASSWORD_RESET)).hasSize(1);
    assertThat(mail.sentTo(MARIA_EMAIL, NotificationType.USERNAME_REMINDER)).hasSize(1);
    assertThat(mail.sentTo(JOSE_EMAIL, NotificationType.ACTIVATION_KEY)).hasSize(1);
  }
}
