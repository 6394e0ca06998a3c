package dev.latchkey.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.Latchkey;
import dev.latchkey.ServerSecrets;
import dev.latchkey.ThrottlePolicy;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.LockoutPolicy;
import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.testkit.CapturingAuditSink;
import dev.latchkey.testkit.CapturingNotifier;
import dev.latchkey.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every contract: a fresh store per test from {@link #newStore()}, a facade over it
 * wired with the test kit (a clock that moves by hand, captured mail and audit, the cheap
 * test-only hashing preset behind a counting wrapper), and a small roster — the Lopez family of
 * the FAQ: two guardians, three students (one in 5th grade, one withdrawn), a relative.
 *
 * <p>A backend extends each {@code *Contract} with one factory method. Backends that need
 * cleanup override {@link #dropStore(LatchkeyStore)}.
 */
public abstract class ContractSupport {
  protected static final Instant START = Instant.parse("2026-08-17T12:00:00Z");
  protected static final DistrictId DISTRICT = DistrictId.of("naperville-203");
  protected static final GuardianId MARIA = GuardianId.of("g-maria");
  protected static final GuardianId JOSE = GuardianId.of("g-jose");
  protected static final GuardianId ABUELA = GuardianId.of("g-abuela");
  protected static final GuardianId NO_EMAIL = GuardianId.of("g-noemail");
  protected static final StudentId SOFIA = StudentId.of("s-sofia");
  protected static final StudentId MATEO = StudentId.of("s-mateo");
  protected static final StudentId LUCIA = StudentId.of("s-lucia");
  protected static final EmailAddress MARIA_EMAIL = EmailAddress.of("maria.lopez@example.org");
  protected static final EmailAddress JOSE_EMAIL = EmailAddress.of("jose.lopez@example.org");
  protected static final EmailAddress ABUELA_EMAIL = EmailAddress.of("abuela@example.org");
  /** A password every default policy accepts and no test context contains. */
  protected static final String PASSWORD = "orange kite under seven bridges";
  protected static final String OTHER_PASSWORD = "violet harbor drums at midnight";
  protected static final RequestContext REQUEST = RequestContext.of("198.51.100.7", "Test/1.0");

  protected LatchkeyStore store;
  protected MutableClock clock;
  protected CapturingNotifier mail;
  protected CapturingAuditSink audit;
  protected CountingHasher hasher;
  protected ServerSecrets secrets;
  protected Latchkey latchkey;

  /** A new, empty store. Called once per test, after {@link #secrets} is set. */
  protected abstract LatchkeyStore newStore();

  /**
   * The same data through another handle, as a second host process has it: by default the same
   * store object; a backend with connections returns a store over its own pool.
   */
  protected LatchkeyStore anotherProcessStore() {
    return store;
  }

  /** Releases what {@link #newStore()} made (a database, a schema). Default: nothing. */
  protected void dropStore(LatchkeyStore store) {
  }

  @BeforeEach
  void setUpContract() {
    secrets = ServerSecrets.ephemeral(new SecureRandom());
    store = newStore();
    clock = MutableClock.at(START);
    mail = new CapturingNotifier();
    audit = new CapturingAuditSink();
    hasher = new CountingHasher(
        Argon2idHasher.create(Argon2Parameters.insecureForTestsOnly(), new SecureRandom()));
    latchkey = facade(b -> b);
    seedRoster();
  }

  @AfterEach
  void tearDownContract() {
    dropStore(store);
  }

  /**
   * Another facade over the same store, clock, mail and secrets: a second host process. It
   * delivers each call's mail before the call returns, as the contracts read captured mail
   * right after each call.
   */
  protected Latchkey facade(UnaryOperator<Latchkey.Builder> customise) {
    return customise.apply(builder().deliverSynchronously()).build();
  }

  /**
   * The builder {@link #facade} uses, without a delivery mode: for contracts about the relay on
   * an executor, or run by the host alone.
   */
  protected Latchkey.Builder builder() {
    return Latchkey.builder()
        .store(store)
        .notifier(mail)
        .audit(audit)
        .clock(clock)
        .secrets(secrets)
        .passwordHasher(hasher)
        // Student logins are the roster-sync contract's; the others count guardians' mail.
        .studentAccountPolicy(dev.latchkey.roster.StudentAccountPolicy.none())
        .lockoutPolicy(LockoutPolicy.defaults())
        .throttlePolicy(new ThrottlePolicy(100_000, 100_000, 100_000, Duration.ofMinutes(15)));
  }

  private void seedRoster() {
    latchkey.roster().putDistrict(new District(DISTRICT,
        "Naperville Community Unit School District 203", "IL", ZoneId.of("America/Chicago"),
        EmailAddress.of("parentsupport@example.org"), "630.420.6825"));
    latchkey.roster().putGuardian(Guardian.of(MARIA, DISTRICT, "Maria", "Lopez", MARIA_EMAIL));
    latchkey.roster().putGuardian(Guardian.of(JOSE, DISTRICT, "Jose", "Lopez", JOSE_EMAIL));
    latchkey.roster().putGuardian(Guardian.of(ABUELA, DISTRICT, "Rosa", "Garcia", ABUELA_EMAIL));
    latchkey.roster().putGuardian(new Guardian(NO_EMAIL, DISTRICT, "Sam", "Noemail",
        Optional.empty(), Optional.empty(), Optional.empty()));
    latchkey.roster().putStudent(student(SOFIA, "100201", "Sofia", Grade.G7,
        "Kennedy Junior High", EnrollmentStatus.ENROLLED));
    latchkey.roster().putStudent(student(MATEO, "100202", "Mateo", Grade.G5,
        "Maplebrook Elementary", EnrollmentStatus.ENROLLED));
    latchkey.roster().putStudent(student(LUCIA, "100203", "Lucia", Grade.G10,
        "Naperville Central High", EnrollmentStatus.WITHDRAWN));
    for (GuardianId parent : new GuardianId[] {MARIA, JOSE}) {
      for (StudentId child : new StudentId[] {SOFIA, MATEO, LUCIA}) {
        latchkey.roster().link(new GuardianLink(parent, child, Relationship.PARENT, true));
      }
    }
    latchkey.roster().link(new GuardianLink(ABUELA, SOFIA, Relationship.RELATIVE, true));
  }

  protected static Student student(StudentId id, String number, String given, Grade grade,
      String school, EnrollmentStatus status) {
    return new Student(id, DISTRICT, number, given, "Lopez",
        Optional.of(LocalDate.of(2013, 4, 2)), grade, school, status);
  }

  /** Issues a key to the guardian and returns it as the guardian reads it in the email. */
  protected String issueKey(GuardianId guardian, EmailAddress to) {
    IssueResult issued = latchkey.activation().issue(guardian, REQUEST);
    assertThat(issued.code()).isEqualTo(IssueResult.IssueCode.ISSUED);
    return mail.lastKeyFor(to).orElseThrow();
  }

  /** Issues and redeems a key for the guardian; returns the new account's id. */
  protected AccountId createAccount(GuardianId guardian, EmailAddress to, String loginName) {
    String key = issueKey(guardian, to);
    RedeemResult result = latchkey.activation().redeem(
        new Redemption(key, loginName, PASSWORD, PASSWORD), REQUEST);
    assertThat(result.code()).isEqualTo(dev.latchkey.activation.RedeemCode.REDEEMED);
    return ((RedeemResult.Redeemed) result).account().id();
  }

  protected static Credentials credentials(String loginName, String password) {
    return new Credentials(DISTRICT, loginName, password);
  }
}
