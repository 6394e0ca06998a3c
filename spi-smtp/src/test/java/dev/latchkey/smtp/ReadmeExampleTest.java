package dev.latchkey.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.mail.Branding;
import dev.latchkey.mail.MessageRenderer;
import dev.latchkey.mail.TemplateSource;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.notify.Notifier;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.inmemory.InMemoryStore;
import jakarta.mail.internet.MimeMessage;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's "Sending mail" block, compiled and run against a test SMTP server. */
class ReadmeExampleTest {
  @Test
  @DisplayName("the README's wiring sends the key email, in the district's language, with the host's subject")
  void readmeWiringSendsMail() throws Exception {
    ExecutorService mailPool = Executors.newSingleThreadExecutor();
    try (TestMailServer server = new TestMailServer()) {
      DistrictId district = DistrictId.of("naperville-203");
      ClassLoader loader = getClass().getClassLoader();
      String smtpHost = "127.0.0.1";
      int smtpPort = server.port();
      LatchkeyStore store = InMemoryStore.create();
      ServerSecrets secrets = ServerSecrets.ephemeral(new SecureRandom());

      // --- as in the README ---
      // The facade needs its notifier before it exists; the renderer asks it for a district's
      // schedule (time zone, hours, "answer by") only when it writes a message.
      AtomicReference<Latchkey> facade = new AtomicReference<>();
      MessageRenderer renderer = MessageRenderer.builder()
          .schedules(d -> facade.get().schedule().of(d))
          .branding(district, Branding.defaults()
              .withPortalUrl("https://portal.district.example.org/")
              .withPasswordResetUrl("https://portal.district.example.org/reset"))
          .defaultLanguage(district, Locale.forLanguageTag("es"))   // optional; else English
          .templates(TemplateSource.classpath(loader, "mail"))      // optional: your overrides
          .build();
      Notifier mail = SmtpNotifier.builder()
          .host(smtpHost)                                  // STARTTLS on port 587 unless told otherwise
          .port(smtpPort)
          .security(SmtpNotifier.Security.NONE)            // here: a test server on localhost
          .sender("no-reply@district.example.org")
          .renderer(renderer)
          .build();
      // Mail goes out on the host's pool, never on the request thread.
      facade.set(Latchkey.builder().store(store).notifier(mail).secrets(secrets)
          .relayExecutor(mailPool)
          .passwordHasher(Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(),
              new SecureRandom()))
          .build());
      // --- end ---

      Latchkey latchkey = facade.get();
      latchkey.roster().putDistrict(new District(district,
          "Naperville Community Unit School District 203", "IL", ZoneId.of("America/Chicago"),
          EmailAddress.of("parentsupport@example.org"), "630.420.6825"));
      GuardianId maria = GuardianId.of("g-1001");
      latchkey.roster().putGuardian(Guardian.of(maria, district, "Maria", "Lopez",
          EmailAddress.of("maria.lopez@example.org")));

      assertThat(latchkey.activation().issue(maria, RequestContext.system()))
          .isInstanceOf(IssueResult.Issued.class);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.received().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(server.received()).hasSize(1);
      MimeMessage received = server.received().get(0);
      assertThat(received.getSubject()).isEqualTo(
          "Clave de activación para Maria Lopez (Naperville Community Unit School District 203)");
      assertThat(received.getHeader("Content-Language")).containsExactly("es");
    } finally {
      mailPool.shutdownNow();
    }
  }
}
