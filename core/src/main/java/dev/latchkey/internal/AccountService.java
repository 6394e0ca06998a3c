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
import dev.latchkey.signin.Lockout;
import dev.latchkey.spi.AccountStore.SignInUpdate;
import dev.latchkey.spi.Effects;
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
    Optional<PortalAccount> reserved = signIn.reserve(accountId, now, request);
    if (reserved.isEmpty()) {
      deps.hasher.verify(currentText, deps.dummyHash);
      return PasswordChangeResult.Rejected.of(Code.INVALID_CREDENTIALS);
    }
    PortalAccount account = reserved.get();
    if (!deps.hasher.verify(currentText, account.passwordHash())) {
      signIn.recordFailure(account, now, request, Effects.of(deps.event(
          AuditEventType.PASSWORD_CHANGE_REJECTED, account.district(), "account:" + accountId,
          "account:" + accountId, request, "INVALID_CREDENTIALS", Map.of())));
      return PasswordChangeResult.Rejected.of(Code.INVALID_CREDENTIALS);
    }
    signIn.passwordConfirmed(accountId, now);

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
    Effects changed = Effects.of(notice, deps.event(AuditEventType.PASSWORD_CHANGED,
        account.district(), "account:" + accountId, "account:" + accountId, request, "CHANGED",
        Map.of()));
    PasswordChangeOutcome outcome = deps.store.changePassword(accountId,
        account.credentialVersion(), hash, now, changed);
    if (outcome != PasswordChangeOutcome.CHANGED) {
      return rejected(account, Code.CONFLICT, PolicyResult.ok(), request);
    }
    deps.published(changed);
    deps.deliver(changed);
    return new PasswordChangeResult.Changed(account.credentialVersion() + 1);
  }

  @Override
  public boolean unlock(AccountId accountId, RequestContext request) {
    Objects.requireNonNull(accountId, "account");
    Objects.requireNonNull(request, "request");
    return deps.updateSignIn(accountId, found -> {
      if (found == null) {
        return SignInUpdate.unchanged(false, Effects.none());
      }
      boolean locked = found.lockedAt() != null;
      return new SignInUpdate<>(locked, Lockout.unlock(found.signInState()), null,
          Effects.of(deps.event(AuditEventType.ACCOUNT_UNLOCKED, found.district(), "system",
              "account:" + accountId, request, locked ? "UNLOCKED" : "NOT_LOCKED", Map.of())));
    });
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
