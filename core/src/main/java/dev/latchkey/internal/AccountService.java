package dev.latchkey.internal;

import dev.latchkey.account.Accounts;
import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.account.PasswordChangeResult.Code;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountView;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.password.PasswordRejection;
import dev.latchkey.password.PolicyResult;
import dev.latchkey.spi.PasswordChangeOutcome;
import dev.latchkey.spi.Reservation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Password changes and unlocks. */
public final class AccountService implements Accounts {
  private final Deps deps;
  private final SignInService signIn;
  private final Messages messages;

  public AccountService(Deps deps, SignInService signIn) {
    this.deps = deps;
    this.signIn = signIn;
    this.messages = new Messages(deps);
  }

  @Override
  public Optional<AccountView> find(AccountId account) {
    return deps.store.account(Objects.requireNonNull(account, "account")).map(AccountView::of);
  }

  @Override
  public PasswordChangeResult changePassword(AccountId accountId, String current, String next,
      String confirmation, RequestContext request) {
    Objects.requireNonNull(accountId, "account");
    Objects.requireNonNull(request, "request");
    String currentText = typed(current);
    Instant now = deps.clock.instant();

    if (deps.overCap(currentText)) {
      deps.hasher.verify("", deps.dummyHash); // no password that long was ever accepted
      return PasswordChangeResult.Rejected.of(Code.INVALID_CREDENTIALS);
    }
    // The current password is a sign-in: reserved, verified once, counted (S12, S14).
    Reservation reservation = deps.store.reserveAttempt(accountId, now, deps.lockoutPolicy);
    if (reservation instanceof Reservation.Refused) {
      deps.hasher.verify(currentText, deps.dummyHash);
      return PasswordChangeResult.Rejected.of(Code.INVALID_CREDENTIALS);
    }
    PortalAccount account = ((Reservation.Reserved) reservation).account();
    if (!deps.hasher.verify(currentText, account.passwordHash())) {
      signIn.recordFailure(account, now, request);
      deps.audit(AuditEventType.PASSWORD_CHANGE_REJECTED, account.district(),
          "account:" + accountId, "account:" + accountId, request, "INVALID_CREDENTIALS",
          Map.of());
      return PasswordChangeResult.Rejected.of(Code.INVALID_CREDENTIALS);
    }
    deps.store.recordSuccess(accountId, now, null);

    String nextText = typed(next);
    if (!Deps.sameText(nextText, typed(confirmation))) {
      return rejected(account, Code.PASSWORD_MISMATCH, PolicyResult.ok(), request);
    }
    Owners owners = Owners.of(deps.store, account)
        .orElseThrow(() -> new IllegalStateException("account's district is missing"));
    PolicyResult policy = deps.passwordPolicy.check(nextText, deps.passwordContext(
        owners.district(), owners.guardian(), account.loginName().value(),
        signIn.visibleStudents(account)));
    if (!policy.accepted()) {
      return rejected(account, Code.PASSWORD_TOO_WEAK, policy, request);
    }
    if (deps.reusesRecentPassword(account, nextText)) {
      return rejected(account, Code.PASSWORD_TOO_WEAK,
          new PolicyResult(List.of(PasswordRejection.REUSED)), request);
    }
    PasswordHash hash = deps.hasher.hash(nextText);
    Notification notice = owners.address()
        .map(to -> messages.accountNotice(NotificationType.PASSWORD_CHANGED, owners.district(),
            owners.guardian().orElseThrow(), to, account.loginName(), now))
        .orElse(null);
    PasswordChangeOutcome outcome = deps.store.changePassword(accountId,
        account.credentialVersion(), hash, now, notice);
    if (outcome != PasswordChangeOutcome.CHANGED) {
      return rejected(account, Code.CONFLICT, PolicyResult.ok(), request);
    }
    deps.audit(AuditEventType.PASSWORD_CHANGED, account.district(), "account:" + accountId,
        "account:" + accountId, request, "CHANGED", Map.of());
    deps.deliver(notice);
    return new PasswordChangeResult.Changed(account.credentialVersion() + 1);
  }

  @Override
  public boolean unlock(AccountId accountId, RequestContext request) {
    Objects.requireNonNull(accountId, "account");
    Objects.requireNonNull(request, "request");
    Optional<PortalAccount> account = deps.store.account(accountId);
    if (account.isEmpty()) {
      return false;
    }
    boolean unlocked = deps.store.unlock(accountId, null);
    deps.audit(AuditEventType.ACCOUNT_UNLOCKED, account.get().district(), "system",
        "account:" + accountId, request, unlocked ? "UNLOCKED" : "NOT_LOCKED", Map.of());
    return unlocked;
  }

  private PasswordChangeResult rejected(PortalAccount account, Code code, PolicyResult policy,
      RequestContext request) {
    deps.audit(AuditEventType.PASSWORD_CHANGE_REJECTED, account.district(),
        "account:" + account.id(), "account:" + account.id(), request, code.name(), Map.of());
    return new PasswordChangeResult.Rejected(code, policy.rejections());
  }

  private static String typed(String text) {
    return text == null ? "" : text;
  }
}
