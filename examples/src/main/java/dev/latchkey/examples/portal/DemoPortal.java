package dev.latchkey.examples.portal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.jdbc.JdbcSchema;
import dev.latchkey.jdbc.JdbcStore;
import dev.latchkey.mail.Branding;
import dev.latchkey.mail.MessageRenderer;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.notify.Notifier;
import dev.latchkey.smtp.SmtpNotifier;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo portal, and the guide to embedding Latchkey: everything the library needs is wired
 * here, in {@link #start}, top to bottom — a pool on the database, the schema, the server
 * secret, the mail, the facade, the outbox relay — and then handed to the web layer, which
 * only asks the facade and shows its answers. Close it to stop the server, the relay and the
 * pool.
 */
public final class DemoPortal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoPortal.class);
  /** One thread drains what requests queue, the other can run the schedule meanwhile. */
  private static final int RELAY_THREADS = 2;
  /** How long {@link #issueDemoKey} waits for the relay to put the key in the mailbox. */
  private static final Duration DEMO_KEY_WAIT = Duration.ofSeconds(10);

  private final Latchkey latchkey;
  private final Optional<DevMailbox> mailbox;
  private final HikariDataSource dataSource;
  private final ScheduledExecutorService relay;
  private final Javalin server;
  private final String url;
  private final String agentPasscode;
  private final String database;

  private DemoPortal(Latchkey latchkey, Optional<DevMailbox> mailbox,
      HikariDataSource dataSource, ScheduledExecutorService relay, Javalin server, String url,
      String agentPasscode, String database) {
    this.latchkey = latchkey;
    this.mailbox = mailbox;
    this.dataSource = dataSource;
    this.relay = relay;
    this.server = server;
    this.url = url;
    this.agentPasscode = agentPasscode;
    this.database = database;
  }

  /**
   * Starts the portal.
   *
   * @throws IllegalStateException with a message for the operator when the configuration
   *     cannot work (no mail outside demo mode, no server secret, a port in use)
   */
  public static DemoPortal start(PortalConfig config) {
    int port = config.port() == 0 ? freePort() : config.port();
    String url = "http://localhost:" + port + "/";
    SecureRandom random = new SecureRandom();

    // 1. The database: a pool, and Latchkey's tables (lk_*), applied at every start.
    HikariDataSource dataSource = dataSource(config);

    // 2. The outbox relay's threads, the portal's own: a request commits its mail to the
    //    outbox and returns, and the facade wakes the relay here to send it. Daemon threads,
    //    shut down with the portal; never the web server's request threads.
    ScheduledExecutorService relay = Executors.newScheduledThreadPool(RELAY_THREADS,
        runnable -> {
          Thread thread = new Thread(runnable, "latchkey-outbox-relay");
          thread.setDaemon(true);
          return thread;
        });
    try {
      JdbcSchema.migrate(dataSource);

      // 3. The server secret, kept outside the database: it digests keys and reset tokens and
      //    encrypts the outbox. Demo mode keeps a generated one beside the H2 file.
      ServerSecrets secrets = ServerSecrets.of(serverSecret(config, random));

      // 4. Mail. The renderer writes Latchkey's shipped messages; it needs the facade's
      //    schedules, and the facade needs the notifier first, hence the reference.
      AtomicReference<Latchkey> facade = new AtomicReference<>();
      MessageRenderer renderer = MessageRenderer.builder()
          .schedules(district -> facade.get().schedule().of(district))
          .branding(Branding.defaults().withPortalUrl(url + "signin")
              .withPasswordResetUrl(url + "reset"))
          .build();
      Optional<DevMailbox> mailbox = config.demo()
          ? Optional.of(new DevMailbox(renderer)) : Optional.empty();
      Notifier notifier = mailbox.isPresent() ? mailbox.get() : smtp(config, renderer);

      // 5. The facade: one per process, shared by every request.
      Latchkey latchkey = Latchkey.builder()
          .store(JdbcStore.create(dataSource, secrets))
          .notifier(notifier)
          .secrets(secrets)
          .clock(config.clock())
          .random(random)
          .relayExecutor(relay)
          .build();
      facade.set(latchkey);

      // 6. The roster. A real host syncs its SIS here; the demo loads a fictional district.
      if (config.demo()) {
        DemoDistrict.load(latchkey);
      }

      // 7. The relay's schedule, on the same threads: retries whatever could not go out (the
      //    mail server was down, a process died mid-send) once its back-off has passed.
      relay.scheduleWithFixedDelay(() -> {
        try {
          latchkey.outbox().runOnce();
        } catch (RuntimeException e) {
          LOG.warn("outbox relay run failed; the next run retries ({})", e.getClass().getName());
        }
      }, 2, 2, TimeUnit.SECONDS);

      // 8. The web layer: pages that ask the facade and show its answers.
      String agentPasscode = config.demo() ? HexFormat.of().formatHex(bytes(random, 4))
          : Optional.ofNullable(System.getenv("LATCHKEY_AGENT_PASSCODE")).orElse("");
      PortalWeb web = new PortalWeb(latchkey, DemoDistrict.ID, mailbox, agentPasscode,
          config.clock(), random);
      Javalin server = web.create();
      try {
        server.start("127.0.0.1", port);
      } catch (RuntimeException e) {
        throw new IllegalStateException("could not listen on port " + port
            + " (is another portal running? pass --port N)", e);
      }
      return new DemoPortal(latchkey, mailbox, dataSource, relay, server, url, agentPasscode,
          describe(config));
    } catch (RuntimeException e) {
      relay.shutdownNow();
      dataSource.close();
      throw e;
    }
  }

  /**
   * Demo mode: issues a key to the first seeded guardian who has no login yet and reads it from
   * the development mailbox, as that guardian would from their email. Empty once every seeded
   * guardian has a login, or outside demo mode.
   */
  public Optional<DemoKey> issueDemoKey() {
    if (mailbox.isEmpty()) {
      return Optional.empty();
    }
    for (GuardianId guardian : DemoDistrict.GUARDIANS) {
      var record = latchkey.roster().guardian(guardian).orElseThrow();
      if (record.email().isEmpty()) {
        continue;
      }
      EmailAddress to = record.email().get();
      long before = keysTo(to);
      IssueResult issued = latchkey.activation().issue(guardian, RequestContext.system());
      if (issued instanceof IssueResult.Issued && awaitKeys(to, before + 1)) {
        return mailbox.get().lastKeyFor(to).map(key -> new DemoKey(record.displayName(), key));
      }
    }
    return Optional.empty();
  }

  private long keysTo(EmailAddress to) {
    return mailbox.orElseThrow().newestFirst().stream()
        .filter(n -> n.type() == NotificationType.ACTIVATION_KEY && n.recipient().equals(to))
        .count();
  }

  /** Waits for the relay to deliver: true once {@code to} has {@code count} key messages. */
  private boolean awaitKeys(EmailAddress to, long count) {
    long deadline = System.nanoTime() + DEMO_KEY_WAIT.toNanos();
    while (keysTo(to) < count) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** A key to try on "New User?", and whose it is. */
  public record DemoKey(String guardianName, String key) {
    @Override
    public String toString() {
      return "DemoKey[" + guardianName + ", ***]";
    }
  }

  public Latchkey latchkey() {
    return latchkey;
  }

  /** The development mailbox, in demo mode. */
  public Optional<DevMailbox> mailbox() {
    return mailbox;
  }

  /** The portal's address, ending in a slash. */
  public String url() {
    return url;
  }

  /** The helpdesk console's passcode for this run (demo agents only). */
  public String agentPasscode() {
    return agentPasscode;
  }

  /** Which database this is, for the start-up banner (no password). */
  public String database() {
    return database;
  }

  @Override
  public void close() {
    server.stop();
    relay.shutdownNow();
    dataSource.close();
  }

  private static HikariDataSource dataSource(PortalConfig config) {
    HikariConfig pool = new HikariConfig();
    if (config.jdbcUrl().isPresent()) {
      pool.setJdbcUrl(config.jdbcUrl().get());
      config.jdbcUser().ifPresent(pool::setUsername);
      config.jdbcPassword().ifPresent(pool::setPassword);
    } else {
      Path folder = config.dataDir().toAbsolutePath();
      createFolder(folder);
      pool.setJdbcUrl("jdbc:h2:file:" + folder.resolve("latchkey") + ";LOCK_TIMEOUT=10000");
    }
    pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    pool.setMaximumPoolSize(8);
    pool.setPoolName("latchkey-portal");
    try {
      return new HikariDataSource(pool);
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not open the database: " + describe(config)
          + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static byte[] serverSecret(PortalConfig config, SecureRandom random) {
    if (config.serverSecret().isPresent()) {
      try {
        return Base64.getDecoder().decode(config.serverSecret().get());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("LATCHKEY_SERVER_SECRET must be base64 of 32+ bytes");
      }
    }
    if (!config.demo()) {
      throw new IllegalStateException(
          "set LATCHKEY_SERVER_SECRET (base64 of 32 or more random bytes) outside demo mode");
    }
    Path file = config.dataDir().toAbsolutePath().resolve("server-secret");
    try {
      createFolder(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes(random, 32)));
      }
      return Base64.getDecoder().decode(Files.readString(file).strip());
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("could not keep the demo's server secret in "
          + file.getParent(), e);
    }
  }

  private static Notifier smtp(PortalConfig config, MessageRenderer renderer) {
    if (config.smtpHost().isEmpty() || config.mailFrom().isEmpty()) {
      throw new IllegalStateException("outside demo mode the portal sends real mail: pass "
          + "--smtp-host and --mail-from (or run in demo mode for the development mailbox)");
    }
    return SmtpNotifier.builder()
        .host(config.smtpHost().get())
        .port(config.smtpPort())
        .sender(config.mailFrom().get())
        .renderer(renderer)
        .build();
  }

  private static String describe(PortalConfig config) {
    return config.jdbcUrl().map(u -> u.replaceAll("(?i)(password=)[^&;]*", "$1***"))
        .orElse("H2 file " + config.dataDir().resolve("latchkey"));
  }

  private static void createFolder(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + folder, e);
    }
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
