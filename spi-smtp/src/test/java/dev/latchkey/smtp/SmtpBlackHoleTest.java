package dev.latchkey.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.Redemption;
import dev.latchkey.inmemory.InMemoryStore;
import dev.latchkey.mail.MessageRenderer;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.notify.Notifier;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.recovery.RecoveryAnswer;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A mail server that accepts connections and never answers (a black hole: a firewall dropping
 * replies, a wedged relay) holds whoever talks to it until the read timeout. With the relay on
 * the host's executor that is the relay's thread, never a request's.
 */
class SmtpBlackHoleTest {
  private static final DistrictId DISTRICT = DistrictId.of("naperville-203");
  private static final GuardianId MARIA = GuardianId.of("g-1001");
  private static final GuardianId JOSE = GuardianId.of("g-1002");
  private static final EmailAddress JOSE_EMAIL = EmailAddress.of("jose.lopez@example.org");
  private static final EmailAddress MARIA_EMAIL = EmailAddress.of("maria.lopez@example.org");
  private static final String PASSWORD = "orange kite under seven bridges";
  private static final RequestContext REQUEST = RequestContext.of("203.0.113.5", "Test/1.0");
  private static final long LIMIT_MILLIS = 200;

  /** Accepts every connection on a loopback port and never writes a byte. */
  private static final class BlackHole implements AutoCloseable {
    final ServerSocket socket;
    final List<Socket> held = new CopyOnWriteArrayList<>();

    BlackHole() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            held.add(socket.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  private static <T> T timed(String what, Supplier<T> call) {
    long started = System.nanoTime();
    T result = call.get();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(millis).as("%s took %d ms", what, millis).isLessThan(LIMIT_MILLIS);
    return result;
  }

  @Test
  @DisplayName("with a black-holed mail server, a redemption and a forgot-password return in under 200 ms, and their mail goes out once a server answers")
  void blackHoledServerHoldsNoRequest() throws Exception {
    ExecutorService relay = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mail-relay");
      t.setDaemon(true);
      return t;
    });
    try (BlackHole hole = new BlackHole(); TestMailServer working = new TestMailServer()) {
      AtomicReference<Latchkey> facade = new AtomicReference<>();
      MessageRenderer renderer = MessageRenderer.builder()
          .schedules(d -> facade.get().schedule().of(d)).build();
      Notifier toHole = smtp(hole.socket.getLocalPort(), renderer);
      Notifier toWorking = smtp(working.port(), renderer);
      AtomicReference<Notifier> server = new AtomicReference<>(toHole);
      // What the relay tried to send, captured before the server is asked: the key to redeem.
      CapturingNotifier attempted = new CapturingNotifier();
      MutableClock clock = MutableClock.at(Instant.parse("2026-08-17T12:00:00Z"));
      InMemoryStore store = InMemoryStore.create();
      facade.set(Latchkey.builder().store(store).clock(clock)
          .secrets(ServerSecrets.ephemeral(new SecureRandom()))
          .passwordHasher(Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(),
              new SecureRandom()))
          .notifier(n -> {
            attempted.send(n);
            server.get().send(n);
          })
          .relayExecutor(relay)
          .build());
      Latchkey latchkey = facade.get();
      latchkey.roster().putDistrict(new District(DISTRICT,
          "Naperville Community Unit School District 203", "IL", ZoneId.of("America/Chicago"),
          EmailAddress.of("parentsupport@example.org"), "630.420.6825"));
      latchkey.roster().putGuardian(Guardian.of(MARIA, DISTRICT, "Maria", "Lopez",
          MARIA_EMAIL));
      latchkey.roster().putGuardian(Guardian.of(JOSE, DISTRICT, "Jose", "Lopez", JOSE_EMAIL));

      assertThat(timed("issue", () -> latchkey.activation().issue(MARIA, REQUEST)))
          .isInstanceOf(IssueResult.Issued.class);
      latchkey.activation().issue(JOSE, REQUEST);
      String key = awaitKey(attempted, MARIA_EMAIL);
      // Jose's turn first, untimed: the JVM's first redemption loads the password checks.
      assertThat(latchkey.activation().redeem(new Redemption(awaitKey(attempted, JOSE_EMAIL),
          "jose.lopez", PASSWORD, PASSWORD), REQUEST).code()).isEqualTo(RedeemCode.REDEEMED);
      latchkey.recovery().forgotPassword(DISTRICT, "jose.lopez", REQUEST);

      assertThat(timed("redemption", () -> latchkey.activation().redeem(
          new Redemption(key, "maria.lopez", PASSWORD, PASSWORD), REQUEST)).code())
          .isEqualTo(RedeemCode.REDEEMED);
      assertThat(timed("forgot-password",
          () -> latchkey.recovery().forgotPassword(DISTRICT, "maria.lopez", REQUEST)))
          .isEqualTo(RecoveryAnswer.ACCEPTED);

      // The relay's drains wait out the read timeout, fail, and leave every message queued.
      relay.shutdown();
      assertThat(relay.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(hole.held).isNotEmpty();
      assertThat(working.received()).isEmpty();
      assertThat(store.pendingCount()).isEqualTo(6);

      // The server answers again; the host's schedule retries after the back-off.
      server.set(toWorking);
      clock.advance(Duration.ofHours(2));
      int delivered = 0;
      for (int run = 0; run < 3 && store.pendingCount() > 0; run++) {
        delivered += latchkey.outbox().runOnce();
      }
      assertThat(delivered).isEqualTo(6);
      assertThat(attempted.sent()).extracting(n -> n.type()).containsOnly(
          NotificationType.ACTIVATION_KEY, NotificationType.ACCOUNT_CREATED,
          NotificationType.PASSWORD_RESET);
      assertThat(working.received()).extracting(SmtpBlackHoleTest::notificationId)
          .containsExactlyInAnyOrderElementsOf(attempted.sent().stream()
              .map(n -> n.id().value()).distinct().toList());
    } finally {
      relay.shutdownNow();
    }
  }

  private static String awaitKey(CapturingNotifier attempted, EmailAddress to)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (attempted.lastKeyFor(to).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return attempted.lastKeyFor(to).orElseThrow();
  }

  private static Notifier smtp(int port, MessageRenderer renderer) {
    return SmtpNotifier.builder().host("127.0.0.1").port(port)
        .security(SmtpNotifier.Security.NONE).sender("no-reply@district.example.org")
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)).renderer(renderer).build();
  }

  private static String notificationId(MimeMessage message) {
    try {
      String[] header = message.getHeader("X-Latchkey-Notification");
      return header == null ? "?" : header[0];
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
