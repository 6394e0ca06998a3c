package dev.latchkey.examples.portal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the portal is started: where it listens, which database it uses, and whether it runs in
 * demo mode (seeded roster, development mailbox instead of real mail).
 *
 * @param port the HTTP port; 0 picks a free one
 * @param dataDir the folder for the H2 database and the demo's server secret
 * @param jdbcUrl a PostgreSQL (or other) JDBC URL; empty for the H2 file under {@code dataDir}
 * @param jdbcUser the database user, if the URL does not carry it
 * @param jdbcPassword the database password, if the URL does not carry it
 * @param serverSecret the server secret, base64 (32 bytes or more); empty in demo mode keeps a
 *     generated one in {@code dataDir}
 * @param demo seed the fictional district and show the development mailbox
 * @param smtpHost the mail server, outside demo mode
 * @param smtpPort its port
 * @param mailFrom the sender address, outside demo mode
 * @param clock the clock the library judges expiry and lockout by
 */
public record PortalConfig(int port, Path dataDir, Optional<String> jdbcUrl,
    Optional<String> jdbcUser, Optional<String> jdbcPassword, Optional<String> serverSecret,
    boolean demo, Optional<String> smtpHost, int smtpPort, Optional<String> mailFrom,
    Clock clock) {

  /** The usage text for {@code --help} and bad arguments. */
  public static final String USAGE = String.join("\n",
      "usage: portal [--port N] [--data DIR] [--jdbc-url URL] [--no-demo] | walkthrough",
      "  --port N        HTTP port (default 7070; 0 picks a free one)",
      "  --data DIR      folder for the H2 database and the demo secret"
          + " (default ./latchkey-demo-data)",
      "  --jdbc-url URL  use this database instead of H2, e.g."
          + " jdbc:postgresql://localhost:5432/portal?user=portal",
      "  --no-demo       no seeded district and no development mailbox; needs --smtp-host,",
      "                  --mail-from and LATCHKEY_SERVER_SECRET",
      "  --smtp-host H   --smtp-port P   --mail-from ADDRESS",
      "environment: LATCHKEY_JDBC_URL, LATCHKEY_JDBC_USER, LATCHKEY_JDBC_PASSWORD,",
      "  LATCHKEY_SERVER_SECRET (base64, 32+ bytes), LATCHKEY_PORT");

  public PortalConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(jdbcUser, "jdbcUser");
    Objects.requireNonNull(jdbcPassword, "jdbcPassword");
    Objects.requireNonNull(serverSecret, "serverSecret");
    Objects.requireNonNull(smtpHost, "smtpHost");
    Objects.requireNonNull(mailFrom, "mailFrom");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port must be 0 to 65535");
    }
  }

  /** Demo mode on H2 in {@code dataDir}, on {@code port}. */
  public static PortalConfig demo(Path dataDir, int port) {
    return new PortalConfig(port, dataDir, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), true, Optional.empty(), 587, Optional.empty(), Clock.systemUTC());
  }

  /** This configuration with another clock (tests). */
  public PortalConfig withClock(Clock newClock) {
    return new PortalConfig(port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, serverSecret, demo,
        smtpHost, smtpPort, mailFrom, newClock);
  }

  /**
   * Reads the command line, then the environment for what the command line leaves out.
   *
   * @throws IllegalArgumentException with a message for the user on a bad argument
   */
  public static PortalConfig parse(String[] args, Map<String, String> env) {
    int port = env.containsKey("LATCHKEY_PORT") ? number(env.get("LATCHKEY_PORT"), "LATCHKEY_PORT")
        : 7070;
    Path dataDir = Path.of("latchkey-demo-data");
    Optional<String> jdbcUrl = nonBlank(env.get("LATCHKEY_JDBC_URL"));
    Optional<String> smtpHost = Optional.empty();
    Optional<String> mailFrom = Optional.empty();
    int smtpPort = 587;
    boolean demo = true;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--port":
          port = number(value(args, ++i, arg), arg);
          break;
        case "--data":
          dataDir = Path.of(value(args, ++i, arg));
          break;
        case "--jdbc-url":
          jdbcUrl = Optional.of(value(args, ++i, arg));
          break;
        case "--no-demo":
          demo = false;
          break;
        case "--demo":
          demo = true;
          break;
        case "--smtp-host":
          smtpHost = Optional.of(value(args, ++i, arg));
          break;
        case "--smtp-port":
          smtpPort = number(value(args, ++i, arg), arg);
          break;
        case "--mail-from":
          mailFrom = Optional.of(value(args, ++i, arg));
          break;
        default:
          throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    return new PortalConfig(port, dataDir, jdbcUrl, nonBlank(env.get("LATCHKEY_JDBC_USER")),
        nonBlank(env.get("LATCHKEY_JDBC_PASSWORD")), nonBlank(env.get("LATCHKEY_SERVER_SECRET")),
        demo, smtpHost, smtpPort, mailFrom, Clock.systemUTC());
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String text, String option) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number");
    }
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
