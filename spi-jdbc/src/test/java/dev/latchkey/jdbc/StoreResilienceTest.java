package dev.latchkey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.StoreException;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.testkit.CapturingNotifier;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a store must survive: a rotated secret in the outbox, a row held by someone else. */
class StoreResilienceTest {
  private static final DistrictId DISTRICT = DistrictId.of("resilience-203");
  private static final RequestContext SYSTEM = RequestContext.system();

  private TestDatabase db;

  @AfterEach
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName("a message sealed under an old secret is parked and does not block the ones behind it")
  void undecryptableMessageIsParkedAndTheQueueMovesOn() {
    db = TestDatabase.h2();
    ServerSecrets old = ServerSecrets.ephemeral(new SecureRandom());
    CapturingNotifier mail = new CapturingNotifier();
    mail.failing(true);
    Latchkey before = facade(old, mail);
    seed(before);
    assertThat(before.activation().issue(GuardianId.of("g-1"), SYSTEM).code())
        .isEqualTo(IssueResult.IssueCode.ISSUED);

    ServerSecrets rotated = ServerSecrets.ephemeral(new SecureRandom());
    Latchkey after = facade(rotated, mail);
    mail.failing(false);
    after.activation().issue(GuardianId.of("g-2"), SYSTEM);
    after.outbox().runOnce();

    assertThat(mail.sent()).singleElement().satisfies(n -> {
      assertThat(n.type()).isEqualTo(NotificationType.ACTIVATION_KEY);
      assertThat(n.recipient()).isEqualTo(EmailAddress.of("g2@example.org"));
    });
    assertThat(JdbcStore.create(db.pool(), rotated).pendingCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("S37: with an ordinary pool, a held row lock ends in a retryable failure within the query timeout")
  void heldRowLockFailsFastWithDefaultSettings() throws Exception {
    db = TestDatabase.postgres();
    ServerSecrets secrets = ServerSecrets.ephemeral(new SecureRandom());
    Latchkey latchkey = facade(secrets, new CapturingNotifier());
    seed(latchkey);
    JdbcStore store = JdbcStore.create(db.pool(), secrets);
    try (Connection holder = DriverManager.getConnection(db.url());
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("SELECT * FROM lk_guardian WHERE id = 'g-1' FOR UPDATE");

      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> latchkey.activation().issue(GuardianId.of("g-1"),
          SYSTEM));
      Duration waited = Duration.ofNanos(System.nanoTime() - start);

      assertThat(thrown).isInstanceOf(StoreException.class);
      assertThat(((StoreException) thrown).isRetryable()).isTrue();
      assertThat(waited).isLessThan(Duration.ofSeconds(8)); // 5 s query timeout, no re-runs
      holder.rollback();
    }
    assertThat(store.keysOfGuardian(GuardianId.of("g-1"))).isEmpty();
  }

  private Latchkey facade(ServerSecrets secrets, CapturingNotifier mail) {
    return ScanSupport.facade(JdbcStore.create(db.pool(), secrets), mail, e -> { },
        Clock.systemUTC(), secrets);
  }

  private static void seed(Latchkey latchkey) {
    latchkey.roster().putDistrict(new District(DISTRICT, "Resilience District 203", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("help@example.org"), "630.555.0100"));
    for (int i = 1; i <= 2; i++) {
      latchkey.roster().putGuardian(Guardian.of(GuardianId.of("g-" + i), DISTRICT, "Pat",
          "Quinn", EmailAddress.of("g" + i + "@example.org")));
    }
  }
}
