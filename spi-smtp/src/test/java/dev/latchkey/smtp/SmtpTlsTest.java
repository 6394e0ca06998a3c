package dev.latchkey.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.latchkey.mail.MessageRenderer;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationException;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.schedule.SupportSchedule;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP over TLS ("SMTPS") with a login, against GreenMail serving a certificate made for this
 * test (for 127.0.0.1 only, by the JDK's keytool): delivered when the certificate is trusted
 * and names the host; refused, and retryable, when it names another host — even with sockets
 * that would trust any certificate.
 */
class SmtpTlsTest {
  private static final String STORE_PASSWORD = "changeit";
  private static final String KEY = "7QM4X-PT92H-DW3RC-K8N5B-VJ2TE";
  private static final SupportSchedule SCHEDULE =
      SupportSchedule.defaults(ZoneId.of("America/Chicago"));

  @TempDir
  static Path dir;
  private static Path keystore;

  private int port;
  private GreenMail smtps;

  @BeforeAll
  static void makeCertificate() throws Exception {
    keystore = dir.resolve("smtps.p12");
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "greenmail", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
    // Read once, by the first SMTPS server of this JVM; no other test class starts one.
    System.setProperty("greenmail.tls.keystore.file", keystore.toString());
    System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
  }

  @BeforeEach
  void startServer() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    smtps = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    smtps.setUser("no-reply@naperville203.example.org", "mailer", "hunter2-password");
    smtps.start();
  }

  @AfterEach
  void stopServer() {
    smtps.stop();
  }

  private SmtpNotifier notifier(String host, SSLSocketFactory sockets) {
    return SmtpNotifier.builder().host(host).port(port).security(SmtpNotifier.Security.TLS)
        .sslSocketFactory(sockets).credentials("mailer", "hunter2-password")
        .sender("no-reply@naperville203.example.org")
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
        .renderer(MessageRenderer.builder().schedules(d -> SCHEDULE).build()).build();
  }

  private static Notification keyMail() {
    return new Notification(new NotificationId("00112233445566778899aabbccddeeff"),
        NotificationType.ACTIVATION_KEY, DistrictId.of("naperville-203"),
        EmailAddress.of("maria.lopez@example.org"), Map.of(Notification.NAME, "Maria Lopez",
            Notification.DISTRICT_NAME, "Naperville Community Unit School District 203",
            Notification.HELPDESK_EMAIL, "parentsupport@naperville203.org",
            Notification.HELPDESK_PHONE, "630.420.6825",
            Notification.EXPIRES_AT, "2026-08-21T22:05:00Z"),
        Optional.of(SecretText.of(KEY)), Instant.parse("2026-08-14T22:05:00Z"));
  }

  @Test
  @DisplayName("over TLS with a login, a trusted certificate naming the host: delivered")
  void deliveredOverTlsWithALogin() throws Exception {
    notifier("127.0.0.1", trusting(keystore)).send(keyMail());

    MimeMessage received = smtps.getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo(
        "Your portal activation key, for Maria Lopez only");
  }

  @Test
  @DisplayName("a certificate for another host is refused, even by sockets that trust any, and retried later")
  void serverNameIsChecked() {
    NotificationException e = catchThrowableOfType(NotificationException.class,
        () -> notifier("localhost", trustingAnything()).send(keyMail()));

    assertThat(e.isPermanent()).isFalse();
    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("hunter2");
    assertThat(smtps.getReceivedMessages()).isEmpty();
  }

  @Test
  @DisplayName("a certificate no one vouches for is refused: the JVM's trust store applies by default")
  void untrustedCertificateIsRefused() {
    SmtpNotifier notifier = SmtpNotifier.builder().host("127.0.0.1").port(port)
        .security(SmtpNotifier.Security.TLS).credentials("mailer", "hunter2-password")
        .sender("no-reply@naperville203.example.org")
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
        .renderer(MessageRenderer.builder().schedules(d -> SCHEDULE).build()).build();

    NotificationException e = catchThrowableOfType(NotificationException.class,
        () -> notifier.send(keyMail()));

    assertThat(e.isPermanent()).isFalse();
    assertThat(smtps.getReceivedMessages()).isEmpty();
  }

  private static SSLSocketFactory trusting(Path store) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      trusted.load(in, STORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static SSLSocketFactory trustingAnything() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
      }

      @Override
      public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
      }

      @Override
      public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    }}, null);
    return context.getSocketFactory();
  }
}
