package dev.latchkey.smtp;

import dev.latchkey.mail.MessageRenderer;
import dev.latchkey.mail.RenderedMessage;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationException;
import dev.latchkey.notify.Notifier;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Latchkey's notifications as mail over SMTP with Jakarta Mail (Eclipse Angus): each one
 * rendered by a {@link MessageRenderer} into a {@code multipart/alternative} message, plain text
 * first and HTML second, to the notification's recipient — the address of record — only.
 *
 * <pre>{@code
 * Notifier mail = SmtpNotifier.builder()
 *     .host("smtp.district.example.org")          // port 587 and STARTTLS unless told otherwise
 *     .credentials("portal-mailer", password)
 *     .sender("no-reply@district.example.org")
 *     .renderer(renderer)
 *     .build();
 * }</pre>
 *
 * <h2>Retries</h2>
 *
 * <p>The outbox delivers at least once, so a message may be sent again after a failure that
 * happened after the server took it. Every message therefore carries a {@code Message-ID} made
 * from the notification's id, {@code <id@domain>}, the same on every attempt: mail clients and
 * gateways recognise the copy. A failure that retrying may cure — the server is down or slow, a
 * 4xx reply, a refused login, a refused sender — throws a plain {@link NotificationException} so
 * the outbox tries again later. A failure that concerns this message alone and will not change
 * — the server rejects the recipient (5xx) or the message (5xx after DATA), the address cannot be
 * parsed, the message cannot be rendered (a broken template, an unknown district) — throws
 * {@link NotificationException#permanent}, and the outbox parks it at once for an operator.
 *
 * <h2>Secrets</h2>
 *
 * <p>Only the rendered message holds the notification's secret. Exception messages and log lines
 * name the notification by type and id, never its content; Jakarta Mail's debug output, which
 * would print the whole message, is never turned on; {@link #toString()} shows no password.
 *
 * <p>Also set: {@code Date} (when the change happened), {@code Content-Language}, {@code
 * Auto-Submitted: auto-generated} (RFC 3834, so vacation responders stay quiet), {@code
 * Reply-To} the district's helpdesk (unless turned off) and {@code X-Latchkey-Notification}
 * with the id. Thread-safe; each message is sent over its own connection.
 */
public final class SmtpNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpNotifier.class);
  private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}");

  /** How the connection to the server is protected. */
  public enum Security {
    /** Plain SMTP: for a relay on the same host or a test server. No credentials allowed. */
    NONE(25),
    /** Plain SMTP upgraded with STARTTLS, which is required: the usual submission on port 587. */
    STARTTLS(587),
    /** TLS from the first byte ("SMTPS", implicit TLS), usually port 465. */
    TLS(465);

    private final int defaultPort;

    Security(int defaultPort) {
      this.defaultPort = defaultPort;
    }

    /**
     * The port used when none is given.
     *
     * @return 25, 587 or 465
     */
    public int defaultPort() {
      return defaultPort;
    }
  }

  private final String host;
  private final int port;
  private final Security security;
  private final @Nullable String username;
  private final @Nullable String password;
  private final InternetAddress sender;
  private final @Nullable String senderName;
  private final String messageIdDomain;
  private final boolean replyToHelpdesk;
  private final MessageRenderer renderer;
  private final Session session;
  private final String protocol;

  private SmtpNotifier(Builder b, InternetAddress sender) {
    this.host = b.host;
    this.port = b.port != 0 ? b.port : b.security.defaultPort();
    this.security = b.security;
    this.username = b.username;
    this.password = b.password;
    this.sender = sender;
    this.senderName = b.senderName;
    this.messageIdDomain = b.messageIdDomain != null ? b.messageIdDomain
        : sender.getAddress().substring(sender.getAddress().lastIndexOf('@') + 1);
    this.replyToHelpdesk = b.replyToHelpdesk;
    this.renderer = b.renderer;
    this.protocol = security == Security.TLS ? "smtps" : "smtp";
    this.session = Session.getInstance(properties(b));
  }

  /**
   * A builder with STARTTLS on its default port, ten-second connect and thirty-second read
   * timeouts, replies to the helpdesk, and no host, sender or renderer yet.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private Properties properties(Builder b) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put(p + "host", host);
    props.put(p + "port", Integer.toString(port));
    props.put(p + "connectiontimeout", Long.toString(b.connectTimeout.toMillis()));
    props.put(p + "timeout", Long.toString(b.readTimeout.toMillis()));
    props.put(p + "writetimeout", Long.toString(b.readTimeout.toMillis()));
    props.put(p + "auth", Boolean.toString(username != null));
    props.put(p + "from", sender.getAddress());
    if (security == Security.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (security != Security.NONE) {
      props.put(p + "ssl.checkserveridentity", "true");
      props.put(p + "ssl.protocols", "TLSv1.3 TLSv1.2");
      if (b.socketFactory != null) {
        props.put(p + "ssl.socketFactory", b.socketFactory);
      }
      // A connection that fails with the configured sockets must fail, not retry with others.
      props.put(p + "socketFactory.fallback", "false");
    }
    if (b.heloName != null) {
      props.put(p + "localhost", b.heloName);
    }
    // Never "mail.debug": it prints every message, secrets and all, to standard out.
    props.put("mail.debug", "false");
    return props;
  }

  /**
   * Renders and sends one notification, over a connection of its own.
   *
   * @param notification the message to send
   * @throws NotificationException on failure: {@linkplain NotificationException#isPermanent()
   *     permanent} when retrying cannot help (see the class comment)
   */
  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    String what = notification.type() + " " + notification.id();
    String secret = notification.secret().map(s -> s.reveal()).orElse(null);
    RenderedMessage rendered;
    try {
      rendered = renderer.render(notification);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // A broken template or an unknown district: the same every time until someone fixes it.
      throw NotificationException.permanent("cannot render " + what + " ("
          + e.getClass().getSimpleName() + ")", safeCause(e, secret));
    } catch (RuntimeException e) {
      // The schedule's store may be down for a moment.
      throw new NotificationException("cannot render " + what + " now ("
          + e.getClass().getSimpleName() + ")", safeCause(e, secret));
    }
    MimeMessage message;
    try {
      message = message(notification, rendered);
    } catch (AddressException e) {
      throw NotificationException.permanent("the recipient address of " + what
          + " is not one SMTP accepts", safeCause(e, secret));
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw NotificationException.permanent("cannot build the mail for " + what,
          safeCause(e, secret));
    }
    try {
      transmit(message);
    } catch (MessagingException e) {
      throw classify(what, e, secret);
    }
    LOG.debug("sent {} to the SMTP server {}:{}", what, host, port);
  }

  private void transmit(MimeMessage message) throws MessagingException {
    Transport transport = session.getTransport(protocol);
    try {
      if (username != null) {
        transport.connect(host, port, username, password);
      } else {
        transport.connect();
      }
      transport.sendMessage(message, message.getAllRecipients());
    } finally {
      try {
        transport.close();
      } catch (MessagingException e) {
        // The message was handed over (or the send already failed): a failed QUIT changes nothing.
        LOG.debug("closing the SMTP connection failed ({})", e.getClass().getName());
      }
    }
  }

  private MimeMessage message(Notification n, RenderedMessage rendered)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage message = new StableIdMessage(session,
        "<" + n.id().value() + "@" + messageIdDomain + ">");
    String name = senderName != null ? senderName
        : n.field(Notification.DISTRICT_NAME).map(SmtpNotifier::oneLine).orElse(null);
    message.setFrom(name == null ? sender
        : new InternetAddress(sender.getAddress(), name, StandardCharsets.UTF_8.name()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(n.recipient().value(), true));
    if (replyToHelpdesk) {
      Optional<InternetAddress> helpdesk = n.field(Notification.HELPDESK_EMAIL)
          .flatMap(SmtpNotifier::address);
      if (helpdesk.isPresent()) {
        message.setReplyTo(new InternetAddress[] {helpdesk.get()});
      }
    }
    message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(n.createdAt()));
    message.setHeader("Content-Language", rendered.language().toLanguageTag());
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("X-Latchkey-Notification", n.id().value());

    MimeBodyPart text = new MimeBodyPart();
    text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }

  /**
   * Permanent when the server refused this recipient or this message for good (5xx), or the
   * address was refused before any server saw it; retryable otherwise (no connection, timeouts,
   * 4xx, a refused login or sender: the server's or the configuration's state, not the
   * message's).
   */
  private static NotificationException classify(String what, MessagingException e,
      @Nullable String secret) {
    List<Exception> chain = chain(e);
    Throwable cause = safeCause(e, secret);
    for (Exception x : chain) {
      if (x instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500) {
        return NotificationException.permanent("the SMTP server rejected the recipient of "
            + what + " (" + a.getReturnCode() + ")", cause);
      }
    }
    for (Exception x : chain) {
      if (x instanceof SMTPSendFailedException s && !(x instanceof SMTPSenderFailedException)
          && s.getReturnCode() >= 500) {
        return NotificationException.permanent("the SMTP server rejected " + what + " ("
            + s.getReturnCode() + ")", cause);
      }
    }
    boolean replied = chain.stream().anyMatch(x -> x instanceof SMTPAddressFailedException
        || x instanceof SMTPSendFailedException);
    if (!replied && e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
        && sfe.getInvalidAddresses().length > 0) {
      return NotificationException.permanent("the recipient address of " + what
          + " was refused before sending", cause);
    }
    String reason = e instanceof AuthenticationFailedException ? "the SMTP login was refused"
        : replied ? "the SMTP server deferred it (" + lastCode(chain) + ")"
        : "the SMTP server could not be reached or did not answer";
    return new NotificationException("delivery of " + what + " failed, will retry: " + reason,
        cause);
  }

  private static List<Exception> chain(MessagingException e) {
    List<Exception> chain = new ArrayList<>();
    Exception current = e;
    while (current != null && chain.size() < 32 && !chain.contains(current)) {
      chain.add(current);
      current = current instanceof MessagingException m ? m.getNextException() : null;
    }
    return chain;
  }

  private static String lastCode(List<Exception> chain) {
    int code = 0;
    for (Exception x : chain) {
      if (x instanceof SMTPAddressFailedException a) {
        code = a.getReturnCode();
      } else if (x instanceof SMTPSendFailedException s) {
        code = s.getReturnCode();
      }
    }
    return Integer.toString(code);
  }

  /**
   * The cause to keep, or a stand-in naming its class when some text in its chain (a server's
   * reply, say) contains the secret: no secret ever leaves in an exception.
   */
  private static Throwable safeCause(Exception e, @Nullable String secret) {
    if (secret == null || secret.isEmpty()) {
      return e;
    }
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.push(e);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!todo.isEmpty() && seen.size() < 64) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (String.valueOf(t.getMessage()).contains(secret)) {
        return new MessagingException(e.getClass().getName() + " (its text withheld)");
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
      if (t instanceof MessagingException m && m.getNextException() != null) {
        todo.push(m.getNextException());
      }
    }
    return e;
  }

  private static Optional<InternetAddress> address(String value) {
    try {
      return Optional.of(new InternetAddress(value, true));
    } catch (AddressException e) {
      return Optional.empty();
    }
  }

  private static String oneLine(String value) {
    return value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
  }

  /** Host, port, security and user: never the password. */
  @Override
  public String toString() {
    return "SmtpNotifier[" + host + ":" + port + ", " + security
        + (username == null ? "" : ", user=" + username) + ", sender=" + sender.getAddress()
        + "]";
  }

  /** A message whose Message-ID is fixed in advance instead of made up on each save. */
  private static final class StableIdMessage extends MimeMessage {
    private final String messageId;

    StableIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /**
   * Builds an {@link SmtpNotifier}. {@link #host}, {@link #sender} and {@link #renderer} are
   * required. Not thread-safe; the notifier it builds is.
   */
  public static final class Builder {
    private String host;
    private int port;
    private Security security = Security.STARTTLS;
    private @Nullable String username;
    private @Nullable String password;
    private String senderAddress;
    private @Nullable String senderName;
    private @Nullable String messageIdDomain;
    private boolean replyToHelpdesk = true;
    private MessageRenderer renderer;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private @Nullable SSLSocketFactory socketFactory;
    private @Nullable String heloName;

    private Builder() {}

    /**
     * The SMTP server's host name. Required.
     *
     * @param host a host name or address
     * @return this builder
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("host must be a host name without spaces");
      }
      this.host = host;
      return this;
    }

    /**
     * The server's port. Default: the {@link Security}'s ({@code 587}, {@code 465} or
     * {@code 25}).
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be 1 to 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * How the connection is protected. Default: {@link Security#STARTTLS}, required.
     *
     * @param security the protection
     * @return this builder
     */
    public Builder security(Security security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * Logs in with a user name and password (AUTH), over TLS only. Default: no login.
     *
     * @param username the user name
     * @param password the password; never printed
     * @return this builder
     */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * The {@code From} address, and the envelope sender that bounces return to. Required.
     *
     * @param address one email address, e.g. {@code no-reply@district.example.org}
     * @return this builder
     */
    public Builder sender(String address) {
      this.senderAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * The {@code From} display name. Default: the district's name, from the notification.
     *
     * @param name e.g. {@code "Naperville 203 Parent Portal"}
     * @return this builder
     */
    public Builder senderName(String name) {
      this.senderName = oneLine(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * The right-hand side of every {@code Message-ID}. Default: the sender's domain.
     *
     * @param domain a domain name
     * @return this builder
     */
    public Builder messageIdDomain(String domain) {
      Objects.requireNonNull(domain, "domain");
      if (!DOMAIN.matcher(domain).matches()) {
        throw new IllegalArgumentException("messageIdDomain must be a plain domain name");
      }
      this.messageIdDomain = domain.toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * Whether replies go to the district's helpdesk ({@code Reply-To}). Default: yes, since the
     * sender is usually an address no one reads.
     *
     * @param replyToHelpdesk true to set {@code Reply-To}
     * @return this builder
     */
    public Builder replyToHelpdesk(boolean replyToHelpdesk) {
      this.replyToHelpdesk = replyToHelpdesk;
      return this;
    }

    /**
     * What turns notifications into messages. Required.
     *
     * @param renderer the renderer
     * @return this builder
     */
    public Builder renderer(MessageRenderer renderer) {
      this.renderer = Objects.requireNonNull(renderer, "renderer");
      return this;
    }

    /**
     * How long to wait for a connection, and for each reply of the server.
     *
     * @param connect default ten seconds
     * @param read default thirty seconds; also the limit on each write
     * @return this builder
     */
    public Builder timeouts(Duration connect, Duration read) {
      Objects.requireNonNull(connect, "connect");
      Objects.requireNonNull(read, "read");
      if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
      this.connectTimeout = connect;
      this.readTimeout = read;
      return this;
    }

    /**
     * The TLS sockets to use, e.g. one trusting a private certificate authority. Default: the
     * JVM's. The server's name is checked against its certificate either way.
     *
     * @param factory the factory
     * @return this builder
     */
    public Builder sslSocketFactory(SSLSocketFactory factory) {
      this.socketFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * The name this host gives in {@code EHLO}. Default: Jakarta Mail's guess from the local
     * host name.
     *
     * @param name a host name
     * @return this builder
     */
    public Builder heloName(String name) {
      Objects.requireNonNull(name, "name");
      if (!DOMAIN.matcher(name).matches()) {
        throw new IllegalArgumentException("heloName must be a plain host name");
      }
      this.heloName = name;
      return this;
    }

    /**
     * Builds the notifier. Nothing connects yet.
     *
     * @return a thread-safe notifier
     * @throws IllegalStateException if the host, sender or renderer is missing, or credentials
     *     were given for a connection without TLS
     * @throws IllegalArgumentException if the sender is not one email address
     */
    public SmtpNotifier build() {
      if (host == null || senderAddress == null || renderer == null) {
        throw new IllegalStateException("host, sender and renderer are required");
      }
      if (username != null && security == Security.NONE) {
        throw new IllegalStateException(
            "credentials are sent only over TLS: use STARTTLS or TLS with credentials");
      }
      InternetAddress sender;
      try {
        sender = new InternetAddress(senderAddress, true);
      } catch (AddressException e) {
        throw new IllegalArgumentException("sender must be one email address", e);
      }
      if (sender.getAddress().indexOf('@') < 0) {
        throw new IllegalArgumentException("sender must be one email address with a domain");
      }
      return new SmtpNotifier(this, sender);
    }
  }
}
