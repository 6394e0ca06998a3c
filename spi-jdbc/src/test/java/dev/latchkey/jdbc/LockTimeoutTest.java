package dev.latchkey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.StoreException;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.RequestContext;
import dev.latchkey.signin.LockoutPolicy;
import dev.latchkey.model.AccountId;
import dev.latchkey.signin.Lockout;
import dev.latchkey.spi.AccountStore.SignInDecision;
import dev.latchkey.spi.AccountStore.SignInUpdate;
import dev.latchkey.spi.Effects;
import dev.latchkey.testkit.CapturingNotifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * S37 on PostgreSQL: a row lock held by someone else bounds the wait of an attempt reservation
 * to the database's lock timeout; the store turns the timeout into a retryable
 * {@link StoreException} that quotes no SQL and no value, changes nothing, and works again as
 * soon as the lock is gone. A hot row cannot exhaust the pool.
 */
class LockTimeoutTest {
  private static final DistrictId DISTRICT = DistrictId.of("locks-203");
  private static final GuardianId GUARDIAN = GuardianId.of("g-hot-row");
  private static final EmailAddress EMAIL = EmailAddress.of("hot.row@example.org");
  private static final String LOGIN = "hotrow.parent";
  private static final String PASSWORD = "orange kite under seven bridges";
  private static final RequestContext REQUEST = RequestContext.of("198.51.100.40", "Lock/1.0");
  /** Generous bound for five attempts of 200 ms each plus back-off. */
  private static final Duration A_FEW_SECONDS = Duration.ofSeconds(5);

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private TestDatabase db;
  private ServerSecrets secrets;
  private AccountId account;
  private HikariDataSource impatientPool;
  private JdbcStore impatient;

  @BeforeEach
  void createAccountAndImpatientPool() {
    secrets = ServerSecrets.ephemeral(new SecureRandom());
    db = TestDatabase.postgres();
    CapturingNotifier mail = new CapturingNotifier();
    Latchkey latchkey = ScanSupport.facade(JdbcStore.create(db.pool(), secrets), mail,
        e -> { }, Clock.systemUTC(), secrets);
    latchkey.roster().putDistrict(new District(DISTRICT, "Lock Timeout School District", "IL",
        ZoneId.of("America/Chicago"), EmailAddress.of("help@example.org"), "630.420.6825"));
    latchkey.roster().putGuardian(Guardian.of(GUARDIAN, DISTRICT, "Hattie", "Rowe", EMAIL));
    latchkey.activation().issue(GUARDIAN, REQUEST);
    String key = mail.lastKeyFor(EMAIL).orElseThrow();
    RedeemResult redeemed = latchkey.activation().redeem(
        new Redemption(key, LOGIN, PASSWORD, PASSWORD), REQUEST);
    assertThat(redeemed.code()).isEqualTo(RedeemCode.REDEEMED);
    account = ((RedeemResult.Redeemed) redeemed).account().id();

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.url());
    config.setConnectionInitSql("SET lock_timeout = '200ms'");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(5_000);
    impatientPool = new HikariDataSource(config);
    impatient = JdbcStore.create(impatientPool, secrets);
  }

  /** The core's reservation, as a sign-in makes it: true when the attempt was counted. */
  private static SignInDecision<Boolean> reserve(Instant now) {
    Lockout lockout = Lockout.of(LockoutPolicy.defaults());
    return found -> {
      Lockout.Reservation r = lockout.reserve(found.status(), found.signInState(), now);
      return new SignInUpdate<>(r.reserved(), r.next(), null, Effects.none());
    };
  }

  @AfterEach
  void dropAll() {
    executor.shutdownNow();
    if (impatientPool != null) {
      impatientPool.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @Timeout(30)
  @DisplayName("S37: a reservation blocked by a row lock fails fast, retryable and without SQL; "
      + "it succeeds once the lock is released")
  void reservationOnALockedRowTimesOutRetryablyThenSucceedsAfterRelease() throws Exception {
    try (Connection holder = lockAccountRow()) {
      Instant now = Instant.now();
      long start = System.nanoTime();
      Throwable byId = within(Duration.ofSeconds(10), () -> catchThrowable(() ->
          impatient.updateSignIn(account, reserve(now))));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertRetryableWithoutSql(byId);
      assertThat(elapsed).as("bounded by the lock timeout, not the query timeout")
          .isLessThan(A_FEW_SECONDS);

      Throwable byName = within(Duration.ofSeconds(10), () -> catchThrowable(() ->
          impatient.updateSignIn(DISTRICT, LoginName.keyOf(LOGIN), reserve(now))));
      assertRetryableWithoutSql(byName);

      // Nothing was counted.
      assertThat(failedAttempts()).isZero();
      holder.rollback();
    }

    boolean after = within(Duration.ofSeconds(10), () ->
        impatient.updateSignIn(account, reserve(Instant.now())));
    assertThat(after).as("reserved").isTrue();
    assertThat(failedAttempts()).isOne();
  }

  @Test
  @Timeout(30)
  @DisplayName("S37: many callers on one hot row time out; the pool still serves other work")
  void hotRowDoesNotExhaustThePool() throws Exception {
    try (Connection holder = lockAccountRow()) {
      int callers = 12; // three times the pool
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Throwable>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(executor.submit(() -> {
          gate.await();
          return catchThrowable(() -> impatient.updateSignIn(account, reserve(Instant.now())));
        }));
      }
      long start = System.nanoTime();
      gate.countDown();
      for (Future<Throwable> result : results) {
        assertRetryableWithoutSql(result.get(20, TimeUnit.SECONDS));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

      // While the row is still locked, the same pool answers a read at once.
      long read = System.nanoTime();
      assertThat(within(Duration.ofSeconds(3), () -> impatient.account(account))).isPresent();
      assertThat(Duration.ofNanos(System.nanoTime() - read)).isLessThan(Duration.ofSeconds(2));
      assertThat(failedAttempts()).isZero();
      holder.rollback();
    }
  }

  /** A separate raw connection holding the account's row lock in an open transaction. */
  private Connection lockAccountRow() throws Exception {
    Connection holder = DriverManager.getConnection(db.url());
    holder.setAutoCommit(false);
    try (PreparedStatement ps = holder.prepareStatement(
        "SELECT id FROM lk_account WHERE id = ? FOR UPDATE")) {
      ps.setString(1, account.value());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
      }
    }
    return holder;
  }

  private int failedAttempts() throws Exception {
    try (Connection c = DriverManager.getConnection(db.url());
        PreparedStatement ps = c.prepareStatement(
            "SELECT failed_attempts FROM lk_account WHERE id = ?")) {
      ps.setString(1, account.value());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getInt(1);
      }
    }
  }

  private <T> T within(Duration bound, Callable<T> call) throws Exception {
    return executor.submit(call).get(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A retryable {@link StoreException} whose whole printed chain (messages, causes, suppressed)
   * holds no statement text and no bound value.
   */
  private void assertRetryableWithoutSql(Throwable thrown) {
    assertThat(thrown).isInstanceOf(StoreException.class);
    assertThat(((StoreException) thrown).isRetryable()).isTrue();
    StringWriter printed = new StringWriter();
    thrown.printStackTrace(new PrintWriter(printed));
    String text = printed.toString();
    String lower = text.toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("select ", "update ", " where ", "for update", "lk_account",
        "failed_attempts", "login_key", "relation", "tuple");
    assertThat(text).doesNotContain(account.value(), LOGIN, DISTRICT.value());
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT))
          .doesNotContain("select", "update", "lk_");
    }
    assertThat(text).contains("55P03"); // the state an operator needs is kept
  }
}
