package dev.latchkey.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latchkey.StoreException;
import dev.latchkey.mail.MessageRenderer;
import dev.latchkey.mail.TemplateSource;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationException;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.schedule.SupportSchedule;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapter against a real SMTP server: the message it writes, and how failures surface. */
class SmtpNotifierTest {
  private static final DistrictId DISTRICT = DistrictId.of("naperville-203");
  private static final SupportSchedule SCHEDULE =
      SupportSchedule.defaults(ZoneId.of("America/Chicago"));
  private static final String KEY = "7QM4X-PT92H-DW3RC-K8N5B-VJ2TE";
  private static final NotificationId ID = new NotificationId("00112233445566778899aabbccddeeff");
  private static final EmailAddress MARIA = EmailAddress.of("maria.lopez@example.org");

  private final TestMailServer server = new TestMailServer();

  @AfterEach
  void stopServer() {
    server.close();
  }

  private SmtpNotifier.Builder notifier(Function<DistrictId, SupportSchedule> schedules) {
    return SmtpNotifier.builder().host("127.0.0.1").port(server.port())
        .security(SmtpNotifier.Security.NONE).sender("no-reply@naperville203.example.org")
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
        .renderer(MessageRenderer.builder().schedules(schedules).build());
  }

  private SmtpNotifier notifier() {
    return notifier(d -> SCHEDULE).build();
  }

  private static Notification activationKey(EmailAddress to, String language) {
    return new Notification(ID, NotificationType.ACTIVATION_KEY, DISTRICT, to, Map.of(
        Notification.NAME, "María López",
        Notification.DISTRICT_NAME, "Naperville Community Unit School District 203",
        Notification.HELPDESK_EMAIL, "parentsupport@naperville203.org",
        Notification.HELPDESK_PHONE, "630.420.6825",
        Notification.EXPIRES_AT, "2026-08-21T22:05:00Z",
        Notification.STUDENTS, "Sofia Lopez",
        Notification.LANGUAGE, language), Optional.of(SecretText.of(KEY)),
        Instant.parse("2026-08-14T22:05:00Z"));
  }

  @Test
  @DisplayName("a message is multipart/alternative, text then HTML, in UTF-8, with its headers")
  void messageShape() throws Exception {
    notifier().send(activationKey(MARIA, "es"));

    MimeMessage received = server.received().get(0);
    assertThat(received.getRecipients(Message.RecipientType.TO))
        .containsExactly(new InternetAddress(MARIA.value()));
    InternetAddress from = (InternetAddress) received.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("no-reply@naperville203.example.org");
    assertThat(from.getPersonal()).isEqualTo("Naperville Community Unit School District 203");
    assertThat(received.getReplyTo())
        .containsExactly(new InternetAddress("parentsupport@naperville203.org"));
    assertThat(received.getSubject()).isEqualTo(
        "Su clave de activación del portal, solo para María López");
    assertThat(received.getMessageID()).isEqualTo("<" + ID.value() + "@naperville203.example.org>");
    assertThat(received.getHeader("Content-Language")).containsExactly("es");
    assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(received.getSentDate().toInstant()).isEqualTo("2026-08-14T22:05:00Z");

    assertThat(received.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
    assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("utf-8");
    assertThat((String) text.getContent()).contains("Hola, María López:").contains(KEY);
    assertThat((String) html.getContent()).contains("<bdi>María López</bdi>").contains(KEY);
  }

  @Test
  @DisplayName("a retried delivery is recognisably the same message: same Message-ID")
  void retriedDeliveryKeepsTheMessageId() throws Exception {
    SmtpNotifier notifier = notifier();

    notifier.send(activationKey(MARIA, "en"));
    notifier.send(activationKey(MARIA, "en"));

    assertThat(server.received()).hasSize(2);
    assertThat(server.received().get(0).getMessageID())
        .isEqualTo(server.received().get(1).getMessageID())
        .isEqualTo("<" + ID.value() + "@naperville203.example.org>");
    assertThat(server.received().get(0).getHeader("X-Latchkey-Notification"))
        .containsExactly(ID.value());
  }

  @Test
  @DisplayName("the sender's name and the Message-ID domain can be set; Reply-To can be left out")
  void senderOptions() throws Exception {
    notifier(d -> SCHEDULE).senderName("District 203 Parent Portal")
        .messageIdDomain("mail.example.org").replyToHelpdesk(false).build()
        .send(activationKey(MARIA, "en"));

    MimeMessage received = server.received().get(0);
    assertThat(((InternetAddress) received.getFrom()[0]).getPersonal())
        .isEqualTo("District 203 Parent Portal");
    assertThat(received.getMessageID()).isEqualTo("<" + ID.value() + "@mail.example.org>");
    assertThat(received.getHeader("Reply-To")).isNull();
  }

  @Test
  @DisplayName("a recipient the server rejects for good (5xx) is a permanent failure")
  void rejectedRecipientIsPermanent() {
    server.replyToRecipient(MARIA.value(), "550 5.1.1 No such user here");

    NotificationException e = catchThrowableOfType(NotificationException.class,
        () -> notifier().send(activationKey(MARIA, "en")));

    assertThat(e.isPermanent()).isTrue();
    assertThat(e.getMessage()).contains("ACTIVATION_KEY", ID.value(), "550")
        .doesNotContain(KEY);
    assertThat(server.received()).isEmpty();
  }

  @Test
  @DisplayName("a recipient the server defers (4xx) is a failure worth retrying")
  void deferredRecipientIsRetryable() {
    server.replyToRecipient(MARIA.value(), "451 4.3.0 Mailbox busy, try again later");

    NotificationException e = catchThrowableOfType(NotificationException.class,
        () -> notifier().send(activationKey(MARIA, "en")));

    assertThat(e.isPermanent()).isFalse();
    assertThat(e.getMessage()).contains("451").doesNotContain(KEY);
  }

  @Test
  @DisplayName("a server that is down is a failure worth retrying")
  void serverDownIsRetryable() {
    server.stop();

    NotificationException e = catchThrowableOfType(NotificationException.class,
        () -> notifier().send(activationKey(MARIA, "en")));

    assertThat(e.isPermanent()).isFalse();
    assertThat(e.getMessage()).contains("could not be reached").doesNotContain(KEY);
  }

  @Test
  @DisplayName("a message that cannot be rendered is parked at once: retrying cannot fix it")
  void unrenderableIsPermanent() {
    SmtpNotifier broken = SmtpNotifier.builder().host("127.0.0.1").port(server.port())
        .security(SmtpNotifier.Security.NONE).sender("no-reply@naperville203.example.org")
        .renderer(MessageRenderer.builder().schedules(d -> SCHEDULE)
            .templates(TemplateSource.of(Map.of("en/activation-key.text.mustache",
                "{{secret}} {{noSuchValue}}")))
            .build())
        .build();
    SmtpNotifier unknownDistrict = notifier(d -> {
      throw new IllegalArgumentException("unknown district " + d);
    }).build();

    for (SmtpNotifier notifier : new SmtpNotifier[] {broken, unknownDistrict}) {
      NotificationException e = catchThrowableOfType(NotificationException.class,
          () -> notifier.send(activationKey(MARIA, "en")));
      assertThat(e.isPermanent()).isTrue();
      assertThat(e.getMessage()).doesNotContain(KEY);
    }
  }

  @Test
  @DisplayName("a cause whose text holds the secret is withheld from the exception")
  void causeHoldingTheSecretIsWithheld() {
    SmtpNotifier notifier = notifier(d -> {
      throw new IllegalArgumentException("host code that quoted " + KEY);
    }).build();

    NotificationException e = catchThrowableOfType(NotificationException.class,
        () -> notifier.send(activationKey(MARIA, "en")));

    assertThat(e.isPermanent()).isTrue();
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
    }
  }

  @Test
  @DisplayName("a store that is down while the schedule is read is a failure worth retrying")
  void storeDownWhileRenderingIsRetryable() {
    SmtpNotifier notifier = notifier(d -> {
      throw new StoreException("store unavailable", null, true);
    }).build();

    NotificationException e = catchThrowableOfType(NotificationException.class,
        () -> notifier.send(activationKey(MARIA, "en")));

    assertThat(e.isPermanent()).isFalse();
  }

  @Test
  @DisplayName("credentials go over TLS only, and toString never shows the password")
  void credentialsAreGuarded() {
    assertThatThrownBy(() -> notifier(d -> SCHEDULE).credentials("mailer", "hunter2-password")
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("TLS");

    SmtpNotifier withLogin = SmtpNotifier.builder().host("smtp.example.org")
        .credentials("mailer", "hunter2-password").sender("no-reply@example.org")
        .renderer(MessageRenderer.builder().schedules(d -> SCHEDULE).build()).build();

    assertThat(withLogin.toString()).contains("smtp.example.org:587", "STARTTLS", "mailer")
        .doesNotContain("hunter2");
  }

  @Test
  @DisplayName("the builder refuses a missing host, sender or renderer and a bad sender")
  void builderChecks() {
    assertThatThrownBy(() -> SmtpNotifier.builder().host("h").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> notifier(d -> SCHEDULE).sender("a@x.org, b@y.org").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmtpNotifier.builder().host("smtp example")).isInstanceOf(
        IllegalArgumentException.class);
  }
}
