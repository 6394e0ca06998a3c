package dev.latchkey.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.roster.BatchReport;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.roster.RosterResult;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A child process of {@link CrashSafetyTest}: a host whose SIS disables guardians
 * {@code 0..count-1} one after another, through {@code roster().putGuardian}, printing
 * {@code DISABLED <guardian id>} after each call has returned. With a fourth argument
 * {@code batch} it sends them as roster batches of {@value #BATCH} guardian rows instead,
 * printing {@code DISABLED <last guardian id of the batch>} after each. The test kills it with
 * SIGKILL part-way through.
 *
 * <p>Arguments: the JDBC URL, the server secret in hex, the guardian count, optionally
 * {@code batch}.
 */
public final class RosterDisabler {
  static final DistrictId DISTRICT = DistrictId.of("crash-roster-203");
  static final String DISABLED = "DISABLED ";
  static final String DONE = "DONE";
  static final String BATCHED = "batch";
  static final int BATCH = 25;

  private RosterDisabler() {}

  static GuardianId guardian(int i) {
    return GuardianId.of(String.format(Locale.ROOT, "g-%04d", i));
  }

  static EmailAddress email(int i) {
    return EmailAddress.of(String.format(Locale.ROOT, "parent%04d@example.org", i));
  }

  /** Guardian {@code i}'s record as the SIS sends it, sign-in on or off. */
  static Guardian record(int i, boolean signInEnabled) {
    return Guardian.of(guardian(i), DISTRICT, "Given" + i, "Family" + i, email(i))
        .withSignInEnabled(signInEnabled);
  }

  static RosterBatch.GuardianRow row(int i, boolean signInEnabled) {
    return new RosterBatch.GuardianRow("users.csv:" + i, guardian(i).value(), "Given" + i,
        "Family" + i, email(i).value(), null, null, null, signInEnabled);
  }

  public static void main(String[] args) {
    if (args.length != 3 && !(args.length == 4 && BATCHED.equals(args[3]))) {
      System.err.println("usage: RosterDisabler <jdbc-url> <secret-hex> <count> [batch]");
      System.exit(64);
    }
    ServerSecrets secrets = ServerSecrets.of(HexFormat.of().parseHex(args[1]));
    int count = Integer.parseInt(args[2]);
    PrintStream out = System.out;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    HikariDataSource pool = new HikariDataSource(config);
    Latchkey latchkey = Latchkey.builder()
        .store(JdbcStore.create(pool, secrets))
        .notifier(n -> { })
        .audit(e -> { })
        .clock(Clock.systemUTC())
        .secrets(secrets)
        .passwordHasher(Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(),
            new SecureRandom()))
        .build();
    if (args.length == 4) {
      for (int from = 0; from < count; from += BATCH) {
        RosterBatch.Builder batch = RosterBatch.builder(DISTRICT);
        int to = Math.min(count, from + BATCH);
        for (int i = from; i < to; i++) {
          batch.guardian(row(i, false));
        }
        BatchReport report = latchkey.roster().importBatch(batch.build());
        if (!report.errors().isEmpty()) {
          out.println("REFUSED " + report.errors());
          out.flush();
          System.exit(2);
        }
        out.println(DISABLED + guardian(to - 1).value());
        out.flush();
      }
    } else {
      for (int i = 0; i < count; i++) {
        RosterResult result = latchkey.roster().putGuardian(record(i, false));
        if (result != RosterResult.APPLIED) {
          out.println("REFUSED " + guardian(i) + " " + result);
          out.flush();
          System.exit(2);
        }
        out.println(DISABLED + guardian(i).value());
        out.flush();
      }
    }
    out.println(DONE);
    out.flush();
    pool.close();
  }
}
