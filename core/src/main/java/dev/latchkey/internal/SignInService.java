package dev.latchkey.internal;

import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountView;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Role;
import dev.latchkey.model.Student;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignIn;
import dev.latchkey.signin.SignInResult;
import dev.latchkey.model.AccountId;
import dev.latchkey.signin.Lockout;
import dev.latchkey.spi.AccountStore.SignInUpdate;
import dev.latchkey.spi.Effects;
import dev.latchkey.spi.LatchkeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Sign-in with lockout. The order of work is the security argument: reserve the attempt in the
 * store before verifying (S12), verify exactly once whatever happened (S14), answer one value
 * for every failure (S13).
 */
public final class SignInService implements SignIn {
  static final SignInResult FAILED = new SignInResult.Failed();
  private static final SignInResult THROTTLED = new SignInResult.Throttled();

  private final Deps deps;
  private final RosterService roster;
  private final Messages messages;
  /**
   * Admits one password hash per processor at a time. Argon2id is CPU- and memory-bound, so
   * more hashes at once finish no sooner; they only hold more memory (19 MiB each at the
   * default cost) and take the processors from the sign-ins between two store calls, which hold
   * pooled connections while they wait for a slice, so a storm of sign-ins stalled on the pool.
   * Fair, so no sign-in waits behind later ones.
   */
  private final Semaphore hashing = new Semaphore(Runtime.getRuntime().availableProcessors(),
      true);

  public SignInService(Deps deps, RosterService roster) {
    this.deps = deps;
    this.roster = roster;
    this.messages = new Messages(deps);
  }

  @Override
  public SignInResult signIn(Credentials credentials, RequestContext request) {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(request, "request");
    String source = request.sourceAddress();
    if (deps.signInThrottle.blocked(source)) {
      return THROTTLED;
    }
    String password = Objects.requireNonNullElse(credentials.password(), "");
    Set<String> invalid = deps.inputs.invalidFields(credentials);
    DistrictId district = credentials.district();
    Instant now = deps.clock.instant();
    boolean overCap = deps.overCap(password);
    if (overCap) {
      password = ""; // no password that long was ever accepted; hash no megabytes (S1)
    }
    // A name that breaks the naming rules can belong to no account: no need to ask the store.
    Optional<LoginName> login = invalid.isEmpty() && !overCap
        ? LoginName.parse(credentials.loginName()) : Optional.empty();
    String typedName = "login:" + credentials.loginName();
    PortalAccount account = null;
    if (login.isPresent()) {
      account = deps.updateSignIn(district, login.get().key(),
          found -> reserve(found, district, typedName, now, request));
    } else if (district != null) {
      deps.record(Effects.of(deps.event(AuditEventType.SIGN_IN_FAILED, district, "anonymous",
          typedName, request, "UNKNOWN_ACCOUNT", Map.of())));
    }
    if (account == null) {
      verify(password, deps.dummyHash); // equal work (S14)
      deps.signInThrottle.record(source);
      return FAILED;
    }
    if (!verify(password, account.passwordHash())) {
      recordFailure(account, now, request, Effects.none());
      deps.signInThrottle.record(source);
      return FAILED;
    }
    PasswordHash rehash = deps.hasher.needsRehash(account.passwordHash())
        ? deps.hasher.hash(password) : null;
    PasswordHash verified = account.passwordHash();
    AccountId id = account.id();
    Effects signedIn = Effects.of(deps.event(AuditEventType.SIGNED_IN, account.district(),
        "account:" + id, "account:" + id, request, "SIGNED_IN",
        rehash == null ? Map.of() : Map.of("rehashed", "true")));
    LatchkeyStore.Seen seen = deps.updateSignInAndRead(id, found -> found == null
        ? SignInUpdate.unchanged(null, Effects.none())
        : new SignInUpdate<>(null, deps.lockout.succeed(found.signInState(), now),
            rehash != null && found.passwordHash().equals(verified) ? rehash : null, signedIn));
    return new SignInResult.SignedIn(AccountView.of(account), account.mustChangePassword(),
        visible(seen));
  }

  /** The students an account may see, from what its sign-in read with it. */
  private List<Student> visible(LatchkeyStore.Seen seen) {
    if (seen.household() != null) {
      return roster.visibleStudents(seen.household());
    }
    Student student = seen.student();
    return student != null && student.status() == dev.latchkey.model.EnrollmentStatus.ENROLLED
        ? List.of(student) : List.of();
  }

  /**
   * The first half of a sign-in, inside the store's transaction: reserve the attempt (S12), or
   * record why not. Answers the account when its password may be verified.
   */
  private SignInUpdate<PortalAccount> reserve(PortalAccount found, DistrictId district,
      String typedName, Instant now, RequestContext request) {
    if (found == null) {
      return SignInUpdate.unchanged(null, Effects.of(deps.event(AuditEventType.SIGN_IN_FAILED,
          district, "anonymous", typedName, request, "UNKNOWN_ACCOUNT", Map.of())));
    }
    Lockout.Reservation r = deps.lockout.reserve(found.status(), found.signInState(), now);
    if (r.reserved()) {
      return new SignInUpdate<>(found.withSignInState(r.next()), r.next(), null, Effects.none());
    }
    return new SignInUpdate<>(null, r.next(), null, Effects.of(deps.event(
        AuditEventType.SIGN_IN_FAILED, district, "anonymous", "account:" + found.id(), request,
        r.outcome().name(), Map.of())));
  }

  private boolean verify(String password, PasswordHash stored) {
    hashing.acquireUninterruptibly();
    try {
      return deps.hasher.verify(password, stored);
    } finally {
      hashing.release();
    }
  }

  /**
   * Reserves an attempt on a known account for a password check that is not a sign-in (a
   * password change's current password): the account when it may be verified, empty when it
   * must do dummy work instead.
   */
  Optional<PortalAccount> reserve(AccountId id, Instant now, RequestContext request) {
    return Optional.ofNullable(deps.updateSignIn(id, found -> {
      if (found == null) {
        return SignInUpdate.unchanged(null, Effects.none());
      }
      Lockout.Reservation r = deps.lockout.reserve(found.status(), found.signInState(), now);
      return r.reserved()
          ? new SignInUpdate<>(found.withSignInState(r.next()), r.next(), null, Effects.none())
          : new SignInUpdate<>(null, r.next(), null, Effects.of(deps.event(
              AuditEventType.SIGN_IN_FAILED, found.district(), "account:" + id,
              "account:" + id, request, r.outcome().name(), Map.of())));
    }));
  }

  /** A reserved attempt's password was right, for a check that is not a sign-in. */
  void passwordConfirmed(AccountId id, Instant now) {
    deps.updateSignIn(id, found -> found == null
        ? SignInUpdate.unchanged(null, Effects.none())
        : new SignInUpdate<>(null, deps.lockout.succeed(found.signInState(), now), null,
            Effects.none()));
  }

  /**
   * Records a failed, reserved attempt; locks the account if this failure reached the threshold
   * and queues the owner's one ACCOUNT_LOCKED notice, with the audit events and {@code more},
   * in one store step. Shared with password changes, where a wrong current password is a failed
   * sign-in.
   */
  void recordFailure(PortalAccount account, Instant now, RequestContext request, Effects more) {
    Owners owners = Owners.of(deps.store, account).orElse(null);
    Notification notice = owners == null ? null : owners.address()
        .map(to -> messages.accountNotice(NotificationType.ACCOUNT_LOCKED, owners.district(),
            owners.guardian().orElseThrow(), to, account.loginName(), now))
        .orElse(null);
    String subject = "account:" + account.id();
    Effects failed = Effects.of(deps.event(AuditEventType.SIGN_IN_FAILED, account.district(),
        "anonymous", subject, request, "WRONG_PASSWORD", Map.of())).and(more);
    Effects locked = failed.and(notice).and(deps.event(AuditEventType.ACCOUNT_LOCKED,
        account.district(), "system", subject, request, "LOCKED",
        Map.of("policy", deps.lockoutPolicy.isTemporary() ? "temporary" : "until-unlocked")));
    boolean lockedNow = deps.updateSignIn(account.id(), found -> {
      if (found == null) {
        return SignInUpdate.unchanged(false, failed);
      }
      Lockout.Failure f = deps.lockout.fail(found.status(), found.signInState(), now);
      boolean lock = f.outcome() == Lockout.Failure.Outcome.LOCKED_NOW;
      return new SignInUpdate<>(lock, f.next(), null, lock ? locked : failed);
    });
    if (lockedNow) {
      deps.deliver(locked);
    }
  }

  List<Student> visibleStudents(PortalAccount account) {
    if (account.role() == Role.GUARDIAN) {
      return roster.visibleStudents(Objects.requireNonNull(account.guardian()));
    }
    return deps.store.student(Objects.requireNonNull(account.student()))
        .filter(s -> s.status() == dev.latchkey.model.EnrollmentStatus.ENROLLED)
        .map(List::of)
        .orElse(List.of());
  }
}
