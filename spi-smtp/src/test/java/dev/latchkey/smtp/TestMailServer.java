package dev.latchkey.smtp;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real SMTP server in this JVM (GreenMail) on a loopback port of its own, which can be stopped
 * and started again on the same port (an outage), and told to answer RCPT for an address with a
 * given reply, such as {@code 550} (a permanent rejection) or {@code 451} (try later).
 */
final class TestMailServer implements AutoCloseable {
  private final int port;
  private final Map<String, String> replies = new ConcurrentHashMap<>();
  private final GreenMail greenMail;

  TestMailServer() {
    this.port = freePort();
    this.greenMail = new ReplyingGreenMail(new ServerSetup(port, "127.0.0.1",
        ServerSetup.PROTOCOL_SMTP), replies);
    greenMail.start();
  }

  int port() {
    return port;
  }

  /** Answers RCPT TO {@code address} with {@code reply}, e.g. "550 5.1.1 No such user". */
  void replyToRecipient(String address, String reply) {
    replies.put(address.toLowerCase(Locale.ROOT), reply);
  }

  void acceptEveryRecipient() {
    replies.clear();
  }

  /** The outage: nothing listens on the port until {@link #start()}. */
  void stop() {
    greenMail.stop();
  }

  void start() {
    greenMail.start();
  }

  List<MimeMessage> received() {
    return List.of(greenMail.getReceivedMessages());
  }

  @Override
  public void close() {
    greenMail.stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GreenMail whose SMTP side asks {@code replies} about each recipient. */
  private static final class ReplyingGreenMail extends GreenMail {
    ReplyingGreenMail(ServerSetup setup, Map<String, String> replies) {
      super(new ServerSetup[] {setup});
      // GreenMail keeps these managers (and the mail received) across stop() and start().
      this.managers = new ReplyingManagers(replies);
    }
  }

  private static final class ReplyingManagers extends Managers {
    private final SmtpManager smtp;

    ReplyingManagers(Map<String, String> replies) {
      this.smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
        @Override
        public String checkRecipient(SmtpState state, MailAddress address) {
          return replies.get(address.getEmail().toLowerCase(Locale.ROOT));
        }
      };
    }

    @Override
    public SmtpManager getSmtpManager() {
      return smtp;
    }
  }
}
