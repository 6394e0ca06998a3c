package dev.latchkey.audit;

import dev.latchkey.model.DistrictId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One security event. Never holds a secret: ids, login names, addresses and outcome codes only.
 * Text that comes from the outside world — a login name as typed, a source address, an agent's
 * reason — is made safe here, once, so that every store can hold it and every log line can show
 * it (S33): control characters (NUL included), separators, format characters and lone
 * surrogates are escaped as {@code \\uXXXX}, <code>$&#123;</code> is broken up, and each field is cut at
 * its cap ({@link #MAX_TEXT} for actor and subject, {@link #MAX_CODE} for source and outcome,
 * {@link #MAX_DETAIL} for each detail) with a marker.
 *
 * @param at when it happened (the facade's clock)
 * @param district the district it concerns
 * @param type what happened
 * @param actor who did it: {@code account:<id>}, {@code agent:<name>}, {@code system} or
 *     {@code anonymous}
 * @param subject what it was done to: {@code account:<id>}, {@code guardian:<id>}, or a login
 *     name as typed
 * @param source the caller's source address
 * @param outcome a stable outcome code
 * @param details further non-secret values
 */
public record AuditEvent(
    Instant at, DistrictId district, AuditEventType type, String actor, String subject,
    String source, String outcome, Map<String, String> details) {
  /** The longest actor or subject kept, in UTF-16 units. */
  public static final int MAX_TEXT = 400;
  /** The longest source address or outcome code kept. */
  public static final int MAX_CODE = 64;
  /** The longest detail value kept; a detail's name is kept to {@link #MAX_CODE}. */
  public static final int MAX_DETAIL = 1000;
  /** The most details kept. */
  public static final int MAX_DETAILS = 16;

  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(details, "details");
    actor = AuditText.clean(actor, MAX_TEXT);
    subject = AuditText.clean(subject, MAX_TEXT);
    source = AuditText.clean(source, MAX_CODE);
    outcome = AuditText.clean(outcome, MAX_CODE);
    TreeMap<String, String> kept = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
      if (kept.size() == MAX_DETAILS) {
        break;
      }
      kept.put(AuditText.clean(e.getKey(), MAX_CODE),
          AuditText.clean(Objects.requireNonNull(e.getValue(), "detail"), MAX_DETAIL));
    }
    details = Map.copyOf(kept);
  }
}
