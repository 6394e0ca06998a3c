package dev.latchkey.audit;

import dev.latchkey.model.DistrictId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One security event. Never holds a secret: ids, login names, addresses and outcome codes only.
 * Values that come from the outside world — a login name as typed, a source address — arrive
 * as they were typed: a sink that writes them to a log must escape them, as
 * {@link AuditSink#logging()} does (S33).
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
  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(outcome, "outcome");
    details = Map.copyOf(new TreeMap<>(Objects.requireNonNull(details, "details")));
  }
}
