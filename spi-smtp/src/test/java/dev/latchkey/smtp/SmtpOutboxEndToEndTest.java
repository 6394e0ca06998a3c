package dev.latchkey.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.ThrottlePolicy;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.helpdesk.Agent;
import dev.latchkey.helpdesk.CallerAnswers;
import dev.latchkey.helpdesk.HelpdeskResult;
import dev.latchkey.helpdesk.VerificationResult;
import dev.latchkey.jdbc.JdbcSchema;
import dev.latchkey.jdbc.JdbcStore;
import dev.latchkey.mail.Branding;
import dev.latchkey.mail.MessageRenderer;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.District;
import dev.latchkey.roster.StudentAccountPolicy;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.signin.Credentials;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.spi.tck.logging.CapturedLogs;
import dev.latchkey.testkit.CapturingAuditSink;
import dev.latchkey.testkit.MutableClock;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every message Latchkey sends, in English and Spanish, from the change that causes it to a real
 * SMTP server: written to the JDBC outbox (H2) in the change's transaction, handed by the relay
 * to the {@link SmtpNotifier}, received by GreenMail, parsed back, and checked — recipient,
 * language, the guardian's name, the secret in the one message meant to carry it and nowhere
 * else, hostile names escaped. Then the failures: an SMTP outage loses nothing, a rejected
 * recipient is parked.
 */
class SmtpOutboxEndToEndTest {
  /** Friday, August 14, 2026, 5:05 PM in Chicago: the helpdesk has closed for the weekend. */
  private static final Instant START = Instant.parse("2026-08-14T22:05:00Z");
  private static final DistrictId DISTRICT = DistrictId.of("naperville-203");
  private static final String DISTRICT_NAME = "Naperville Community Unit School District 203";
  private static final String SENDER_DOMAIN = "naperville203.example.org";
  private static final RequestContext REQUEST = RequestContext.of("198.51.100.7", "Test/1.0");
  private static final Agent AGENT = Agent.of("alice");
  private static final String PASSWORD = "orange kite under seven bridges";
  private static final String NEW_PASSWORD = "violet harbor drums at midnight";
  private static final String WRONG_PASSWORD = "definitely not the password";
  private static final StudentId SOFIA = StudentId.of("s-sofia");
  private static final LocalDate SOFIA_BIRTH = LocalDate.of(2013, 4, 2);
  private static final String SOFIA_NUMBER = "100201";
  private static final Pattern KEY = Pattern.compile("\\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){4}\\b");
  private static final Pattern TOKEN = Pattern.compile("(?m)^ {4}([A-Za-z0-9_-]{43})$");

  private static final Parent MARIA = new Parent(GuardianId.of("g-maria"), "María", "López",
      "maria.lopez@example.org", "(630) 555-0142", "60540", Optional.of("es"), "maria.lopez");
  private static final Parent JOSE = new Parent(GuardianId.of("g-jose"), "Jose", "Lopez",
      "jose.lopez@example.org", "630.555.0199", "60563", Optional.empty(), "jose.lopez");
  private static final Parent HOSTILE = new Parent(GuardianId.of("g-obrien"),
      "<script>alert(\"x\")</script>", "O'Brien & \u202Egnp.exe", "obrien@example.org",
      "630.555.0111", "60565", Optional.empty(), "k.obrien");

  /** Words each message's subject starts with, per language. */
  private static final Map<String, Map<NotificationType, String>> SUBJECTS = Map.of(
      "en", Map.of(
          NotificationType.ACTIVATION_KEY, "Your portal activation key, for ",
          NotificationType.ACCOUNT_CREATED, "Your " + DISTRICT_NAME + " parent portal login was",
          NotificationType.USERNAME_REMINDER, "Your " + DISTRICT_NAME + " parent portal login name",
          NotificationType.PASSWORD_RESET, "Reset your ",
          NotificationType.PASSWORD_CHANGED, "Your " + DISTRICT_NAME + " parent portal password",
          NotificationType.ACCOUNT_LOCKED, "Your " + DISTRICT_NAME + " parent portal account is",
          NotificationType.STUDENT_CREDENTIALS, "Parent portal login for student "),
      "es", Map.of(
          NotificationType.ACTIVATION_KEY, "Su clave de activación del portal, solo para ",
          NotificationType.ACCOUNT_CREATED, "Se creó su usuario del portal para padres",
          NotificationType.USERNAME_REMINDER, "Su nombre de usuario del portal para padres",
          NotificationType.PASSWORD_RESET, "Restablezca su contraseña",
          NotificationType.PASSWORD_CHANGED, "Se cambió su contraseña",
          NotificationType.ACCOUNT_LOCKED, "Su cuenta del portal para padres de",
          NotificationType.STUDENT_CREDENTIALS, "Usuario del portal para el estudiante "));
  private static final Map<String, Map<String, String>> ACTION_SUBJECTS = Map.of(
      "en", Map.of("UNLOCKED", "Your " + DISTRICT_NAME + " parent portal account was unlocked",
          "LOGIN_NAME_READ", "The helpdesk gave out your parent portal login name",
          "EMAIL_CHANGED", "The email address on your parent portal account was changed"),
      "es", Map.of("UNLOCKED", "Se desbloqueó su cuenta del portal para padres de "
              + DISTRICT_NAME,
          "LOGIN_NAME_READ", "El servicio de ayuda dio a conocer su nombre de usuario del portal",
          "EMAIL_CHANGED", "Se cambió el correo electrónico de su cuenta del portal para padres"));

  private TestMailServer server;
  private JdbcDataSource dataSource;
  private JdbcStore store;
  private MutableClock clock;
  private CapturingAuditSink audit;
  private Latchkey latchkey;
  private int seen;
  /** Every secret the test saw (keys, tokens, initial passwords) with the one message it belongs in. */
  private final Map<String, String> secrets = new java.util.LinkedHashMap<>();
  private final List<MimeMessage> all = new ArrayList<>();

  record Parent(GuardianId id, String given, String family, String email, String phone,
      String postal, Optional<String> language, String login) {
    String lang() {
      return language.orElse("en");
    }

    EmailAddress address() {
      return EmailAddress.of(email);
    }

    /** The name as mail shows it: bidi overrides dropped. */
    String shownName() {
      return (given + " " + family).replace("\u202E", "");
    }

    String htmlName() {
      return shownName().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .replace("\"", "&quot;").replace("'", "&#39;");
    }
  }

  @BeforeEach
  void setUp() {
    server = new TestMailServer();
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:smtp" + HexFormat.of().formatHex(
        new SecureRandom().generateSeed(6)) + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    JdbcSchema.migrate(dataSource);
    ServerSecrets serverSecrets = ServerSecrets.ephemeral(new SecureRandom());
    store = JdbcStore.create(dataSource, serverSecrets);
    clock = MutableClock.at(START);
    audit = new CapturingAuditSink();
    // The facade needs its notifier before it exists; the renderer asks it for schedules later.
    MessageRenderer renderer = MessageRenderer.builder()
        .schedules(district -> latchkey.schedule().of(district))
        .branding(DISTRICT, Branding.defaults()
            .withPortalUrl("https://portal." + SENDER_DOMAIN + "/")
            .withPasswordResetUrl("https://portal." + SENDER_DOMAIN + "/reset"))
        .build();
    SmtpNotifier smtp = SmtpNotifier.builder().host("127.0.0.1").port(server.port())
        .security(SmtpNotifier.Security.NONE).sender("no-reply@" + SENDER_DOMAIN)
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)).renderer(renderer).build();
    latchkey = Latchkey.builder().store(store).notifier(smtp).secrets(serverSecrets)
        .clock(clock).audit(audit)
        .passwordHasher(Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(),
            new SecureRandom()))
        .throttlePolicy(new ThrottlePolicy(100_000, 100_000, 100_000, Duration.ofMinutes(15)))
        // Sofia's own login letter is queued by hand below, in each language, at a known time.
        .studentAccountPolicy(StudentAccountPolicy.none())
        // These tests read the test server's inbox right after each call.
        .deliverSynchronously()
        .build();
    seedRoster();
  }

  @AfterEach
  void tearDown() throws SQLException {
    server.close();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  private void seedRoster() {
    latchkey.roster().putDistrict(new District(DISTRICT, DISTRICT_NAME, "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("parentsupport@naperville203.org"),
        "630.420.6825"));
    latchkey.roster().putStudent(new Student(SOFIA, DISTRICT, SOFIA_NUMBER, "Sofia", "Lopez",
        Optional.of(SOFIA_BIRTH), Grade.G7, "Kennedy Junior High", EnrollmentStatus.ENROLLED));
    for (Parent p : List.of(MARIA, JOSE, HOSTILE)) {
      latchkey.roster().putGuardian(new Guardian(p.id(), DISTRICT, p.given(), p.family(),
          Optional.of(p.address()), Optional.of(p.phone()), Optional.of(p.postal()),
          p.language().map(Locale::forLanguageTag)));
      latchkey.roster().link(new GuardianLink(p.id(), SOFIA, Relationship.PARENT, true));
    }
  }

  // --- every message, end to end ---------------------------------------------------------------

  @Test
  @DisplayName("every message reaches the SMTP server in the guardian's language (Spanish)")
  void everyMessageInSpanish() throws Exception {
    lifeOf(MARIA);
    studentCredentials("es");
    assertSecretsOnlyWhereMeant();
  }

  @Test
  @DisplayName("every message reaches the SMTP server in the district's default (English)")
  void everyMessageInEnglish() throws Exception {
    lifeOf(JOSE);
    studentCredentials("en");
    assertSecretsOnlyWhereMeant();
  }

  @Test
  @DisplayName("a hostile name comes out escaped in HTML and without its bidi override in every message")
  void everyMessageWithAHostileName() throws Exception {
    lifeOf(HOSTILE);
    for (MimeMessage m : all) {
      assertThat(html(m)).doesNotContain("<script").doesNotContain("\u202E")
          .doesNotContain("O'Brien");
      assertThat(text(m)).doesNotContain("\u202E");
      assertThat(m.getSubject()).doesNotContain("\u202E");
    }
    assertSecretsOnlyWhereMeant();
  }

  /** The guardian's whole story with the portal, one message at a time. */
  private void lifeOf(Parent p) throws Exception {
    String lang = p.lang();

    assertThat(latchkey.activation().issue(p.id(), REQUEST))
        .isInstanceOf(IssueResult.Issued.class);
    MimeMessage keyMail = one(p, p.address(), NotificationType.ACTIVATION_KEY);
    Matcher key = KEY.matcher(text(keyMail));
    assertThat(key.find()).as("the key in the text").isTrue();
    secrets.put(key.group(), keyMail.getMessageID());
    assertThat(text(keyMail)).contains(lang.equals("es")
        ? "Esta clave es solo para " + p.shownName() + ". Cada padre, madre o tutor tiene su "
            + "propia clave"
        : "This key is for " + p.shownName() + " only. Each parent or guardian has their own key")
        .contains(lang.equals("es") ? "La clave funciona una sola vez" : "The key works once")
        .contains("Sofia Lopez");
    assertThat(html(keyMail)).contains(key.group()).contains("Sofia Lopez");

    RedeemResult redeemed = latchkey.activation().redeem(
        new Redemption(key.group(), p.login(), PASSWORD, PASSWORD), REQUEST);
    assertThat(redeemed).isInstanceOf(RedeemResult.Redeemed.class);
    AccountId account = ((RedeemResult.Redeemed) redeemed).account().id();
    assertThat(text(one(p, p.address(), NotificationType.ACCOUNT_CREATED))).contains(p.login());

    latchkey.recovery().forgotUsername(DISTRICT, p.email(), REQUEST);
    assertThat(text(one(p, p.address(), NotificationType.USERNAME_REMINDER)))
        .contains(p.login());

    latchkey.recovery().forgotPassword(DISTRICT, p.login(), REQUEST);
    MimeMessage resetMail = one(p, p.address(), NotificationType.PASSWORD_RESET);
    Matcher token = TOKEN.matcher(text(resetMail));
    assertThat(token.find()).as("the reset code in the text").isTrue();
    secrets.put(token.group(1), resetMail.getMessageID());
    assertThat(latchkey.recovery().checkResetToken(token.group(1)).name()).isEqualTo("VALID");
    assertThat(html(resetMail)).contains("https://portal." + SENDER_DOMAIN
        + "/reset?token&#x3D;" + token.group(1));

    assertThat(latchkey.accounts().changePassword(account, PASSWORD, NEW_PASSWORD,
        NEW_PASSWORD, REQUEST).toString()).doesNotContain(NEW_PASSWORD);
    one(p, p.address(), NotificationType.PASSWORD_CHANGED);

    for (int i = 0; i < 5; i++) {
      latchkey.signIn().signIn(new Credentials(DISTRICT, p.login(), WRONG_PASSWORD), REQUEST);
    }
    MimeMessage locked = one(p, p.address(), NotificationType.ACCOUNT_LOCKED);
    assertThat(text(locked)).contains(lang.equals("es")
        ? "Vuelve a abrir el lunes 17 de agosto de 2026, a las 7:30."
        : "It next opens Monday, August 17, 2026 at 7:30 AM.");
    assertThat(text(locked)).contains(lang.equals("es")
        ? "espere una respuesta a más tardar el lunes 17 de agosto de 2026, a las 15:30."
        : "expect an answer by Monday, August 17, 2026 at 3:30 PM.");
    assertThat(text(locked)).contains(lang.equals("es")
        ? "de lunes a viernes, de 7:30 a 15:30" : "Monday–Friday, 7:30 AM–3:30 PM");

    String verification = verify(p);
    assertThat(latchkey.helpdesk().unlock(AGENT, p.id(), verification, "caller phoned in"))
        .isInstanceOf(HelpdeskResult.Done.class);
    action(p, p.address(), "UNLOCKED");

    assertThat(latchkey.helpdesk().readLoginName(AGENT, p.id(), verify(p), "caller phoned in"))
        .isInstanceOf(HelpdeskResult.Done.class);
    action(p, p.address(), "LOGIN_NAME_READ");

    EmailAddress replacement = EmailAddress.of("new." + p.email());
    assertThat(latchkey.helpdesk().changeEmail(AGENT, p.id(), verify(p), replacement.value(),
        "caller phoned in")).isInstanceOf(HelpdeskResult.Done.class);
    List<MimeMessage> notices = newMail();
    assertThat(notices).hasSize(2);
    assertThat(notices).extracting(m -> m.getRecipients(Message.RecipientType.TO)[0].toString())
        .containsExactlyInAnyOrder(p.email(), replacement.value());
    for (MimeMessage notice : notices) {
      check(p, notice, (InternetAddress) notice.getRecipients(Message.RecipientType.TO)[0],
          ACTION_SUBJECTS.get(lang).get("EMAIL_CHANGED"));
    }

    assertThat(store.pendingCount()).as("the outbox is empty once all is delivered").isZero();
  }

  /** STUDENT_CREDENTIALS, which the host queues for a school: through the same outbox. */
  private void studentCredentials(String lang) throws Exception {
    String initial = "maple-orbit-42-canyon-" + lang;
    EmailAddress school = EmailAddress.of("office@kennedy.example.org");
    store.enqueue(new Notification(NotificationId.random(new SecureRandom()),
        NotificationType.STUDENT_CREDENTIALS, DISTRICT, school, Map.of(
            Notification.NAME, "Sofia Lopez", Notification.LOGIN_NAME, "sofia.lopez",
            Notification.DISTRICT_NAME, DISTRICT_NAME,
            Notification.HELPDESK_EMAIL, "parentsupport@naperville203.org",
            Notification.HELPDESK_PHONE, "630.420.6825", Notification.LANGUAGE, lang),
        Optional.of(SecretText.of(initial)), clock.instant()));

    assertThat(latchkey.outbox().runOnce()).isEqualTo(1);

    List<MimeMessage> mail = newMail();
    assertThat(mail).hasSize(1);
    MimeMessage m = mail.get(0);
    secrets.put(initial, m.getMessageID());
    assertThat(m.getRecipients(Message.RecipientType.TO)).containsExactly(
        new InternetAddress(school.value()));
    assertThat(m.getHeader("Content-Language")).containsExactly(lang);
    assertThat(m.getSubject()).isEqualTo(SUBJECTS.get(lang)
        .get(NotificationType.STUDENT_CREDENTIALS) + "Sofia Lopez");
    assertThat(text(m)).contains("sofia.lopez").contains(initial);
    assertThat(html(m)).contains(initial);
  }

  private String verify(Parent p) {
    VerificationResult result = latchkey.helpdesk().verifyCaller(AGENT, p.id(),
        new CallerAnswers(Optional.of(SOFIA_BIRTH), Optional.of(SOFIA_NUMBER),
            Optional.of(p.postal()), Optional.of(p.phone())));
    assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    return ((VerificationResult.Verified) result).verificationId();
  }

  private MimeMessage one(Parent p, EmailAddress to, NotificationType type) throws Exception {
    List<MimeMessage> mail = newMail();
    assertThat(mail).as("mail after the change that causes %s", type).hasSize(1);
    MimeMessage m = mail.get(0);
    check(p, m, new InternetAddress(to.value()), SUBJECTS.get(p.lang()).get(type));
    return m;
  }

  private void action(Parent p, EmailAddress to, String action) throws Exception {
    List<MimeMessage> mail = newMail();
    assertThat(mail).as("mail after the helpdesk's %s", action).hasSize(1);
    check(p, mail.get(0), new InternetAddress(to.value()),
        ACTION_SUBJECTS.get(p.lang()).get(action));
  }

  /** What every message to a guardian must be. */
  private void check(Parent p, MimeMessage m, InternetAddress to, String subjectStart)
      throws Exception {
    assertThat(m.getRecipients(Message.RecipientType.TO)).containsExactly(to);
    assertThat(m.getAllRecipients()).hasSize(1);
    assertThat(m.getHeader("Content-Language")).containsExactly(p.lang());
    assertThat(m.getSubject()).startsWith(subjectStart);
    assertThat(text(m)).startsWith((p.lang().equals("es") ? "Hola, " : "Hello ") + p.shownName())
        .doesNotContain(PASSWORD).doesNotContain(NEW_PASSWORD);
    assertThat(html(m)).contains("<html lang=\"" + p.lang() + "\">")
        .contains("<bdi>" + p.htmlName() + "</bdi>")
        .doesNotContain(PASSWORD).doesNotContain(NEW_PASSWORD);
    String id = m.getHeader("X-Latchkey-Notification")[0];
    assertThat(m.getMessageID()).isEqualTo("<" + id + "@" + SENDER_DOMAIN + ">");
    assertThat(m.getSentDate()).isNotNull();
  }

  /** Each secret the test saw appears in its own message and in no other, nor in any log line. */
  private void assertSecretsOnlyWhereMeant() throws Exception {
    assertThat(secrets).isNotEmpty();
    for (MimeMessage m : all) {
      String whole = m.getSubject() + "\n" + text(m) + "\n" + html(m);
      for (Map.Entry<String, String> secret : secrets.entrySet()) {
        assertThat(whole.contains(secret.getKey()))
            .as("secret of %s in %s", secret.getValue(), m.getMessageID())
            .isEqualTo(secret.getValue().equals(m.getMessageID()));
      }
    }
    assertThat(CapturedLogs.linesContaining(SmtpNotifier.class.getName()))
        .as("the capturing log binding sees the adapter's lines").isNotEmpty();
    for (String line : CapturedLogs.lines()) {
      if (line.contains("com.icegreen")) {
        continue; // the test server's own logging, not the code under test
      }
      for (String secret : secrets.keySet()) {
        assertThat(line).doesNotContain(secret);
      }
      assertThat(line).doesNotContain(PASSWORD).doesNotContain(NEW_PASSWORD);
    }
  }

  // --- failures ------------------------------------------------------------------------------

  @Test
  @DisplayName("an SMTP outage loses nothing: the changes commit, the mail waits, and goes once the server is back")
  void outageLosesNothing() throws Exception {
    server.stop();

    assertThat(latchkey.activation().issue(JOSE.id(), REQUEST))
        .isInstanceOf(IssueResult.Issued.class);
    assertThat(latchkey.activation().issue(MARIA.id(), REQUEST))
        .isInstanceOf(IssueResult.Issued.class);
    assertThat(store.pendingCount()).isEqualTo(2);
    clock.advance(Duration.ofHours(1));
    assertThat(latchkey.outbox().runOnce()).as("still down").isZero();
    assertThat(store.pendingCount()).isEqualTo(2);
    assertThat(latchkey.outbox().parked(10)).isEmpty();

    server.start();
    clock.advance(Duration.ofHours(2));
    assertThat(latchkey.outbox().runOnce()).isEqualTo(2);

    assertThat(store.pendingCount()).isZero();
    List<MimeMessage> mail = newMail();
    assertThat(mail).extracting(m -> m.getRecipients(Message.RecipientType.TO)[0].toString())
        .containsExactlyInAnyOrder(JOSE.email(), MARIA.email());
    for (MimeMessage m : mail) {
      Parent p = m.getRecipients(Message.RecipientType.TO)[0].toString().equals(JOSE.email())
          ? JOSE : MARIA;
      check(p, m, new InternetAddress(p.email()),
          SUBJECTS.get(p.lang()).get(NotificationType.ACTIVATION_KEY));
      Matcher key = KEY.matcher(text(m));
      assertThat(key.find()).isTrue();
      assertThat(latchkey.activation().redeem(
          new Redemption(key.group(), p.login(), PASSWORD, PASSWORD), REQUEST))
          .as("the key that waited out the outage works").isInstanceOf(RedeemResult.Redeemed.class);
    }
    assertThat(latchkey.outbox().runOnce()).as("nothing is sent twice").isZero();
  }

  @Test
  @DisplayName("a recipient the server rejects is parked and reported; one it defers waits for a retry")
  void rejectedRecipientIsParked() throws Exception {
    server.replyToRecipient(MARIA.email(), "550 5.1.1 <" + MARIA.email() + ">: no such user");
    server.replyToRecipient(JOSE.email(), "451 4.7.1 Greylisted, try again later");

    latchkey.activation().issue(MARIA.id(), REQUEST);
    latchkey.activation().issue(JOSE.id(), REQUEST);

    assertThat(server.received()).isEmpty();
    List<OutboxMessage> parked = latchkey.outbox().parked(10);
    assertThat(parked).singleElement().satisfies(m -> {
      assertThat(m.notification().recipient()).isEqualTo(MARIA.address());
      assertThat(m.notification().type()).isEqualTo(NotificationType.ACTIVATION_KEY);
    });
    assertThat(audit.events(AuditEventType.NOTIFICATION_PARKED)).hasSize(1);
    assertThat(store.pendingCount()).as("one parked, one waiting").isEqualTo(2);

    server.acceptEveryRecipient();
    clock.advance(Duration.ofMinutes(5));
    assertThat(latchkey.outbox().runOnce()).as("the deferred one, retried").isEqualTo(1);
    assertThat(latchkey.outbox().release(parked.get(0).notification().id())).isTrue();
    assertThat(latchkey.outbox().runOnce()).as("the parked one, released").isEqualTo(1);
    assertThat(newMail()).extracting(m -> m.getRecipients(Message.RecipientType.TO)[0].toString())
        .containsExactlyInAnyOrder(JOSE.email(), MARIA.email());
    assertThat(store.pendingCount()).isZero();
  }

  // --- reading mail back ---------------------------------------------------------------------

  private List<MimeMessage> newMail() {
    List<MimeMessage> received = server.received();
    List<MimeMessage> fresh = new ArrayList<>(received.subList(seen, received.size()));
    seen = received.size();
    all.addAll(fresh);
    return fresh;
  }

  private static String text(MimeMessage m) throws Exception {
    return (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
  }

  private static String html(MimeMessage m) throws Exception {
    return (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
  }
}
