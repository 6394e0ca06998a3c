package dev.latchkey.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.notify.NotificationException;
import dev.latchkey.notify.RetryPolicy;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The child process of {@link CrashSafetyTest}: a host that issues activation keys to guardians
 * {@code 0..count-1} one after another while its mail server is down, printing
 * {@code ISSUED <guardian id>} after each issue has committed. The test kills it with SIGKILL
 * part-way through. With a fourth argument {@code all} it runs the district's bulk issuance
 * instead, printing {@code ISSUED batch <done>/<total>} after each committed batch.
 *
 * <p>Arguments: the JDBC URL, the server secret in hex, the guardian count, optionally
 * {@code all}.
 */
public final class BulkIssuer {
  static final DistrictId DISTRICT = DistrictId.of("crash-203");
  static final String ISSUED = "ISSUED ";
  static final String DONE = "DONE";
  /** The fourth argument that makes the child run {@code activation().issueAll}. */
  static final String ALL = "all";

  private BulkIssuer() {}

  /** Guardian {@code i} of the bulk run. */
  static GuardianId guardian(int i) {
    return GuardianId.of(String.format(Locale.ROOT, "g-%04d", i));
  }

  /** Guardian {@code i}'s address of record. */
  static EmailAddress email(int i) {
    return EmailAddress.of(String.format(Locale.ROOT, "guardian%04d@example.org", i));
  }

  /** Guardian {@code i}'s display name, as the key message names them. */
  static String givenName(int i) {
    return "Given" + i;
  }

  static String familyName(int i) {
    return "Family" + i;
  }

  public static void main(String[] args) {
    if (args.length != 3 && !(args.length == 4 && ALL.equals(args[3]))) {
      System.err.println("usage: BulkIssuer <jdbc-url> <secret-hex> <count> [all]");
      System.exit(64);
    }
    String url = args[0];
    ServerSecrets secrets = ServerSecrets.of(HexFormat.of().parseHex(args[1]));
    int count = Integer.parseInt(args[2]);
    PrintStream out = System.out;

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    HikariDataSource pool = new HikariDataSource(config);
    Latchkey latchkey = Latchkey.builder()
        .store(JdbcStore.create(pool, secrets))
        // The mail server is down for the whole run: every message stays in the outbox.
        .notifier(n -> {
          throw new NotificationException("mail server down (crash test)", null);
        })
        .audit(e -> { })
        .clock(Clock.systemUTC())
        .secrets(secrets)
        .passwordHasher(Argon2idHasher.create(
            Argon2Parameters.insecureForTestsOnly(),
            new SecureRandom()))
        // Never parked during the run, and not retried by this process: the relays will.
        .retryPolicy(new RetryPolicy(1_000, Duration.ofHours(1), Duration.ofHours(1),
            Duration.ofMinutes(2), 50))
        .build();

    if (args.length == 4) {
      // The district run: one call, a line after every committed batch.
      latchkey.activation().issueAll(DISTRICT, (done, total, rate) -> {
        out.println(ISSUED + "batch " + done + "/" + total);
        out.flush();
      });
      out.println(DONE);
      out.flush();
      pool.close();
      return;
    }
    RequestContext request = RequestContext.system();
    for (int i = 0; i < count; i++) {
      IssueResult result = latchkey.activation().issue(guardian(i), request);
      if (result.code() != IssueResult.IssueCode.ISSUED) {
        out.println("REFUSED " + guardian(i) + " " + result.code());
        out.flush();
        System.exit(2);
      }
      out.println(ISSUED + guardian(i).value());
      out.flush();
    }
    out.println(DONE);
    out.flush();
    pool.close();
  }
}
