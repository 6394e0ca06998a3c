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
import dev.latchkey.spi.AccountStore.Rehash;
import dev.latchkey.spi.FailureOutcome;
import dev.latchkey.spi.Reservation;
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
    Reservation reservation = login.isPresent()
        ? deps.store.reserveAttempt(district, login.get().key(), now, deps.lockoutPolicy)
        : new Reservation.Refused(Reservation.Reason.UNKNOWN_ACCOUNT);

    if (reservation instanceof Reservation.Refused refused) {
      verify(password, deps.dummyHash); // equal work (S14)
      deps.signInThrottle.record(source);
      if (district != null) {
        deps.audit(AuditEventType.SIGN_IN_FAILED, district, "anonymous",
            "login:" + credentials.loginName(), request, refused.reason().name(), Map.of());
      }
      return FAILED;
    }
    PortalAccount account = ((Reservation.Reserved) reservation).account();
    if (!verify(password, account.passwordHash())) {
      recordFailure(account, now, request);
      deps.signInThrottle.record(source);
      return FAILED;
    }
    Rehash rehash = deps.hasher.needsRehash(account.passwordHash())
        ? new Rehash(account.passwordHash(), deps.hasher.hash(password)) : null;
    deps.store.recordSuccess(account.id(), now, rehash);
    deps.audit(AuditEventType.SIGNED_IN, account.district(), "account:" + account.id(),
        "account:" + account.id(), request, "SIGNED_IN",
        rehash == null ? Map.of() : Map.of("rehashed", "true"));
    return new SignInResult.SignedIn(AccountView.of(account), account.mustChangePassword(),
        visibleStudents(account));
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
   * Records a failed, reserved attempt; locks the account if this failure reached the threshold
   * and queues the owner's one ACCOUNT_LOCKED notice. Shared with password changes, where a
   * wrong current password is a failed sign-in.
   */
  void recordFailure(PortalAccount account, Instant now, RequestContext request) {
    Owners owners = Owners.of(deps.store, account).orElse(null);
    Notification notice = owners == null ? null : owners.address()
        .map(to -> messages.accountNotice(NotificationType.ACCOUNT_LOCKED, owners.district(),
            owners.guardian().orElseThrow(), to, account.loginName(), now))
        .orElse(null);
    FailureOutcome outcome = deps.store.recordFailure(account.id(), now, deps.lockoutPolicy,
        notice);
    deps.audit(AuditEventType.SIGN_IN_FAILED, account.district(), "anonymous",
        "account:" + account.id(), request, "WRONG_PASSWORD", Map.of());
    if (outcome == FailureOutcome.LOCKED_NOW) {
      deps.audit(AuditEventType.ACCOUNT_LOCKED, account.district(), "system",
          "account:" + account.id(), request, "LOCKED",
          Map.of("policy", deps.lockoutPolicy.isTemporary() ? "temporary" : "until-unlocked"));
      deps.deliver(notice);
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
