package dev.latchkey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.activation.BulkIssueProgress;
import dev.latchkey.activation.BulkIssueReport;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.notify.NotificationException;
import dev.latchkey.ServerSecrets;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.Redemption;
import dev.latchkey.model.District;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.notify.Notifier;
import dev.latchkey.notify.RetryPolicy;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * S28–S30 across a real crash: a separate JVM issues keys in bulk with its mail server down and
 * is killed with SIGKILL part-way. Every key that committed has exactly its one message in the
 * outbox, and no message exists without its key; then two relays over separate pools, running
 * at once, hand every message to the notifier, none twice, and each guardian gets exactly the
 * key the store holds the digest of. And roster sync across a real crash: a child whose SIS
 * disables guardians is killed part-way; each guardian then has the disable with every
 * consequence (login suspended, key revoked) or none of it, and a re-sync repairs the state an
 * older, non-atomic sync could leave.
 */
class CrashSafetyTest {
  private static final int GUARDIANS = 300;
  private static final int KILL_AFTER = 50;
  private static final RequestContext REQUEST = RequestContext.of("198.51.100.77", "Crash/1.0");

  private final SecureRandom random = new SecureRandom();

  @Test
  @Timeout(90)
  @DisplayName("S28-S30: SIGKILL mid-bulk loses no message and duplicates none; two relays "
      + "deliver each once")
  void sigkillMidBulkIssueLeavesOneMessagePerKeyAndTwoRelaysDeliverEachOnce() throws Exception {
    byte[] master = new byte[32];
    random.nextBytes(master);
    ServerSecrets secrets = ServerSecrets.of(master);
    try (TestDatabase db = TestDatabase.postgres()) {
      seed(db, secrets);

      // --- the crash ---
      List<String> printed = new ArrayList<>();
      CrashChild child = CrashChild.start(db.url(), HexFormat.of().formatHex(master), GUARDIANS);
      int exit;
      String stderr;
      try {
        printed.addAll(child.awaitIssued(KILL_AFTER, Duration.ofSeconds(40)));
        Thread.sleep(random.nextInt(30)); // land the kill anywhere in the next issue
        child.process().destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        assertThat(child.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        exit = child.process().exitValue();
        printed.addAll(child.drain());
        stderr = child.stderrTail();
      } finally {
        child.close();
      }
      assertThat(printed).as("child output (stderr: %s)", stderr)
          .doesNotContain(BulkIssuer.DONE)
          .allMatch(line -> line.startsWith(BulkIssuer.ISSUED));
      assertThat(exit).as("killed, not finished").isEqualTo(137);
      Set<GuardianId> printedIssued = printed.stream()
          .map(line -> GuardianId.of(line.substring(BulkIssuer.ISSUED.length())))
          .collect(Collectors.toSet());
      assertThat(printedIssued).hasSizeGreaterThanOrEqualTo(KILL_AFTER);

      // --- after the crash: keys and outbox agree, row for row ---
      DataSource inspectPool = db.pool();
      Map<GuardianId, String> digestByGuardian = new HashMap<>();
      try (Connection c = inspectPool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT guardian_id, digest, state FROM lk_activation_key")) {
        while (rs.next()) {
          assertThat(rs.getString("state")).isEqualTo("LIVE");
          String previous = digestByGuardian.put(GuardianId.of(rs.getString("guardian_id")),
              rs.getString("digest"));
          assertThat(previous).as("one key per guardian").isNull();
        }
      }
      Set<GuardianId> committed = digestByGuardian.keySet();
      assertThat(committed).as("every key the child reported committed is there")
          .containsAll(printedIssued);
      assertThat(committed.size()).as("at most the one in flight beyond what was reported")
          .isLessThanOrEqualTo(printedIssued.size() + 1);
      assertThat(committed.size()).as("killed mid-way").isLessThan(GUARDIANS);

      Map<String, Long> typeCounts = new HashMap<>();
      try (Connection c = inspectPool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT type, COUNT(*) FROM lk_outbox GROUP BY type")) {
        while (rs.next()) {
          typeCounts.put(rs.getString(1), rs.getLong(2));
        }
      }
      assertThat(typeCounts).containsExactly(
          Map.entry(NotificationType.ACTIVATION_KEY.name(), (long) committed.size()));

      // Decrypt the outbox the way a relay does (claiming with a short lease, before the relays'
      // clock), and match each message to its key.
      Instant later = Instant.now().plus(Duration.ofHours(1));
      List<OutboxMessage> queued = JdbcStore.create(inspectPool, secrets)
          .claimDue(later, 10_000, Duration.ofMinutes(1));
      assertThat(queued).hasSize(committed.size());
      Map<GuardianId, Notification> queuedByGuardian = new HashMap<>();
      for (OutboxMessage message : queued) {
        Notification n = message.notification();
        GuardianId owner = ownerOf(n.recipient());
        assertThat(message.parked()).isFalse();
        assertThat(message.attempts()).isLessThanOrEqualTo(1);
        assertThat(queuedByGuardian.put(owner, n)).as("one message per guardian").isNull();
        assertThat(digestByGuardian).as("no message without its key").containsKey(owner);
        assertThat(ScanSupport.digestHex(secrets, n.secret().orElseThrow().reveal()))
            .as("the queued key is the committed key").isEqualTo(digestByGuardian.get(owner));
        int i = Integer.parseInt(owner.value().substring(2));
        assertThat(n.field(Notification.NAME))
            .contains(BulkIssuer.givenName(i) + " " + BulkIssuer.familyName(i));
      }
      assertThat(queuedByGuardian.keySet()).isEqualTo(committed);
      Set<String> queuedIds = queued.stream().map(m -> m.notification().id().value())
          .collect(Collectors.toSet());

      // --- two relays at once, separate pools, one recording notifier ---
      List<Notification> handed = new CopyOnWriteArrayList<>();
      Notifier recorder = handed::add;
      MutableClock relayClock = MutableClock.at(later.plus(Duration.ofHours(2)));
      RetryPolicy smallBatches = new RetryPolicy(8, Duration.ofSeconds(30), Duration.ofHours(1),
          Duration.ofMinutes(2), 10);
      List<JdbcStore> relayStores = List.of(JdbcStore.create(db.pool(), secrets),
          JdbcStore.create(db.pool(), secrets));
      CountDownLatch gate = new CountDownLatch(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      int[] deliveredBy = new int[2];
      List<Thread> relays = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        int relay = r;
        JdbcStore store = relayStores.get(r);
        Latchkey host = Latchkey.builder().store(store).notifier(recorder).secrets(secrets)
            .clock(relayClock).retryPolicy(smallBatches).audit(e -> { })
            .passwordHasher(Argon2idHasher.create(
                Argon2Parameters.insecureForTestsOnly(), random))
            .build();
        Thread t = new Thread(() -> {
          try {
            gate.await();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (store.pendingCount() > 0 && System.nanoTime() < deadline) {
              deliveredBy[relay] += host.outbox().runOnce();
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }, "relay-" + r);
        t.start();
        relays.add(t);
      }
      gate.countDown();
      for (Thread t : relays) {
        t.join(TimeUnit.SECONDS.toMillis(40));
        assertThat(t.isAlive()).isFalse();
      }
      assertThat(failure.get()).isNull();
      assertThat(relayStores.get(0).pendingCount()).as("outbox drained").isZero();

      List<String> handedIds = handed.stream().map(n -> n.id().value()).toList();
      assertThat(new HashSet<>(handedIds)).as("every message handed over at least once")
          .isEqualTo(queuedIds);
      assertThat(handedIds).as("no dedup id twice in one run").doesNotHaveDuplicates();
      assertThat(deliveredBy[0] + deliveredBy[1]).isEqualTo(queuedIds.size());
      System.out.printf("CrashSafetyTest: child reported %d keys, %d committed, exit %d; "
          + "relays delivered %d + %d%n", printedIssued.size(), committed.size(), exit,
          deliveredBy[0], deliveredBy[1]);

      Map<GuardianId, List<Notification>> received = handed.stream()
          .collect(Collectors.groupingBy(n -> ownerOf(n.recipient())));
      assertThat(received.keySet()).isEqualTo(committed);
      for (GuardianId guardian : committed) {
        List<Notification> mails = received.get(guardian);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).type()).isEqualTo(NotificationType.ACTIVATION_KEY);
        assertThat(ScanSupport.digestHex(secrets, mails.get(0).secret().orElseThrow().reveal()))
            .as("%s received exactly its key", guardian)
            .isEqualTo(digestByGuardian.get(guardian));
      }

      // Spot-check: delivered keys redeem.
      Latchkey portal = ScanSupport.facade(JdbcStore.create(db.pool(), secrets),
          new CapturingNotifier(), e -> { }, Clock.systemUTC(), secrets);
      List<GuardianId> sorted = committed.stream().sorted((a, b) -> a.value()
          .compareTo(b.value())).toList();
      for (GuardianId guardian : List.of(sorted.get(0), sorted.get(sorted.size() / 2),
          sorted.get(sorted.size() - 1))) {
        String key = received.get(guardian).get(0).secret().map(SecretText::reveal)
            .orElseThrow();
        String login = "parent." + guardian.value().substring(2);
        assertThat(portal.activation().redeem(new Redemption(key, login,
            "orange kite under seven bridges", "orange kite under seven bridges"), REQUEST)
            .code()).as("%s redeems the key delivered", guardian).isEqualTo(RedeemCode.REDEEMED);
      }
    }
  }

  @Test
  @Timeout(120)
  @DisplayName("Re-running the district's bulk issuance after a SIGKILL issues no second key")
  void rerunningBulkIssuanceAfterSigkillIssuesNoSecondKey() throws Exception {
    int guardians = 3_000;
    byte[] master = new byte[32];
    random.nextBytes(master);
    ServerSecrets secrets = ServerSecrets.of(master);
    try (TestDatabase db = TestDatabase.postgres()) {
      seed(db, secrets, guardians);

      CrashChild child = CrashChild.start(db.url(), HexFormat.of().formatHex(master), guardians,
          BulkIssuer.ALL);
      List<String> printed = new ArrayList<>();
      try {
        printed.addAll(child.awaitIssued(1, Duration.ofSeconds(60)));
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        printed.addAll(child.drain());
      } finally {
        child.close();
      }
      assertThat(printed).doesNotContain(BulkIssuer.DONE);
      long beforeRerun = count(db, "SELECT COUNT(*) FROM lk_activation_key");
      assertThat(beforeRerun).as("killed mid-way").isBetween(1L, guardians - 1L);

      // The operator runs it again, mail still down.
      Latchkey rerun = Latchkey.builder().store(JdbcStore.create(db.pool(), secrets))
          .notifier(n -> {
            throw new NotificationException("mail server down (crash test)", null);
          })
          .secrets(secrets).audit(e -> { }).clock(Clock.systemUTC())
          .passwordHasher(Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), random))
          .build();
      BulkIssueReport report = rerun.activation().issueAll(BulkIssuer.DISTRICT,
          BulkIssueProgress.NONE);

      assertThat(report.issued()).isEqualTo(guardians - beforeRerun);
      assertThat(count(db, "SELECT COUNT(DISTINCT guardian_id) FROM lk_activation_key"))
          .isEqualTo(guardians);
      assertThat(count(db, "SELECT COUNT(*) FROM lk_activation_key"))
          .as("one key per guardian, across the crash and the re-run").isEqualTo(guardians);
      assertThat(count(db, "SELECT COUNT(*) FROM lk_outbox WHERE type = 'ACTIVATION_KEY'"))
          .as("one message per key").isEqualTo(guardians);
      assertThat(rerun.activation().issueAll(BulkIssuer.DISTRICT, BulkIssueProgress.NONE)
          .issued()).as("a third run finds no one").isZero();
    }
  }

  // ---- roster sync: the record and its follow-ups across a SIGKILL ----

  private static final int ROSTER_GUARDIANS = 400;
  private static final PasswordHash IMPORTED_HASH =
      new PasswordHash("$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA");

  @Test
  @Timeout(120)
  @DisplayName("SIGKILL while the SIS disables guardians one by one: each guardian has the "
      + "disable and all its consequences or none, and a re-sync repairs a login left behind")
  void sigkillMidSingleDisablesLeavesEachGuardianWhole() throws Exception {
    rosterCrash(false);
  }

  @Test
  @Timeout(120)
  @DisplayName("SIGKILL while the SIS disables guardians in batches: each guardian has the "
      + "disable and all its consequences or none, and a re-sync repairs a login left behind")
  void sigkillMidBatchDisablesLeavesEachGuardianWhole() throws Exception {
    rosterCrash(true);
  }

  /**
   * Guardians {@code 0..ROSTER_GUARDIANS-1}, enabled: the even ones with a login, the odd ones
   * with a live key. A child disables them in order and is killed part-way.
   */
  private void rosterCrash(boolean batched) throws Exception {
    byte[] master = new byte[32];
    random.nextBytes(master);
    ServerSecrets secrets = ServerSecrets.of(master);
    try (TestDatabase db = TestDatabase.postgres()) {
      JdbcStore store = JdbcStore.create(db.pool(), secrets);
      Latchkey host = ScanSupport.facade(store, new CapturingNotifier(), e -> { },
          Clock.systemUTC(), secrets);
      host.roster().putDistrict(new District(RosterDisabler.DISTRICT,
          "Crash Creek Roster District", "IL", ZoneId.of("America/Chicago"),
          EmailAddress.of("help@example.org"), "630.420.6825"));
      RosterBatch.Builder seed = RosterBatch.builder(RosterDisabler.DISTRICT);
      for (int i = 0; i < ROSTER_GUARDIANS; i++) {
        seed.guardian(RosterDisabler.row(i, true));
      }
      assertThat(host.roster().importBatch(seed.build()).errors()).isEmpty();
      for (int i = 0; i < ROSTER_GUARDIANS; i += 2) {
        assertThat(host.roster().importAccount(RosterDisabler.guardian(i), "parent" + i,
            IMPORTED_HASH)).isEqualTo(RosterResult.APPLIED);
      }
      assertThat(host.activation().issueAll(RosterDisabler.DISTRICT, BulkIssueProgress.NONE)
          .issued()).isEqualTo(ROSTER_GUARDIANS / 2);

      // --- the crash ---
      List<String> printed = new ArrayList<>();
      String[] mode = batched ? new String[] {RosterDisabler.BATCHED} : new String[0];
      CrashChild child = CrashChild.start(RosterDisabler.class, db.url(),
          HexFormat.of().formatHex(master), ROSTER_GUARDIANS, mode);
      int exit;
      String stderr;
      try {
        printed.addAll(child.awaitReported(RosterDisabler.DISABLED, batched ? 3 : 60,
            Duration.ofSeconds(60)));
        Thread.sleep(random.nextInt(batched ? 60 : 15)); // land the kill anywhere in a sync
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        exit = child.process().exitValue();
        printed.addAll(child.drain());
        stderr = child.stderrTail();
      } finally {
        child.close();
      }
      assertThat(printed).as("child output (stderr: %s)", stderr)
          .doesNotContain(RosterDisabler.DONE)
          .allMatch(line -> line.startsWith(RosterDisabler.DISABLED));
      assertThat(exit).as("killed, not finished").isEqualTo(137);
      // Guardians are disabled in order: the reported ones are those up to the last line.
      int reported = printed.stream()
          .mapToInt(line -> Integer.parseInt(line.substring(
              RosterDisabler.DISABLED.length() + 2)) + 1).max().orElse(0);

      // --- after the crash: every guardian whole, disabled or not ---
      Map<GuardianId, GuardianRowState> after = rosterState(db);
      assertThat(after).hasSize(ROSTER_GUARDIANS);
      int disabled = 0;
      for (int i = 0; i < ROSTER_GUARDIANS; i++) {
        GuardianRowState g = after.get(RosterDisabler.guardian(i));
        assertThat(g).as("guardian %d (reported %d)", i, reported)
            .isEqualTo(g.enabled() ? GuardianRowState.enabled(i) : GuardianRowState.disabled(i));
        if (!g.enabled()) {
          disabled++;
          assertThat(i).as("disabled in order").isEqualTo(disabled - 1);
        }
      }
      assertThat(disabled).as("every disable the child reported is there")
          .isGreaterThanOrEqualTo(reported);
      assertThat(disabled).as("at most the sync in flight beyond what was reported")
          .isLessThanOrEqualTo(reported + (batched ? RosterDisabler.BATCH : 1));
      assertThat(disabled).as("killed mid-way").isLessThan(ROSTER_GUARDIANS);
      System.out.printf("CrashSafetyTest (roster, %s): child reported %d disables, %d "
          + "committed, exit %d%n", batched ? "batches" : "one by one", reported, disabled, exit);

      // --- a re-sync repairs anything anyway: the state an older, non-atomic sync left ---
      GuardianId first = RosterDisabler.guardian(0);
      leaveLoginActive(db, first);
      assertThat(rosterState(db).get(first).activeAccounts()).isEqualTo(1);
      assertThat(host.roster().putGuardian(RosterDisabler.record(0, false)))
          .isEqualTo(RosterResult.APPLIED);
      assertThat(rosterState(db).get(first)).isEqualTo(GuardianRowState.disabled(0));

      leaveLoginActive(db, first);
      RosterBatch.Builder file = RosterBatch.builder(RosterDisabler.DISTRICT);
      for (int i = 0; i < ROSTER_GUARDIANS; i++) {
        file.guardian(RosterDisabler.row(i, false));
      }
      assertThat(host.roster().importBatch(file.build()).errors()).isEmpty();
      Map<GuardianId, GuardianRowState> synced = rosterState(db);
      for (int i = 0; i < ROSTER_GUARDIANS; i++) {
        assertThat(synced.get(RosterDisabler.guardian(i))).as("guardian %d after the re-sync", i)
            .isEqualTo(GuardianRowState.disabled(i));
      }
    }
  }

  /** A guardian's row and what follows from it, as counted in the tables. */
  record GuardianRowState(boolean enabled, long activeAccounts, long suspendedAccounts,
      long liveKeys, long revokedKeys) {
    /** Seeded and untouched: even guardians have a login, odd ones a live key. */
    static GuardianRowState enabled(int i) {
      return i % 2 == 0 ? new GuardianRowState(true, 1, 0, 0, 0)
          : new GuardianRowState(true, 0, 0, 1, 0);
    }

    /** Disabled with every consequence: the login suspended, the key revoked. */
    static GuardianRowState disabled(int i) {
      return i % 2 == 0 ? new GuardianRowState(false, 0, 1, 0, 0)
          : new GuardianRowState(false, 0, 0, 0, 1);
    }
  }

  private static Map<GuardianId, GuardianRowState> rosterState(TestDatabase db)
      throws Exception {
    Map<GuardianId, GuardianRowState> state = new HashMap<>();
    try (Connection c = db.pool().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT g.id, g.sign_in_enabled, "
            + "(SELECT COUNT(*) FROM lk_account a WHERE a.guardian_id = g.id "
            + "AND a.status = 'ACTIVE' AND a.active_guardian_id = g.id), "
            + "(SELECT COUNT(*) FROM lk_account a WHERE a.guardian_id = g.id "
            + "AND a.status = 'SUSPENDED'), "
            + "(SELECT COUNT(*) FROM lk_activation_key k WHERE k.guardian_id = g.id "
            + "AND k.state = 'LIVE'), "
            + "(SELECT COUNT(*) FROM lk_activation_key k WHERE k.guardian_id = g.id "
            + "AND k.state = 'REVOKED') FROM lk_guardian g")) {
      while (rs.next()) {
        state.put(GuardianId.of(rs.getString(1)), new GuardianRowState(rs.getBoolean(2),
            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
      }
    }
    return state;
  }

  /** What a crash between the record and its follow-ups left before: the login still active. */
  private static void leaveLoginActive(TestDatabase db, GuardianId guardian) throws Exception {
    try (Connection c = db.pool().getConnection(); java.sql.PreparedStatement ps =
        c.prepareStatement("UPDATE lk_account SET status = 'ACTIVE', "
            + "active_guardian_id = guardian_id WHERE guardian_id = ?")) {
      ps.setString(1, guardian.value());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  private static long count(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.pool().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void seed(TestDatabase db, ServerSecrets secrets) {
    seed(db, secrets, GUARDIANS);
  }

  private static void seed(TestDatabase db, ServerSecrets secrets, int guardians) {
    Latchkey seeding = ScanSupport.facade(JdbcStore.create(db.pool(), secrets),
        new CapturingNotifier(), e -> { }, Clock.systemUTC(), secrets);
    seeding.roster().putDistrict(new District(BulkIssuer.DISTRICT, "Crash Creek School District",
        "IL", ZoneId.of("America/Chicago"), EmailAddress.of("help@example.org"),
        "630.420.6825"));
    RosterBatch.Builder batch = RosterBatch.builder(BulkIssuer.DISTRICT);
    for (int i = 0; i < guardians; i++) {
      batch.guardian(new RosterBatch.GuardianRow("seed:" + i, BulkIssuer.guardian(i).value(),
          BulkIssuer.givenName(i), BulkIssuer.familyName(i), BulkIssuer.email(i).value(), null,
          null, null, true));
    }
    assertThat(seeding.roster().importBatch(batch.build()).errors()).isEmpty();
  }

  private static GuardianId ownerOf(EmailAddress recipient) {
    String local = recipient.value().substring(0, recipient.value().indexOf('@'));
    int i = Integer.parseInt(local.substring("guardian".length()));
    assertThat(BulkIssuer.email(i)).isEqualTo(recipient);
    return BulkIssuer.guardian(i);
  }

  /** The child JVM, its stdout read line by line on a thread, its stderr kept in a file. */
  record CrashChild(Process process, BlockingQueue<String> lines, Path stderr, Thread reader)
      implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    static CrashChild start(String url, String secretHex, int count, String... mode)
        throws IOException {
      return start(BulkIssuer.class, url, secretHex, count, mode);
    }

    /** {@code main}'s {@code main(url, secretHex, count, mode...)} in a child JVM. */
    static CrashChild start(Class<?> main, String url, String secretHex, int count,
        String... mode) throws IOException {
      Path stderr = Files.createTempFile("crash-child", ".stderr");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
          "-cp", System.getProperty("java.class.path"),
          main.getName(), url, secretHex, Integer.toString(count)));
      command.addAll(List.of(mode));
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
      Process process = builder.start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the process is gone
        } finally {
          lines.add(EOF);
        }
      }, "bulk-issuer-stdout");
      reader.setDaemon(true);
      reader.start();
      return new CrashChild(process, lines, stderr, reader);
    }

    /** Waits for {@code n} lines reporting an issued key; returns every line read so far. */
    List<String> awaitIssued(int n, Duration timeout) throws InterruptedException {
      return awaitReported(BulkIssuer.ISSUED, n, timeout);
    }

    /** Waits for {@code n} lines starting {@code prefix}; returns every line read so far. */
    List<String> awaitReported(String prefix, int n, Duration timeout)
        throws InterruptedException {
      List<String> read = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      int issued = 0;
      while (issued < n) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
        if (line == null || line.equals(EOF)) {
          throw new AssertionError("the child reported " + issued + " keys, then "
              + (line == null ? "stalled" : "ended") + "; stderr: " + stderrTail()
              + "; lines: " + read);
        }
        read.add(line);
        if (line.startsWith(prefix)) {
          issued++;
        }
      }
      return read;
    }

    /** The rest of stdout, after the process has ended. */
    List<String> drain() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(10));
      List<String> rest = new ArrayList<>();
      lines.drainTo(rest);
      rest.remove(EOF);
      return rest;
    }

    String stderrTail() {
      try {
        String text = Files.readString(stderr);
        return text.length() <= 2_000 ? text : text.substring(text.length() - 2_000);
      } catch (IOException e) {
        return "(unreadable)";
      }
    }

    @Override
    public void close() throws IOException {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(stderr);
    }
  }
}
