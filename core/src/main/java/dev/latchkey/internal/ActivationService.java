package dev.latchkey.internal;

import dev.latchkey.activation.Activation;
import dev.latchkey.activation.BulkIssueProgress;
import dev.latchkey.activation.BulkIssueReport;
import dev.latchkey.activation.ActivationKey;
import dev.latchkey.activation.IssueResult;
import dev.latchkey.activation.KeyRules;
import dev.latchkey.spi.Household;
import dev.latchkey.spi.KeyHolder;
import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.activation.IssueResult.IssueCode;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.activation.ResendResult;
import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountView;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.Student;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PolicyResult;
import dev.latchkey.spi.IssueKeyCommand;
import dev.latchkey.spi.IssueKeyCommand.IssueLimit;
import dev.latchkey.spi.IssueOutcome;
import dev.latchkey.spi.RedeemKeyCommand;
import dev.latchkey.spi.RedeemOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Issuing and redeeming activation keys (K1–K6). */
public final class ActivationService implements Activation {
  private static final int ADDRESS_RACE_RETRIES = 3;
  private static final int SUGGESTIONS = 3;
  /** Guardians per store batch in a bulk issuance. */
  private static final int BULK_BATCH = 500;

  private final Deps deps;
  private final RosterService roster;
  private final Messages messages;

  public ActivationService(Deps deps, RosterService roster) {
    this.deps = deps;
    this.roster = roster;
    this.messages = new Messages(deps);
  }

  @Override
  public IssueResult issue(GuardianId guardian, RequestContext request) {
    return issue(guardian, false, null, "system", request);
  }

  @Override
  public IssueResult resetActivation(GuardianId guardian, RequestContext request) {
    return issue(guardian, true, null, "system", request);
  }

  @Override
  public ResendResult resend(DistrictId district, String email, RequestContext request) {
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(request, "request");
    Optional<EmailAddress> address = EmailAddress.parse(email);
    if (address.isEmpty()) {
      return ResendResult.INVALID_EMAIL;
    }
    if (!deps.resendThrottle.tryAcquire(request.sourceAddress())) {
      return ResendResult.THROTTLED;
    }
    EmailAddress typed = address.get();
    deps.afterAnswer(() -> resendKeys(district, typed, request));
    return ResendResult.ACCEPTED;
  }

  /** Issues a new key to each guardian at the address who may have one. */
  private void resendKeys(DistrictId district, EmailAddress address, RequestContext request) {
    Instant since = deps.clock.instant().minus(deps.activationPolicy.resendWindow());
    IssueLimit limit = new IssueLimit(deps.activationPolicy.resendsPerGuardian(), since);
    for (Guardian guardian : deps.store.guardiansByEmail(district, address.key())) {
      // Refusals (a login exists, the limit is reached) are not told: the answer is one (S13).
      issue(guardian.id(), false, limit, "anonymous", request);
    }
  }

  /** Issues a key as {@code actor}; the helpdesk's issue and reset come through here too. */
  IssueResult issue(GuardianId guardianId, boolean reset, IssueLimit limit, String actor,
      RequestContext request) {
    Objects.requireNonNull(guardianId, "guardian");
    Objects.requireNonNull(request, "request");
    for (int attempt = 0; attempt < ADDRESS_RACE_RETRIES; attempt++) {
      Optional<Guardian> found = deps.store.guardian(guardianId);
      if (found.isEmpty()) {
        return new IssueResult.Refused(IssueCode.UNKNOWN_GUARDIAN);
      }
      Guardian guardian = found.get();
      if (guardian.email().isEmpty()) {
        return new IssueResult.Refused(IssueCode.NO_EMAIL);
      }
      District district = deps.store.district(guardian.district())
          .orElseThrow(() -> new IllegalStateException("guardian's district is missing"));
      EmailAddress to = guardian.email().get();
      Instant now = deps.clock.instant();
      Instant expiresAt = now.plus(deps.activationPolicy.keyLife());
      ActivationKey key = ActivationKey.generate(deps.random);
      TokenDigest digest = deps.digester.digest(key.canonicalBytes());
      Notification mail = messages.activationKey(district, guardian, to,
          SecretText.of(key.display()), expiresAt, roster.visibleStudents(guardian), now);
      AuditEvent issuedEvent = deps.event(reset ? AuditEventType.ACTIVATION_RESET
          : AuditEventType.KEY_ISSUED, guardian.district(), actor, "guardian:" + guardianId,
          request, "ISSUED", Map.of("sentTo", to.value()));
      IssueKeyCommand command = new IssueKeyCommand(
          ActivationKeyRecord.live(digest, guardianId, guardian.district(), to, now, expiresAt),
          mail, reset, limit, decided -> List.of(withDetails(issuedEvent, Map.of(
              "revokedPrevious", Boolean.toString(decided.revoked() != null),
              "disabledAccount", decided.disabledAccount() == null
                  ? "none" : decided.disabledAccount().value()))));
      IssueOutcome outcome = deps.store.issueKey(command);
      switch (outcome.status()) {
        case ISSUED:
          deps.published(command.effects(outcome));
          deps.deliver(command.effects(outcome));
          return new IssueResult.Issued(guardianId, expiresAt, outcome.revoked() != null,
              outcome.disabledAccount() != null);
        case ADDRESS_CHANGED:
          continue; // the roster changed under us: read it again
        case HAS_ACCOUNT:
        case RATE_LIMITED:
          return new IssueResult.Refused(IssueCode.ACCOUNT_EXISTS);
        case SIGN_IN_DISABLED:
          return new IssueResult.Refused(IssueCode.SIGN_IN_DISABLED);
        case UNKNOWN_GUARDIAN:
        default:
          return new IssueResult.Refused(IssueCode.UNKNOWN_GUARDIAN);
      }
    }
    throw new IllegalStateException("the guardian's address kept changing while issuing a key");
  }

  @Override
  public RedeemResult redeem(Redemption redemption, RequestContext request) {
    Objects.requireNonNull(redemption, "redemption");
    Objects.requireNonNull(request, "request");
    String source = request.sourceAddress();
    if (deps.redeemThrottle.blocked(source)) {
      return RedeemResult.Rejected.of(RedeemCode.THROTTLED);
    }
    Set<String> invalid = deps.inputs.invalidFields(redemption);

    // 1. The key: format and check character, then the store. Nothing else is judged before.
    Optional<ActivationKey> key = invalid.contains("key")
        ? Optional.empty() : ActivationKey.parse(redemption.key());
    if (key.isEmpty()) {
      return rejectKey(RedeemCode.INVALID_KEY, null, request);
    }
    TokenDigest digest = deps.digester.digest(key.get().canonicalBytes());
    // One read: the key, its guardian's household and active account.
    Optional<LatchkeyStore.KeyFile> file = deps.store.keyFile(digest);
    if (file.isEmpty()) {
      return rejectKey(RedeemCode.INVALID_KEY, null, request);
    }
    ActivationKeyRecord record = file.get().key();
    Household household = file.get().household();
    Instant now = deps.clock.instant();
    KeyHolder holder = household == null ? null : new KeyHolder(
        household.guardian().email().map(EmailAddress::key).orElse(null),
        household.guardian().signInEnabled(), file.get().activeAccount(), null, null, 0);
    // The rules the store applies again inside its atomic step, asked early so that a key's
    // problem is the answer before any login name or password is judged.
    RedeemOutcome keyProblem = KeyRules.redeemRefusal(record, record.guardian(), holder, now);
    if (keyProblem != null) {
      return rejectKey(RedeemCode.valueOf(keyProblem.name()), record, request);
    }
    Guardian guardian = household.guardian();
    District district = household.district();

    // 2. The login name.
    Optional<LoginName> login = invalid.contains("loginName")
        ? Optional.empty() : LoginName.parse(redemption.loginName());
    if (login.isEmpty()) {
      return reject(RedeemCode.INVALID_USERNAME, record, request);
    }
    if (deps.store.loginNameTaken(district.id(), login.get().key(), guardian.id())) {
      return taken(login.get(), district.id(), guardian.id(), record, request);
    }

    // 3. The password: confirmation, then policy. Only then the (expensive) hash.
    String password = Objects.requireNonNullElse(redemption.password(), "");
    String confirmation = Objects.requireNonNullElse(redemption.confirmation(), "");
    if (!Deps.sameText(password, confirmation)) {
      return reject(RedeemCode.PASSWORD_MISMATCH, record, request);
    }
    List<Student> students = roster.visibleStudents(household);
    PolicyResult policy = deps.passwordPolicy.check(password, deps.passwordContext(
        district, Optional.of(guardian), login.get().value(), students));
    if (!policy.accepted()) {
      deps.audit(AuditEventType.KEY_REDEMPTION_REJECTED, district.id(), "anonymous",
          "guardian:" + guardian.id(), request, RedeemCode.PASSWORD_TOO_WEAK.name(), Map.of());
      return new RedeemResult.Rejected(RedeemCode.PASSWORD_TOO_WEAK, List.of(),
          policy.rejections());
    }
    PasswordHash hash = deps.hasher.hash(password);

    // 4. One atomic step that re-checks all of the above (S18, S19).
    PortalAccount account = PortalAccount.newGuardianAccount(Ids.newAccountId(deps.random),
        district.id(), login.get(), guardian.id(), hash, now);
    Notification created = guardian.email()
        .map(to -> messages.accountNotice(NotificationType.ACCOUNT_CREATED, district, guardian, to,
            login.get(), now))
        .orElse(null);
    RedeemKeyCommand command = new RedeemKeyCommand(digest, account, created, now,
        List.of(deps.event(AuditEventType.KEY_REDEEMED, district.id(), "account:" + account.id(),
            "guardian:" + guardian.id(), request, RedeemCode.REDEEMED.name(),
            Map.of("loginName", login.get().value()))));
    RedeemOutcome outcome = deps.store.redeemKey(command);
    switch (outcome) {
      case REDEEMED:
        deps.published(command.effects());
        deps.deliver(command.effects());
        return new RedeemResult.Redeemed(AccountView.of(account), students);
      case USERNAME_TAKEN:
        return taken(login.get(), district.id(), guardian.id(), record, request);
      case KEY_ALREADY_USED:
        return rejectKey(RedeemCode.KEY_ALREADY_USED, record, request);
      case KEY_REVOKED:
        return rejectKey(RedeemCode.KEY_REVOKED, record, request);
      case KEY_EXPIRED:
        return rejectKey(RedeemCode.KEY_EXPIRED, record, request);
      case INVALID_KEY:
      default:
        return rejectKey(RedeemCode.INVALID_KEY, record, request);
    }
  }

  private static AuditEvent withDetails(AuditEvent event, Map<String, String> more) {
    Map<String, String> details = new java.util.TreeMap<>(event.details());
    details.putAll(more);
    return new AuditEvent(event.at(), event.district(), event.type(), event.actor(),
        event.subject(), event.source(), event.outcome(), details);
  }

  /** A key-level rejection; unknown keys count against the source's throttle (key guessing). */
  private RedeemResult rejectKey(RedeemCode code, ActivationKeyRecord record,
      RequestContext request) {
    if (code == RedeemCode.INVALID_KEY) {
      deps.redeemThrottle.record(request.sourceAddress());
    }
    if (record != null) {
      deps.audit(AuditEventType.KEY_REDEMPTION_REJECTED, record.district(), "anonymous",
          "guardian:" + record.guardian(), request, code.name(), Map.of());
    }
    return RedeemResult.Rejected.of(code);
  }

  private RedeemResult reject(RedeemCode code, ActivationKeyRecord record,
      RequestContext request) {
    deps.audit(AuditEventType.KEY_REDEMPTION_REJECTED, record.district(), "anonymous",
        "guardian:" + record.guardian(), request, code.name(), Map.of());
    return RedeemResult.Rejected.of(code);
  }

  private RedeemResult taken(LoginName login, DistrictId district, GuardianId guardian,
      ActivationKeyRecord record, RequestContext request) {
    deps.audit(AuditEventType.KEY_REDEMPTION_REJECTED, record.district(), "anonymous",
        "guardian:" + record.guardian(), request, RedeemCode.USERNAME_TAKEN.name(), Map.of());
    return new RedeemResult.Rejected(RedeemCode.USERNAME_TAKEN,
        suggestions(login, district, guardian), List.of());
  }

  /** Free names close to the one wanted: the name with a number after it. */
  private List<String> suggestions(LoginName login, DistrictId district, GuardianId guardian) {
    List<String> free = new ArrayList<>(SUGGESTIONS);
    String base = login.value();
    if (base.length() > LoginName.MAX_LENGTH - 3) {
      base = base.substring(0, LoginName.MAX_LENGTH - 3);
    }
    for (int n = 2; n < 100 && free.size() < SUGGESTIONS; n++) {
      Optional<LoginName> candidate = LoginName.parse(base + n);
      if (candidate.isPresent()
          && !deps.store.loginNameTaken(district, candidate.get().key(), guardian)) {
        free.add(candidate.get().value());
      }
    }
    return free;
  }

  @Override
  public BulkIssueReport issueAll(DistrictId districtId, BulkIssueProgress progress) {
    Objects.requireNonNull(districtId, "district");
    Objects.requireNonNull(progress, "progress");
    District district = deps.store.district(districtId)
        .orElseThrow(() -> new IllegalArgumentException("unknown district"));
    long startedNanos = System.nanoTime();
    long total = deps.store.countGuardiansAwaitingKey(districtId, deps.clock.instant());
    long issued = 0;
    long skipped = 0;
    List<dev.latchkey.notify.NotificationId> queued = new ArrayList<>();
    GuardianId after = null;
    while (true) {
      Instant now = deps.clock.instant();
      List<Guardian> page = deps.store.guardiansAwaitingKey(districtId, after, BULK_BATCH, now);
      if (page.isEmpty()) {
        break;
      }
      after = page.get(page.size() - 1).id();
      Instant expiresAt = now.plus(deps.activationPolicy.keyLife());
      List<IssueKeyCommand> commands = new ArrayList<>(page.size());
      Map<GuardianId, List<Student>> students = roster.visibleStudents(page);
      for (Guardian guardian : page) {
        EmailAddress to = guardian.email().orElseThrow();
        ActivationKey key = ActivationKey.generate(deps.random);
        Notification mail = messages.activationKey(district, guardian, to,
            SecretText.of(key.display()), expiresAt,
            students.getOrDefault(guardian.id(), List.of()), now);
        List<AuditEvent> audited = List.of(deps.event(AuditEventType.KEY_ISSUED, districtId,
            "system", "guardian:" + guardian.id(), RequestContext.system(), "ISSUED",
            Map.of("sentTo", to.value(), "bulk", "true")));
        commands.add(new IssueKeyCommand(ActivationKeyRecord.live(
            deps.digester.digest(key.canonicalBytes()), guardian.id(), districtId, to, now,
            expiresAt), mail, false, null, decided -> audited));
      }
      List<IssueOutcome> outcomes = deps.store.issueFirstKeys(commands, now);
      for (int i = 0; i < outcomes.size(); i++) {
        IssueKeyCommand command = commands.get(i);
        if (outcomes.get(i).status() == IssueOutcome.Status.ISSUED) {
          issued++;
          deps.published(command.effects(outcomes.get(i)));
          queued.add(command.mail().id());
        } else {
          skipped++;
        }
      }
      double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
      progress.onProgress(issued + skipped, Math.max(total, issued + skipped), issued / seconds);
    }
    java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
    // On the host's executor, or (asked for) synchronously: this run's own mail, no one else's.
    deps.deliver(queued);
    deps.audit(AuditEventType.KEYS_BULK_ISSUED, districtId, "system", "district:" + districtId,
        RequestContext.system(), "DONE", Map.of("issued", Long.toString(issued),
            "skipped", Long.toString(skipped)));
    return new BulkIssueReport(issued, skipped, elapsed);
  }
}
