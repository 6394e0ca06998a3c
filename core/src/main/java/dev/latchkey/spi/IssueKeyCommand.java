package dev.latchkey.spi;

import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.notify.Notification;
import dev.latchkey.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Issue a key, atomically: see {@link ActivationStore#issueKey}.
 *
 * @param key the new live key (its guardian, address and expiry)
 * @param mail the ACTIVATION_KEY message, to the same address as {@code key.sentTo()}
 * @param resetActivation when true, the guardian's active account (if any) is disabled in the
 *     same step (K6); when false, a guardian with an active account gets no key
 * @param limit when set, refuse if the guardian already had {@code limit.max()} keys issued at
 *     or after {@code limit.since()} (S24)
 * @param audit the audit events that record an issue, given what it did; written with the key
 */
public record IssueKeyCommand(
    ActivationKeyRecord key, Notification mail, boolean resetActivation,
    @Nullable IssueLimit limit, Audit audit) {
  public IssueKeyCommand {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(audit, "audit");
    if (!mail.recipient().equals(key.sentTo())) {
      throw new IllegalArgumentException("the key mail must go to the key's address");
    }
  }

  /** A command whose issue is recorded by no audit event (bulk issuance, tests). */
  public IssueKeyCommand(ActivationKeyRecord key, Notification mail, boolean resetActivation,
      @Nullable IssueLimit limit) {
    this(key, mail, resetActivation, limit, decided -> List.of());
  }

  /**
   * What an issue brings with it once decided: the key mail and the audit events, to write
   * in the same transaction as the key.
   */
  public Effects effects(IssueOutcome decided) {
    return new Effects(List.of(mail), audit.of(decided));
  }

  /** The audit events of an issue, given the decision. A pure function. */
  @FunctionalInterface
  public interface Audit {
    List<AuditEvent> of(IssueOutcome decided);
  }

  /**
   * The instant from which the store counts the guardian's issued keys into
   * {@link KeyHolder#keysIssuedSince()}; null when no limit applies (count nothing).
   */
  public @Nullable Instant countKeysSince() {
    return limit == null ? null : limit.since();
  }

  /**
   * The core's decision for this command over the guardian as loaded ({@code null} when there
   * is no such guardian): {@link dev.latchkey.activation.KeyRules#issue}. On {@code ISSUED} the
   * store revokes {@link IssueOutcome#revoked()} and disables
   * {@link IssueOutcome#disabledAccount()}, when set, inserts the key and queues the mail.
   */
  public IssueOutcome decide(@Nullable KeyHolder holder) {
    return dev.latchkey.activation.KeyRules.issue(holder, this);
  }

  /** {@link #decide} for bulk issuance: {@link dev.latchkey.activation.KeyRules#firstKey}. */
  public IssueOutcome decideFirst(@Nullable KeyHolder holder, Instant now) {
    return dev.latchkey.activation.KeyRules.firstKey(holder, this, now);
  }

  /**
   * A rate limit on issuance per guardian.
   *
   * @param max how many keys may have been issued since {@code since}
   * @param since the start of the window
   */
  public record IssueLimit(int max, Instant since) {
    public IssueLimit {
      Objects.requireNonNull(since, "since");
      if (max < 1) {
        throw new IllegalArgumentException("max must be positive");
      }
    }
  }
}
