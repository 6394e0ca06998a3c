package dev.latchkey.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Proof that a helpdesk agent verified a caller as a guardian, for a short while (S26). The
 * privileged helpdesk actions require one that is unexpired, for the same guardian, and made by
 * the same agent.
 *
 * @param id a random id the agent's console holds for the call
 * @param guardian the guardian the caller proved to be
 * @param agent the agent who verified
 * @param verifiedAt when
 * @param expiresAt when it stops authorising anything
 */
public record CallerVerification(
    String id, GuardianId guardian, String agent, Instant verifiedAt, Instant expiresAt) {
  private static final Pattern ID = Pattern.compile("v-[0-9a-f]{32}");

  public CallerVerification {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("verification id has the wrong shape");
    }
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(verifiedAt, "verifiedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True when it authorises actions on {@code who} by {@code byAgent} at {@code now}. */
  public boolean authorises(GuardianId who, String byAgent, Instant now) {
    return guardian.equals(who) && agent.equals(byAgent) && now.isBefore(expiresAt);
  }
}
