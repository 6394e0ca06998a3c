package dev.latchkey;

import dev.latchkey.account.Accounts;
import dev.latchkey.activation.Activation;
import dev.latchkey.activation.ActivationPolicy;
import dev.latchkey.audit.AuditSink;
import dev.latchkey.internal.AccountService;
import dev.latchkey.model.DistrictId;
import dev.latchkey.internal.ActivationService;
import dev.latchkey.directory.Directory;
import dev.latchkey.internal.Deps;
import dev.latchkey.internal.Delivery;
import dev.latchkey.internal.DirectoryService;
import dev.latchkey.internal.HelpdeskService;
import dev.latchkey.internal.PasswordsService;
import dev.latchkey.internal.RecoveryService;
import dev.latchkey.internal.RosterService;
import dev.latchkey.internal.ScheduleService;
import dev.latchkey.internal.SignInService;
import dev.latchkey.helpdesk.Helpdesk;
import dev.latchkey.helpdesk.VerificationPolicy;
import dev.latchkey.notify.Notifier;
import dev.latchkey.notify.OutboxRelay;
import dev.latchkey.notify.RetryPolicy;
import dev.latchkey.password.Argon2Parameters;
import dev.latchkey.password.Argon2idHasher;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordHashers;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.password.Passwords;
import dev.latchkey.password.StrengthEstimator;
import dev.latchkey.recovery.Recovery;
import dev.latchkey.recovery.RecoveryPolicy;
import dev.latchkey.roster.AccessPolicy;
import dev.latchkey.roster.Roster;
import dev.latchkey.roster.StudentAccountPolicy;
import dev.latchkey.schedule.Schedule;
import dev.latchkey.schedule.SupportSchedule;
import dev.latchkey.signin.LockoutPolicy;
import dev.latchkey.signin.SignIn;
import dev.latchkey.spi.LatchkeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The facade: one per host (or per test), built once, thread-safe, cheap to share. Every
 * capability hangs off it:
 *
 * <pre>{@code
 * Latchkey latchkey = Latchkey.builder()
 *     .store(store)            // an InMemoryStore, or a JDBC store
 *     .notifier(notifier)      // the host's mail adapter
 *     .secrets(secrets)        // the server's digest key, from the host's secret store
 *     .relayExecutor(mailPool) // where mail is delivered; never the request thread
 *     .build();
 * latchkey.roster().putGuardian(guardian);
 * latchkey.activation().issue(guardian.id(), request);
 * }</pre>
 *
 * <p>The facade holds no security state of its own: counters, locks, keys and the outbox live in
 * the store, so two facades over one store (two host processes) behave exactly as one (S38).
 * Only the per-source throttles are per process, as a first line of defence.
 */
public final class Latchkey {
  private final RosterService roster;
  private final ActivationService activation;
  private final SignInService signIn;
  private final AccountService accounts;
  private final RecoveryService recovery;
  private final HelpdeskService helpdesk;
  private final PasswordsService passwords;
  private final ScheduleService schedule;
  private final DirectoryService directory;
  private final OutboxRelay outbox;

  private Latchkey(Builder b) {
    this.outbox = OutboxRelay.create(b.store, b.notifier, b.clock, b.retryPolicy, b.audit);
    // Argon2id for every new hash; imported bcrypt and PBKDF2 hashes verify and are upgraded.
    PasswordHasher hasher = b.hasher != null ? b.hasher
        : PasswordHashers.upgrading(Argon2idHasher.create(Argon2Parameters.owasp2025(),
            b.random));
    this.schedule = new ScheduleService(b.store, b.supportSchedules, b.scheduleLookup,
        b.clock);
    this.directory = new DirectoryService(b.store, schedule, b.passwordPolicy, b.clock);
    Deps deps = new Deps(b.store, b.clock, b.random, hasher, b.passwordPolicy, b.lockoutPolicy,
        b.activationPolicy, b.secrets.digestKey(), delivery(b, outbox), b.audit,
        b.throttlePolicy, schedule,
        b.contextWords);
    this.roster = new RosterService(deps, b.studentAccountPolicy, b.accessPolicies,
        b.accessPolicy);
    this.activation = new ActivationService(deps, roster);
    this.signIn = new SignInService(deps, roster);
    this.accounts = new AccountService(deps, signIn);
    this.recovery = new RecoveryService(deps, b.recoveryPolicy, signIn);
    this.passwords = new PasswordsService(deps, b.strengthEstimator != null
        ? b.strengthEstimator : StrengthEstimator.builtIn(b.clock), signIn);
    this.helpdesk = new HelpdeskService(deps, b.verificationPolicy, roster, activation,
        recovery);
  }

  private static Delivery delivery(Builder b, OutboxRelay relay) {
    if (b.relayExecutor != null) {
      return Delivery.on(b.relayExecutor, relay);
    }
    return b.synchronous ? Delivery.synchronous(relay) : Delivery.byHost();
  }

  /** A builder with every policy at its default and no store, notifier or secrets yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** Districts, guardians, students and their links. */
  public Roster roster() {
    return roster;
  }

  /** Issuing and redeeming activation keys. */
  public Activation activation() {
    return activation;
  }

  /** Signing in, with lockout. */
  public SignIn signIn() {
    return signIn;
  }

  /** Password changes and unlocks. */
  public Accounts accounts() {
    return accounts;
  }

  /**
   * The helpdesk's hours per district: whether it is open, when it next opens, when an answer
   * is due; see {@link SupportSchedule}.
   */
  public Schedule schedule() {
    return schedule;
  }

  /**
   * The district search a client shows before sign-in: part of a name plus a state, ranked;
   * may be up to five minutes stale.
   */
  public Directory directory() {
    return directory;
  }

  /** The strength meter and the password policy, for password pages. */
  public Passwords passwords() {
    return passwords;
  }

  /** Forgot username, forgot password, and resets. */
  public Recovery recovery() {
    return recovery;
  }

  /** The helpdesk's tools. */
  public Helpdesk helpdesk() {
    return helpdesk;
  }

  /**
   * The outbox relay. No call delivers mail on the caller's thread unless the builder asked for
   * {@link Builder#deliverSynchronously()}: with a {@link Builder#relayExecutor(Executor)}, a
   * change that queues mail wakes a {@link OutboxRelay#drain()} on it; with neither, nothing is
   * sent until the host runs the relay. In every mode the host calls {@link OutboxRelay#runOnce()}
   * on a schedule of its own (say every minute): that is what retries a failed delivery after
   * its back-off, and, without an executor, what delivers at all.
   */
  public OutboxRelay outbox() {
    return outbox;
  }

  /**
   * Builds a {@link Latchkey}. {@link #store}, {@link #notifier} and {@link #secrets} are
   * required (there is no safe default for any of them); everything else has a sound, named
   * default. Not thread-safe; the facade it builds is.
   */
  public static final class Builder {
    private LatchkeyStore store;
    private Notifier notifier;
    private ServerSecrets secrets;
    private AuditSink audit = AuditSink.logging();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private PasswordHasher hasher;
    private PasswordPolicy passwordPolicy = PasswordPolicy.defaults();
    private LockoutPolicy lockoutPolicy = LockoutPolicy.defaults();
    private ActivationPolicy activationPolicy = ActivationPolicy.defaults();
    private ThrottlePolicy throttlePolicy = ThrottlePolicy.defaults();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RecoveryPolicy recoveryPolicy = RecoveryPolicy.defaults();
    private VerificationPolicy verificationPolicy = VerificationPolicy.defaults();
    private StudentAccountPolicy studentAccountPolicy = StudentAccountPolicy.defaults();
    private AccessPolicy accessPolicy = AccessPolicy.defaults();
    private final Map<DistrictId, AccessPolicy> accessPolicies = new HashMap<>();
    private StrengthEstimator strengthEstimator;
    private final Map<DistrictId, SupportSchedule> supportSchedules = new HashMap<>();
    private final Map<DistrictId, List<String>> contextWords = new HashMap<>();
    private Function<DistrictId, Optional<SupportSchedule>> scheduleLookup =
        id -> Optional.empty();
    private Executor relayExecutor;
    private boolean synchronous;

    private Builder() {}

    /** Where everything is kept. Required. */
    public Builder store(LatchkeyStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** How messages leave. Required. */
    public Builder notifier(Notifier notifier) {
      this.notifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /** The server's keys. Required. */
    public Builder secrets(ServerSecrets secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /** Where security events go. Default: one INFO line each on the slf4j logger. */
    public Builder audit(AuditSink audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /** The one clock every expiry and lock is judged by. Default: the system's, in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of keys, salts and ids. Default: a new {@link SecureRandom}. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * How passwords are hashed. Default: Argon2id at {@link Argon2Parameters#owasp2025()}, also
     * verifying imported bcrypt and PBKDF2 hashes ({@link PasswordHashers#upgrading}) and
     * upgrading them on the next successful sign-in.
     */
    public Builder passwordHasher(PasswordHasher hasher) {
      this.hasher = Objects.requireNonNull(hasher, "hasher");
      return this;
    }

    /** What passwords are accepted. Default: {@link PasswordPolicy#defaults()}. */
    public Builder passwordPolicy(PasswordPolicy policy) {
      this.passwordPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** When failures lock an account. Default: {@link LockoutPolicy#defaults()}. */
    public Builder lockoutPolicy(LockoutPolicy policy) {
      this.lockoutPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Key life and resend limits. Default: {@link ActivationPolicy#defaults()}. */
    public Builder activationPolicy(ActivationPolicy policy) {
      this.activationPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Per-source limits. Default: {@link ThrottlePolicy#defaults()}. */
    public Builder throttlePolicy(ThrottlePolicy policy) {
      this.throttlePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Where the outbox relay runs: a change that queues mail commits, returns, and wakes a
     * {@link OutboxRelay#drain()} here. Wake-ups coalesce (a burst of changes schedules at most
     * one drain that has not started yet; a drain loops while batches come back full), so a
     * small pool, or one thread, is enough; the host owns it and shuts it down. It also runs
     * what "Forgot password?", "Forgot username?" and "Resend my key" do after they answer, so
     * that they take the caller the same time whether or not the account exists (a refused task
     * of that kind runs on the caller's thread instead). A drain blocks
     * for as long as the mail server makes it wait, so this should not be a pool that also
     * serves requests, nor a direct executor ({@code Runnable::run}), which would put the mail
     * back on the request thread. A refused task is logged and its mail waits for the host's
     * {@link OutboxRelay#runOnce()} schedule, which retries failures in any case.
     *
     * <p>Default: none. Latchkey starts no threads of its own, so without an executor (and
     * without {@link #deliverSynchronously()}) nothing is delivered until the host runs
     * {@code latchkey.outbox().runOnce()} itself. Throws {@link IllegalStateException} if an
     * executor was already set or synchronous delivery was asked for.
     */
    public Builder relayExecutor(Executor executor) {
      Objects.requireNonNull(executor, "executor");
      if (relayExecutor != null) {
        throw new IllegalStateException("relayExecutor was already set");
      }
      if (synchronous) {
        throw new IllegalStateException(
            "relayExecutor conflicts with deliverSynchronously, which was already set");
      }
      this.relayExecutor = executor;
      return this;
    }

    /**
     * Delivers mail before each call returns, on the caller's thread: for test suites that
     * assert on captured mail right after a call, and hosts that accept the wait. Each call
     * delivers only the messages it queued itself (a redemption its ACCOUNT_CREATED notice,
     * not the queue a bulk issuance left), so no caller waits for anyone else's mail; what
     * fails waits for the host's {@link OutboxRelay#runOnce()} schedule. A slow mail server
     * then slows these calls, and a forgot-password for a real account takes longer than one
     * for an unknown name: production hosts should give a {@link #relayExecutor} instead.
     * Throws {@link IllegalStateException} if asked for twice or after a relay executor.
     */
    public Builder deliverSynchronously() {
      if (synchronous) {
        throw new IllegalStateException("deliverSynchronously was already set");
      }
      if (relayExecutor != null) {
        throw new IllegalStateException(
            "deliverSynchronously conflicts with relayExecutor, which was already set");
      }
      this.synchronous = true;
      return this;
    }

    /** Outbox retries. Default: {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The district's helpdesk hours. Default for every district:
     * {@link SupportSchedule#defaults} in the district's time zone.
     */
    public Builder supportSchedule(DistrictId district, SupportSchedule schedule) {
      supportSchedules.put(Objects.requireNonNull(district, "district"),
          Objects.requireNonNull(schedule, "schedule"));
      return this;
    }

    /**
     * Where to find the helpdesk hours of districts not set with {@link #supportSchedule}: for a
     * host keeping many districts' schedules elsewhere. Asked at most once per district per five
     * minutes; must not return null. Default: none, so such districts get
     * {@link SupportSchedule#defaults} in their time zone.
     */
    public Builder supportSchedules(Function<DistrictId, Optional<SupportSchedule>> lookup) {
      this.scheduleLookup = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /**
     * Words of the district that no password may contain, on top of the household's own (the
     * names on the roster, the login name, the children's birthdays): the mascot, the town,
     * the school colours ("redhawks", "naperville").
     */
    public Builder passwordContextWords(DistrictId district, List<String> words) {
      Objects.requireNonNull(district, "district");
      contextWords.put(district, List.copyOf(Objects.requireNonNull(words, "words")));
      return this;
    }

    /**
     * The strength meter's estimator. Default: {@link StrengthEstimator#builtIn} on the
     * builder's clock.
     */
    public Builder strengthEstimator(StrengthEstimator estimator) {
      this.strengthEstimator = Objects.requireNonNull(estimator, "estimator");
      return this;
    }

    /** Reset links and recovery limits. Default: {@link RecoveryPolicy#defaults()}. */
    public Builder recoveryPolicy(RecoveryPolicy policy) {
      this.recoveryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How the helpdesk verifies callers. Default: {@link VerificationPolicy#defaults()}. */
    public Builder verificationPolicy(VerificationPolicy policy) {
      this.verificationPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Which students get their own login and what it is called. Default:
     * {@link StudentAccountPolicy#defaults()} (grades 6–12, login name = student number).
     */
    public Builder studentAccountPolicy(StudentAccountPolicy policy) {
      this.studentAccountPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Who may see whom, for every district without its own. Default:
     * {@link AccessPolicy#defaults()} (parents and guardians; suspended at 18 until consent).
     */
    public Builder accessPolicy(AccessPolicy policy) {
      this.accessPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Who may see whom in one district, overriding {@link #accessPolicy(AccessPolicy)}. */
    public Builder accessPolicy(DistrictId district, AccessPolicy policy) {
      accessPolicies.put(Objects.requireNonNull(district, "district"),
          Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Builds the facade. Throws {@link IllegalStateException} naming the first missing
     * required part.
     */
    public Latchkey build() {
      if (store == null) {
        throw new IllegalStateException("store is required");
      }
      if (notifier == null) {
        throw new IllegalStateException("notifier is required");
      }
      if (secrets == null) {
        throw new IllegalStateException("secrets are required: there is no default secret");
      }
      if (random == null) {
        random = new SecureRandom();
      }
      return new Latchkey(this);
    }
  }
}
