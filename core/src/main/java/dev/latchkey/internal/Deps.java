package dev.latchkey.internal;

import dev.latchkey.activation.ActivationPolicy;
import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.audit.AuditSink;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.Notification;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.model.AccountId;
import dev.latchkey.signin.Lockout;
import dev.latchkey.signin.LockoutPolicy;
import dev.latchkey.spi.AccountStore.SignInDecision;
import dev.latchkey.spi.AccountStore.SignInUpdate;
import dev.latchkey.spi.Effects;
import dev.latchkey.spi.LatchkeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every capability needs, wired once by the facade's builder. Immutable, thread-safe. */
public final class Deps {
  private static final Logger LOG = LoggerFactory.getLogger(Deps.class);

  final LatchkeyStore store;
  final Clock clock;
  final SecureRandom random;
  final PasswordHasher hasher;
  final PasswordHash dummyHash;
  final PasswordPolicy passwordPolicy;
  final LockoutPolicy lockoutPolicy;
  final Lockout lockout;
  final ActivationPolicy activationPolicy;
  final Digester digester;
  final Delivery delivery;
  final AuditSink audit;
  final Inputs inputs;
  final Throttle signInThrottle;
  final Throttle redeemThrottle;
  final Throttle resendThrottle;
  final ScheduleService schedule;
  private final Map<DistrictId, List<String>> districtWords;

  @SuppressWarnings("checkstyle:ParameterNumber")
  public Deps(LatchkeyStore store, Clock clock, SecureRandom random, PasswordHasher hasher,
      PasswordPolicy passwordPolicy, LockoutPolicy lockoutPolicy,
      ActivationPolicy activationPolicy, byte[] digestKey, Delivery delivery, AuditSink audit,
      dev.latchkey.ThrottlePolicy throttle, ScheduleService schedule,
      Map<DistrictId, List<String>> districtWords) {
    this.schedule = schedule;
    this.districtWords = Map.copyOf(districtWords);
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.hasher = hasher;
    // Unknown names verify against this, so they cost what a real account costs (S14).
    this.dummyHash = hasher.hash(Ids.randomText(random, 24));
    this.passwordPolicy = passwordPolicy;
    this.lockoutPolicy = lockoutPolicy;
    this.lockout = Lockout.of(lockoutPolicy);
    this.activationPolicy = activationPolicy;
    this.digester = new Digester(digestKey);
    this.delivery = delivery;
    this.audit = audit;
    this.inputs = new Inputs();
    this.signInThrottle = new Throttle(throttle.signInFailures(), throttle.window(), clock);
    this.redeemThrottle = new Throttle(throttle.redeemFailures(), throttle.window(), clock);
    this.resendThrottle = new Throttle(throttle.resends(), throttle.window(), clock);
  }

  /** True for typed text no policy-conforming password can be: judged before any hashing. */
  boolean overCap(String typed) {
    return typed.length() > 4 * passwordPolicy.maxLength();
  }

  /** Compares a password and its confirmation as the hasher would see them, in constant time. */
  static boolean sameText(String a, String b) {
    return MessageDigest.isEqual(
        PasswordPolicy.normalise(a).getBytes(StandardCharsets.UTF_8),
        PasswordPolicy.normalise(b).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True when {@code password} is the account's current password or one of the earlier ones
   * the policy remembers ({@link PasswordPolicy#history()}). Costs one verification per
   * remembered password; only changes and resets call it.
   */
  boolean reusesRecentPassword(dev.latchkey.model.PortalAccount account, String password) {
    int remembered = passwordPolicy.history();
    if (remembered == 0) {
      return false;
    }
    if (hasher.verify(password, account.passwordHash())) {
      return true;
    }
    for (PasswordHash earlier : store.previousPasswords(account.id(), remembered - 1)) {
      if (hasher.verify(password, earlier)) {
        return true;
      }
    }
    return false;
  }

  /** Words a new password must not contain: the household's own, and the district's (S3). */
  dev.latchkey.password.PasswordContext passwordContext(dev.latchkey.model.District district,
      java.util.Optional<dev.latchkey.model.Guardian> guardian, String loginName,
      List<dev.latchkey.model.Student> students) {
    return Owners.passwordContext(district, guardian, loginName, students,
        districtWords.getOrDefault(district.id(), List.of()));
  }

  NotificationId newNotificationId() {
    return NotificationId.random(random);
  }

  /** An audit event at the facade's clock, to write with the change it records. */
  AuditEvent event(AuditEventType type, DistrictId district, String actor, String subject,
      RequestContext request, String outcome, Map<String, String> details) {
    return new AuditEvent(clock.instant(), district, type, actor, subject,
        request.sourceAddress(), outcome, details);
  }

  /** Records an event that no change comes with (an attempt refused before any store step). */
  void audit(AuditEventType type, DistrictId district, String actor, String subject,
      RequestContext request, String outcome, Map<String, String> details) {
    record(Effects.of(event(type, district, actor, subject, request, outcome, details)));
  }

  /** Writes effects that no change comes with, atomically, then shows them to the sink. */
  void record(Effects effects) {
    store.record(effects);
    published(effects);
  }

  /**
   * {@link dev.latchkey.spi.AccountStore#updateSignIn(AccountId, SignInDecision)}, then shows
   * the committed decision's audit events to the host's sink.
   */
  <R> R updateSignIn(AccountId id, SignInDecision<R> decision) {
    AtomicReference<Effects> decided = new AtomicReference<>(Effects.none());
    R result = store.updateSignIn(id, account -> remember(decided, decision.decide(account)));
    published(decided.get());
    return result;
  }

  /** {@link #updateSignIn(AccountId, SignInDecision)} by login name key. */
  <R> R updateSignIn(DistrictId district, String loginKey, SignInDecision<R> decision) {
    AtomicReference<Effects> decided = new AtomicReference<>(Effects.none());
    R result = store.updateSignIn(district, loginKey,
        account -> remember(decided, decision.decide(account)));
    published(decided.get());
    return result;
  }

  /** {@link LatchkeyStore#updateSignInAndRead}, then shows the committed events to the sink. */
  <R> LatchkeyStore.Seen updateSignInAndRead(AccountId id, SignInDecision<R> decision) {
    AtomicReference<Effects> decided = new AtomicReference<>(Effects.none());
    SignInDecision<R> remembered = account -> remember(decided, decision.decide(account));
    LatchkeyStore.Seen seen = store.updateSignInAndRead(id, remembered);
    published(decided.get());
    return seen;
  }

  // A transaction that lost a race decides again: the last decision is the one committed.
  private static <R> SignInUpdate<R> remember(AtomicReference<Effects> decided,
      SignInUpdate<R> update) {
    decided.set(update.effects());
    return update;
  }

  /**
   * Shows committed audit events to the host's sink, an observer: the store already holds
   * them, so a sink that fails changes nothing and is logged.
   */
  void published(Effects effects) {
    for (AuditEvent event : effects.audit()) {
      try {
        audit.record(event);
      } catch (RuntimeException e) {
        LOG.error("audit sink failed for {} ({})", event.type(), e.getClass().getName());
      }
    }
  }

  /**
   * Hands the outbox what this call has just committed: {@code queued} are the messages the call
   * built (null for none; one the store did not keep is ignored). Depending on the builder this
   * wakes the relay on the host's executor, delivers exactly these on this thread, or does
   * nothing. A failure leaves them queued for a later run (S28).
   */
  void deliver(Notification... queued) {
    List<NotificationId> ids = new java.util.ArrayList<>(queued.length);
    for (Notification n : queued) {
      if (n != null) {
        ids.add(n.id());
      }
    }
    delivery.queued(ids);
  }

  /**
   * Runs the part of a request whose cost depends on whether an account exists (the lookups,
   * the token, the limit, the mail), after the caller has its answer: on the relay's executor
   * when the host gave one, so that "Forgot password?", "Forgot username?" and "Resend my key"
   * take the caller the same time whatever the store holds; on this thread otherwise.
   */
  void afterAnswer(Runnable work) {
    delivery.afterAnswer(work);
  }

  /** {@link #deliver(Notification...)} for the messages a change's effects queued. */
  void deliver(Effects effects) {
    deliver(effects.outbox().toArray(Notification[]::new));
  }

  /** {@link #deliver(Notification...)} for messages known by id. */
  void deliver(java.util.Collection<NotificationId> queued) {
    delivery.queued(List.copyOf(queued));
  }
}
