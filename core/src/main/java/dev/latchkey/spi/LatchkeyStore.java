package dev.latchkey.spi;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Student;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything a backend implements. Each method's contract is in its interface's javadoc; the
 * conformance kit ({@code dev.latchkey.spi.tck}, the latchkey-spi-tck artifact) states them as tests,
 * races included, and every backend runs all of it.
 *
 * <p>Backends translate their own failures into {@link dev.latchkey.StoreException}; they never
 * let a driver's exception reach the caller. Implementations are thread-safe.
 */
public interface LatchkeyStore
    extends RosterStore, ActivationStore, AccountStore, RecoveryStore, OutboxStore,
    AuditStore {

  /**
   * {@link #updateSignIn(AccountId, SignInDecision)}, then what the account sees, as a
   * successful sign-in answers it: its guardian's {@link Household}, or its student. This
   * default takes three steps; a backend answers in the update's own transaction.
   */
  default Seen updateSignInAndRead(AccountId id, SignInDecision<?> decision) {
    updateSignIn(id, decision);
    Optional<PortalAccount> account = account(id);
    if (account.isEmpty()) {
      return Seen.NOTHING;
    }
    PortalAccount a = account.get();
    return a.guardian() != null
        ? new Seen(household(a.guardian()).orElse(null), null)
        : new Seen(null, student(Objects.requireNonNull(a.student())).orElse(null));
  }

  /**
   * A key and what its redemption is judged on, read in one step: empty when no key has this
   * digest. This default reads it piece by piece; a backend answers in one transaction.
   */
  default Optional<KeyFile> keyFile(TokenDigest digest) {
    Optional<ActivationKeyRecord> key = keyByDigest(digest);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    GuardianId guardian = key.get().guardian();
    return Optional.of(new KeyFile(key.get(), household(guardian).orElse(null),
        activeAccountOfGuardian(guardian).map(PortalAccount::id).orElse(null)));
  }

  /**
   * A key with its guardian's household and active account, as a redemption reads them.
   *
   * @param key the key, in any state
   * @param household its guardian's household; null when the guardian is gone
   * @param activeAccount its guardian's active account, if any
   */
  record KeyFile(ActivationKeyRecord key, @Nullable Household household,
      @Nullable AccountId activeAccount) {
    public KeyFile {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * What an account sees, read with its sign-in: a guardian account's household, or a student
   * account's student; neither when the account or its owner is gone.
   *
   * @param household the guardian's household, for a guardian account
   * @param student the student, for a student account
   */
  record Seen(@Nullable Household household, @Nullable Student student) {
    public static final Seen NOTHING = new Seen(null, null);
  }
}
