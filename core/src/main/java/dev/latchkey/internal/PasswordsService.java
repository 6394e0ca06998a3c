package dev.latchkey.internal;

import dev.latchkey.model.AccountId;
import dev.latchkey.password.PasswordContext;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.password.Passwords;
import dev.latchkey.password.Strength;
import dev.latchkey.password.StrengthEstimator;
import java.util.Objects;

/** The strength meter and the context it is judged in. */
public final class PasswordsService implements Passwords {
  private final Deps deps;
  private final StrengthEstimator estimator;
  private final SignInService signIn;

  public PasswordsService(Deps deps, StrengthEstimator estimator, SignInService signIn) {
    this.deps = deps;
    this.estimator = estimator;
    this.signIn = signIn;
  }

  @Override
  public Strength strength(CharSequence typed, PasswordContext context) {
    return estimator.strength(typed == null ? "" : typed,
        context == null ? PasswordContext.empty() : context);
  }

  @Override
  public PasswordContext contextOf(AccountId account) {
    Objects.requireNonNull(account, "account");
    return deps.store.account(account)
        .flatMap(a -> Owners.of(deps.store, a).map(owners -> deps.passwordContext(
            owners.district(), owners.guardian(), a.loginName().value(),
            signIn.visibleStudents(a))))
        .orElse(PasswordContext.empty());
  }

  @Override
  public PasswordPolicy policy() {
    return deps.passwordPolicy;
  }
}
