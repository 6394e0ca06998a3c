package dev.latchkey.internal;

import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.ResetTokenRecord;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PolicyResult;
import dev.latchkey.recovery.Recovery;
import dev.latchkey.recovery.RecoveryAnswer;
import dev.latchkey.recovery.RecoveryPolicy;
import dev.latchkey.recovery.ResetCode;
import dev.latchkey.recovery.ResetResult;
import dev.latchkey.spi.RecoveryStore.ResetOutcome;
import java.nio.charset.StandardCharsets;
import dev.latchkey.model.AccountId;
import dev.latchkey.recovery.RateWindow;
import dev.latchkey.recovery.ResetRules;
import dev.latchkey.signin.Lockout;
import dev.latchkey.spi.Effects;
import dev.latchkey.spi.RecoveryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Forgot username, forgot password, and resets with single-use tokens. */
public final class RecoveryService implements Recovery {
  /** 32 random bytes, URL-safe base64 without padding: 256 bits (S16 asks for 128). */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final int TOKEN_BYTES = 32;

  private final Deps deps;
  private final RecoveryPolicy policy;
  private final SignInService signIn;
  private final Messages messages;

  public RecoveryService(Deps deps, RecoveryPolicy policy, SignInService signIn) {
    this.deps = deps;
    this.policy = policy;
    this.signIn = signIn;
    this.messages = new Messages(deps);
  }

  @Override
  public RecoveryAnswer forgotUsername(DistrictId district, String email,
      RequestContext request) {
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(request, "request");
    Optional<EmailAddress> address = EmailAddress.parse(email);
    if (address.isEmpty()) {
      return RecoveryAnswer.INVALID_INPUT;
    }
    if (!deps.resendThrottle.tryAcquire(request.sourceAddress())) {
      return RecoveryAnswer.THROTTLED;
    }
    EmailAddress typed = address.get();
    deps.afterAnswer(() -> remindUsernames(district, typed, request));
    return RecoveryAnswer.ACCEPTED;
  }

  /** Mails the address its login names, if it has any and its limit allows. */
  private void remindUsernames(DistrictId district, EmailAddress typed, RequestContext request) {
    Instant now = deps.clock.instant();
    Map<Guardian, String> logins = new LinkedHashMap<>();
    for (Guardian guardian : deps.store.guardiansByEmail(district, typed.key())) {
      deps.store.activeAccountOfGuardian(guardian.id())
          .ifPresent(account -> logins.put(guardian, account.loginName().value()));
    }
    boolean sent = false;
    if (!logins.isEmpty() && deps.store.consume("reminder:" + district.value() + ":"
        + typed.key(), RateWindow.of(policy.window(), policy.mailsPerAddress()).at(now))) {
      Guardian first = logins.keySet().iterator().next();
      District d = deps.store.district(district).orElseThrow();
      // The address of record as the roster holds it, never the text as typed (S23).
      Effects reminder = Effects.of(messages.usernameReminder(d, first,
          first.email().orElseThrow(), new ArrayList<>(logins.values()), now), deps.event(
              AuditEventType.USERNAME_REMINDER_REQUESTED, district, "anonymous",
              "email:" + typed.key(), request, "SENT", Map.of()));
      deps.record(reminder);
      deps.deliver(reminder);
      sent = true;
    }
    if (!sent) {
      deps.audit(AuditEventType.USERNAME_REMINDER_REQUESTED, district, "anonymous",
          "email:" + typed.key(), request, "NOT_SENT", Map.of());
    }
  }

  @Override
  public RecoveryAnswer forgotPassword(DistrictId district, String loginNameOrEmail,
      RequestContext request) {
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(request, "request");
    Optional<LoginName> login = LoginName.parse(loginNameOrEmail);
    Optional<EmailAddress> address = EmailAddress.parse(loginNameOrEmail);
    if (login.isEmpty() && address.isEmpty()) {
      return RecoveryAnswer.INVALID_INPUT;
    }
    if (!deps.resendThrottle.tryAcquire(request.sourceAddress())) {
      return RecoveryAnswer.THROTTLED;
    }
    deps.afterAnswer(() -> sendResets(district, loginNameOrEmail, login, address, request));
    return RecoveryAnswer.ACCEPTED;
  }

  /** Mails a reset link to each active account the identifier names. */
  private void sendResets(DistrictId district, String loginNameOrEmail,
      Optional<LoginName> login, Optional<EmailAddress> address, RequestContext request) {
    List<PortalAccount> accounts = new ArrayList<>();
    login.flatMap(l -> deps.store.accountByLoginName(district, l.key()))
        .ifPresent(accounts::add);
    if (accounts.isEmpty() && address.isPresent()) {
      for (Guardian guardian : deps.store.guardiansByEmail(district, address.get().key())) {
        deps.store.activeAccountOfGuardian(guardian.id()).ifPresent(accounts::add);
      }
    }
    int sent = 0;
    for (PortalAccount account : accounts) {
      if (sendReset(account, true, "anonymous", request)) {
        sent++;
      }
    }
    deps.audit(AuditEventType.PASSWORD_RESET_REQUESTED, district, "anonymous",
        "identifier:" + loginNameOrEmail.strip(), request, sent > 0 ? "SENT" : "NOT_SENT",
        Map.of());
  }

  /**
   * Mails a reset link for the account to its address of record, superseding older links.
   * False when the account cannot receive one (disabled, no address) or its limit is reached.
   */
  boolean sendReset(PortalAccount account, boolean limited, String actor,
      RequestContext request) {
    if (account.status() != dev.latchkey.model.AccountStatus.ACTIVE) {
      return false;
    }
    Optional<Owners> owners = Owners.of(deps.store, account);
    Optional<EmailAddress> to = owners.flatMap(Owners::address);
    if (to.isEmpty()) {
      return false;
    }
    Instant now = deps.clock.instant();
    if (limited && !deps.store.consume("reset:" + account.id().value(),
        RateWindow.of(policy.window(), policy.mailsPerAccount()).at(now))) {
      return false;
    }
    byte[] bytes = new byte[TOKEN_BYTES];
    deps.random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = now.plus(policy.tokenLife());
    TokenDigest digest = digest(token);
    Notification mail = messages.passwordReset(owners.get().district(),
        owners.get().guardian().orElseThrow(), to.get(), account.loginName(),
        SecretText.of(token), expiresAt, now);
    Effects sent = Effects.of(mail, deps.event(AuditEventType.PASSWORD_RESET_REQUESTED,
        account.district(), actor, "account:" + account.id(), request, "SENT",
        Map.of("sentTo", to.get().value())));
    boolean issued = deps.store.issueResetToken(ResetTokenRecord.live(digest, account.id(),
        account.district(), to.get(), now, expiresAt), sent);
    if (issued) {
      deps.published(sent);
      deps.deliver(sent);
    }
    return issued;
  }

  @Override
  public ResetCode checkResetToken(String token) {
    Optional<TokenDigest> digest = parse(token);
    if (digest.isEmpty()) {
      return ResetCode.INVALID_TOKEN;
    }
    return deps.store.resetToken(digest.get())
        .map(record -> tokenProblem(record, deps.clock.instant()))
        .orElse(ResetCode.INVALID_TOKEN);
  }

  @Override
  public ResetResult resetPassword(String token, String password, String confirmation,
      RequestContext request) {
    Objects.requireNonNull(request, "request");
    if (deps.redeemThrottle.blocked(request.sourceAddress())) {
      return ResetResult.Rejected.of(ResetCode.THROTTLED);
    }
    Optional<TokenDigest> digest = parse(token);
    Optional<ResetTokenRecord> record = digest.flatMap(deps.store::resetToken);
    if (record.isEmpty()) {
      deps.redeemThrottle.record(request.sourceAddress());
      return ResetResult.Rejected.of(ResetCode.INVALID_TOKEN);
    }
    Instant now = deps.clock.instant();
    ResetCode problem = tokenProblem(record.get(), now);
    if (problem != ResetCode.VALID) {
      return ResetResult.Rejected.of(problem);
    }
    Optional<PortalAccount> account = deps.store.account(record.get().account());
    if (account.isEmpty()) {
      return ResetResult.Rejected.of(ResetCode.INVALID_TOKEN);
    }
    String next = Objects.requireNonNullElse(password, "");
    if (!Deps.sameText(next, Objects.requireNonNullElse(confirmation, ""))) {
      return ResetResult.Rejected.of(ResetCode.PASSWORD_MISMATCH);
    }
    Owners owners = Owners.of(deps.store, account.get()).orElseThrow();
    PolicyResult verdict = deps.passwordPolicy.check(next, deps.passwordContext(
        owners.district(), owners.guardian(), account.get().loginName().value(),
        signIn.visibleStudents(account.get())));
    if (!verdict.accepted()) {
      return new ResetResult.Rejected(ResetCode.PASSWORD_TOO_WEAK, verdict.rejections());
    }
    if (deps.reusesRecentPassword(account.get(), next)) {
      return new ResetResult.Rejected(ResetCode.PASSWORD_TOO_WEAK,
          List.of(dev.latchkey.password.PasswordRejection.REUSED));
    }
    PasswordHash hash = deps.hasher.hash(next);
    Notification notice = owners.address()
        .map(to -> messages.accountNotice(NotificationType.PASSWORD_CHANGED, owners.district(),
            owners.guardian().orElseThrow(), to, account.get().loginName(), now))
        .orElse(null);
    AccountId id = account.get().id();
    Effects reset = Effects.of(notice, deps.event(AuditEventType.PASSWORD_RESET,
        account.get().district(), "account:" + id, "account:" + id, request, "RESET",
        Map.of("unlocked", Boolean.toString(policy.resetLiftsLock()))));
    ResetOutcome outcome = deps.store.resetPassword(digest.get(), hash, (stored, owner) ->
        new RecoveryStore.ResetStep(ResetRules.use(stored, owner, now), now,
            policy.resetLiftsLock() && owner != null ? Lockout.unlock(owner.signInState()) : null,
            reset));
    switch (outcome) {
      case RESET:
        deps.published(reset);
        deps.deliver(reset);
        return new ResetResult.Reset(account.get().credentialVersion() + 1);
      case EXPIRED:
        return ResetResult.Rejected.of(ResetCode.TOKEN_EXPIRED);
      case USED:
        return ResetResult.Rejected.of(ResetCode.TOKEN_USED);
      case INVALID:
      default:
        return ResetResult.Rejected.of(ResetCode.INVALID_TOKEN);
    }
  }

  /** The token's own state, by the rules the store applies again when it is used. */
  private static ResetCode tokenProblem(ResetTokenRecord record, Instant now) {
    switch (ResetRules.check(record, now)) {
      case RESET:
        return ResetCode.VALID;
      case EXPIRED:
        return ResetCode.TOKEN_EXPIRED;
      case USED:
        return ResetCode.TOKEN_USED;
      case INVALID:
      default:
        return ResetCode.INVALID_TOKEN;
    }
  }

  private Optional<TokenDigest> parse(String token) {
    if (token == null || token.length() > 128 || !TOKEN.matcher(token.strip()).matches()) {
      return Optional.empty();
    }
    return Optional.of(digest(token.strip()));
  }

  private TokenDigest digest(String token) {
    return deps.digester.digest(token.getBytes(StandardCharsets.US_ASCII));
  }
}
