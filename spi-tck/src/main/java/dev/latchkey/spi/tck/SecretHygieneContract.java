package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.latchkey.Latchkey;
import dev.latchkey.StoreException;
import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.activation.ResendResult;
import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditSink;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.spi.RedeemKeyCommand;
import dev.latchkey.spi.tck.logging.CapturedLogs;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * S32 and S33: secrets never leave through a side door, and outside text never forges a log line.
 *
 * <p>A whole household's story runs on one facade whose audit events go both to the capturing
 * sink and to {@link AuditSink#logging()}, so the audit log lines are captured too. Every secret
 * the story makes — each key as mailed, each password typed, each password hash stored — is
 * random to this run, then looked for in every captured log line of the JVM, every result's and
 * message's {@code toString}, every audit event, the store's records and every exception the
 * story provokes.
 */
public abstract class SecretHygieneContract extends ContractSupport {
  private final SecureRandom random = new SecureRandom();

  @BeforeEach
  void logAuditEvents() {
    AuditSink logging = AuditSink.logging();
    latchkey = facade(b -> b.audit(event -> {
      audit.record(event);
      logging.record(event);
    }));
  }

  @Test
  @DisplayName("S32: no key, password or hash in any log line, toString, message, audit event or exception")
  void wholeStoryThenNoSecretAnywhere() {
    Map<String, String> secrets = new LinkedHashMap<>(); // secret -> what it is (never printed)
    List<Object> outputs = new ArrayList<>();
    List<Throwable> thrown = new ArrayList<>();

    // Maria's key, redeemed.
    String mariaKey = issueKey(MARIA, MARIA_EMAIL);
    String login = "mlopez" + hex(3);
    String first = password("first");
    String firstTypo = password("typo");
    outputs.add(latchkey.activation().redeem(
        new Redemption(mariaKey, login, first, firstTypo), REQUEST)); // mismatch
    outputs.add(new Redemption(mariaKey, login, first, firstTypo));
    RedeemResult redeemed = latchkey.activation().redeem(
        new Redemption(mariaKey, login, first, first), REQUEST);
    assertThat(redeemed.code()).isEqualTo(RedeemCode.REDEEMED);
    outputs.add(redeemed);
    outputs.add(latchkey.activation().redeem(
        new Redemption(mariaKey, login + "x", first, first), REQUEST)); // used
    AccountId maria = ((RedeemResult.Redeemed) redeemed).account().id();
    secrets.put(first, "password");
    secrets.put(firstTypo, "password");
    secrets.put(hashOf(maria), "hash");

    // Wrong passwords until locked; the right one then fails too.
    for (int i = 0; i < 5; i++) {
      String wrong = password("wrong" + i);
      secrets.put(wrong, "password");
      outputs.add(credentials(login, wrong));
      outputs.add(latchkey.signIn().signIn(credentials(login, wrong), REQUEST));
    }
    outputs.add(latchkey.signIn().signIn(credentials(login, first), REQUEST));
    assertThat(store.account(maria).orElseThrow().isLocked(clock.instant())).isTrue();

    // Helpdesk unlock, sign in, change the password (wrong current, mismatch, then right).
    outputs.add(latchkey.accounts().unlock(maria, REQUEST));
    SignInResult signedIn = latchkey.signIn().signIn(credentials(login, first), REQUEST);
    assertThat(signedIn.code()).isEqualTo(SignInResult.Code.SIGNED_IN);
    outputs.add(signedIn);
    String second = password("second");
    String wrongCurrent = password("notcurrent");
    String mismatch = password("mismatch");
    secrets.put(second, "password");
    secrets.put(wrongCurrent, "password");
    secrets.put(mismatch, "password");
    outputs.add(latchkey.accounts().changePassword(maria, wrongCurrent, second, second, REQUEST));
    outputs.add(latchkey.accounts().changePassword(maria, first, second, mismatch, REQUEST));
    PasswordChangeResult changed =
        latchkey.accounts().changePassword(maria, first, second, second, REQUEST);
    assertThat(changed.code()).isEqualTo(PasswordChangeResult.Code.CHANGED);
    outputs.add(changed);
    secrets.put(hashOf(maria), "hash");
    outputs.add(latchkey.signIn().signIn(credentials(login, second), REQUEST));

    // Self-service resend for Jose.
    outputs.add(latchkey.activation().resend(DISTRICT, JOSE_EMAIL.value(), REQUEST));
    assertThat(mail.lastKeyFor(JOSE_EMAIL)).isPresent();

    // A key issued while the mail server is down: the relay fails, logs, retries later.
    mail.failing(true);
    IssueResult abuelaIssue = latchkey.activation().issue(ABUELA, REQUEST);
    assertThat(abuelaIssue.code()).isEqualTo(IssueResult.IssueCode.ISSUED);
    outputs.add(abuelaIssue);
    clock.advance(Duration.ofMinutes(5));
    outputs.add(latchkey.outbox().runOnce());
    // Look at the waiting message as the store holds it, then let the relay have it again.
    List<OutboxMessage> waiting =
        store.claimDue(clock.instant().plus(Duration.ofHours(2)), 100, Duration.ofSeconds(1));
    assertThat(waiting).extracting(m -> m.notification().type())
        .contains(NotificationType.ACTIVATION_KEY);
    outputs.addAll(waiting);
    waiting.forEach(m -> m.notification().secret()
        .ifPresent(s -> secrets.put(s.reveal(), "key")));
    mail.failing(false);
    clock.advance(Duration.ofHours(3));
    outputs.add(latchkey.outbox().runOnce());
    assertThat(mail.lastKeyFor(ABUELA_EMAIL)).isPresent();
    outputs.add(store.parked(100));

    // A store that fails inside the redemption, quoting its command as a careless adapter would.
    String joseKey = mail.lastKeyFor(JOSE_EMAIL).orElseThrow();
    String josePassword = password("third");
    secrets.put(josePassword, "password");
    AtomicReference<RedeemKeyCommand> failedCommand = new AtomicReference<>();
    Latchkey broken = facade(b -> b.store(failingRedeem(store, failedCommand)));
    Throwable storeFailure = catchThrowable(() -> broken.activation().redeem(
        new Redemption(joseKey, "jlopez" + hex(3), josePassword, josePassword), REQUEST));
    assertThat(storeFailure).isInstanceOf(StoreException.class);
    thrown.add(storeFailure);
    outputs.add(failedCommand.get());
    secrets.put(failedCommand.get().account().passwordHash().encoded(), "hash");
    // The failure changed nothing (S19): the key still works.
    RedeemResult jose = latchkey.activation().redeem(
        new Redemption(joseKey, "jlopez" + hex(3), josePassword, josePassword), REQUEST);
    assertThat(jose.code()).isEqualTo(RedeemCode.REDEEMED);
    outputs.add(jose);
    AccountId joseAccount = ((RedeemResult.Redeemed) jose).account().id();
    secrets.put(hashOf(joseAccount), "hash");

    // Exceptions the public values throw when handed a secret where it does not belong.
    thrown.add(catchThrowable(() -> EmailAddress.of(first)));
    thrown.add(catchThrowable(() -> LoginName.of(second)));
    thrown.add(catchThrowable(() -> AccountId.of(second)));
    thrown.add(catchThrowable(() -> GuardianId.of(mariaKey + " " + first)));
    thrown.add(catchThrowable(() -> latchkey.signIn().signIn(null, REQUEST)));
    assertThat(thrown).doesNotContainNull();

    // A 7th grader enrolled: a login, its initial password mailed to the school office.
    AuditSink logging = AuditSink.logging();
    Latchkey withStudents = facade(b -> b
        .studentAccountPolicy(dev.latchkey.roster.StudentAccountPolicy.defaults())
        .audit(event -> {
          audit.record(event);
          logging.record(event);
        }));
    dev.latchkey.model.StudentId pupil = dev.latchkey.model.StudentId.of("s-" + hex(4));
    outputs.add(withStudents.roster().putStudent(student(pupil, "7" + hex(3), "Nina",
        dev.latchkey.model.Grade.G7, "Kennedy Junior High",
        dev.latchkey.model.EnrollmentStatus.ENROLLED)));
    PortalAccount pupilAccount = store.accountOfStudent(pupil).orElseThrow();
    outputs.add(pupilAccount);
    secrets.put(pupilAccount.passwordHash().encoded(), "hash");

    // Every key (and the initial password) that was mailed.
    for (Notification n : mail.sent()) {
      n.secret().map(SecretText::reveal).ifPresent(k -> secrets.put(k, "key"));
    }
    assertThat(secrets).containsValue("key");
    assertThat(secrets.keySet()).filteredOn(k -> secrets.get(k).equals("key")).hasSize(4);

    // Where secrets must not be.
    Map<String, String> places = new LinkedHashMap<>();
    List<String> logLines = CapturedLogs.lines();
    for (int i = 0; i < logLines.size(); i++) {
      places.put("log line " + i, logLines.get(i));
    }
    for (int i = 0; i < outputs.size(); i++) {
      places.put("toString of output " + i, String.valueOf(outputs.get(i)));
    }
    List<Notification> sent = mail.sent();
    for (int i = 0; i < sent.size(); i++) {
      Notification n = sent.get(i);
      places.put("notification " + i + " (" + n.type() + ")", n.toString());
      places.put("notification " + i + " fields", String.join("\n", n.fields().values()));
    }
    List<AuditEvent> events = audit.events();
    assertThat(events).isNotEmpty();
    for (int i = 0; i < events.size(); i++) {
      AuditEvent e = events.get(i);
      String label = "audit event " + i + " (" + e.type() + ")";
      places.put(label, e.toString());
      places.put(label + " fields", String.join("\n", e.actor(), e.subject(), e.source(),
          e.outcome(), e.district().value(), String.join("\n", e.details().keySet()),
          String.join("\n", e.details().values())));
    }
    for (AccountId id : List.of(maria, joseAccount)) {
      PortalAccount account = store.account(id).orElseThrow();
      places.put("stored account " + id, account.toString());
      places.put("stored account by name " + id, String.valueOf(
          store.accountByLoginName(DISTRICT, account.loginName().key())));
    }
    for (GuardianId g : List.of(MARIA, JOSE, ABUELA)) {
      places.put("stored keys of " + g, store.keysOfGuardian(g).toString());
      places.put("active account of " + g, String.valueOf(store.activeAccountOfGuardian(g)));
    }
    for (int i = 0; i < thrown.size(); i++) {
      chain(thrown.get(i), "exception " + i, places);
    }

    List<String> leaks = new ArrayList<>();
    for (Map.Entry<String, String> place : places.entrySet()) {
      String text = place.getValue();
      String upper = text.toUpperCase(Locale.ROOT);
      for (Map.Entry<String, String> secret : secrets.entrySet()) {
        boolean found = secret.getValue().equals("key")
            ? upper.contains(secret.getKey().toUpperCase(Locale.ROOT))
                || upper.contains(secret.getKey().replace("-", "").toUpperCase(Locale.ROOT))
            : text.contains(secret.getKey());
        if (found) {
          leaks.add(place.getKey() + " holds a " + secret.getValue());
        }
      }
    }
    assertThat(leaks).as("secrets found outside the one message meant to carry them").isEmpty();
  }

  @Test
  @DisplayName("S33: CR/LF, ANSI escapes and ${jndi:...} in names and request text are escaped in logs")
  void hostileTextThenEveryLogLineEscapesIt() {
    String id = hex(4);
    String forged = "FORGED" + id;
    String payload = "\r\n" + forged + "\u001b[31m${jndi:ldap://x}";
    String login = "evil" + id + payload;
    String sourceMarker = "src" + id;
    String agentMarker = "agent" + id;
    RequestContext hostile = RequestContext.of(sourceMarker + payload, agentMarker + payload);
    assertThat(hostile.sourceAddress()).endsWith(payload);
    AccountId maria = createAccount(MARIA, MARIA_EMAIL, "mlopez");

    latchkey.signIn().signIn(credentials(login, OTHER_PASSWORD), hostile);
    latchkey.signIn().signIn(credentials("mlopez", OTHER_PASSWORD), hostile);
    latchkey.accounts().changePassword(maria, OTHER_PASSWORD, PASSWORD, PASSWORD, hostile);
    latchkey.activation().issue(JOSE, hostile);
    String joseKey = mail.lastKeyFor(JOSE_EMAIL).orElseThrow();
    latchkey.activation().redeem(new Redemption(joseKey, login, PASSWORD, PASSWORD), hostile);
    latchkey.activation().redeem(new Redemption(login, login, PASSWORD, PASSWORD), hostile);
    latchkey.activation().resend(DISTRICT, login, hostile);
    latchkey.activation().resend(DISTRICT, ABUELA_EMAIL.value(), hostile);

    List<String> mentions = new ArrayList<>();
    for (String line : CapturedLogs.lines()) {
      if (line.contains("evil" + id) || line.contains(sourceMarker)
          || line.contains(agentMarker)) {
        mentions.add(line);
      }
    }
    assertThat(mentions).as("log lines naming the hostile login")
        .anyMatch(line -> line.contains("evil" + id));
    assertThat(mentions).as("log lines naming the hostile source")
        .anyMatch(line -> line.contains(sourceMarker));
    for (String entry : mentions) {
      String shown = visible(entry);
      assertThat(entry).as("log entry %s", shown)
          .doesNotContain("\u001b")
          .doesNotContain("${jndi");
      // A raw LF would put the forged text on a line of its own (a backend may have lower-cased it).
      for (String physical : entry.split("\n", -1)) {
        if (physical.toLowerCase(Locale.ROOT).contains(forged.toLowerCase(Locale.ROOT))) {
          assertThat(physical).as("log entry %s: the forged text is on the marker's line", shown)
              .containsAnyOf("evil" + id, sourceMarker, agentMarker)
              .doesNotContain("\r");
        }
        if (physical.contains("evil" + id) || physical.contains(sourceMarker)
            || physical.contains(agentMarker)) {
          assertThat(physical).as("log entry %s", shown).doesNotContain("\r");
        }
      }
    }
  }

  // --- Helpers ----------------------------------------------------------------------------

  /** A password the default policy accepts, random to this run, so no other test logs it. */
  private String password(String label) {
    return label + " tide " + hex(12) + " pass";
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private String hashOf(AccountId id) {
    return store.account(id).orElseThrow().passwordHash().encoded();
  }

  /** Records a throwable's messages and texts, and its causes' and suppressed ones'. */
  private static void chain(Throwable top, String label, Map<String, String> places) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> todo = new ArrayList<>(List.of(top));
    int n = 0;
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      if (t == null || !seen.add(t)) {
        continue;
      }
      places.put(label + " #" + n + " toString", t.toString());
      places.put(label + " #" + n + " message", String.valueOf(t.getMessage()));
      places.put(label + " #" + n + " localized message", String.valueOf(t.getLocalizedMessage()));
      n++;
      todo.add(t.getCause());
      todo.addAll(List.of(t.getSuppressed()));
    }
  }

  /**
   * The store, except that {@code redeemKey} fails the way a backend's driver might: with a
   * message that quotes the command it was given. Only records' masked {@code toString}s keep
   * the secrets out of such a message.
   */
  private static LatchkeyStore failingRedeem(LatchkeyStore delegate,
      AtomicReference<RedeemKeyCommand> seen) {
    return (LatchkeyStore) Proxy.newProxyInstance(LatchkeyStore.class.getClassLoader(),
        new Class<?>[] {LatchkeyStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("redeemKey")) {
            RedeemKeyCommand command = (RedeemKeyCommand) args[0];
            seen.set(command);
            throw new StoreException("redeemKey failed for " + command,
                new IllegalStateException("driver said: cannot insert " + command.account()
                    + " with " + command.created()), false);
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Shows an entry with its control characters visible, for failure messages. */
  private static String visible(String entry) {
    return entry.replace("\r", "\\r").replace("\n", "\\n").replace("\u001b", "\\e");
  }
}
