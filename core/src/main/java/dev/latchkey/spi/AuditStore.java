package dev.latchkey.spi;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.model.DistrictId;
import java.util.List;

/**
 * The audit trail. Audit events reach the store with the change they record, as
 * {@link Effects} of that change's operation, and are written in its transaction; this
 * interface adds what has no change of its own. Append-only: no operation updates or deletes an
 * event.
 */
public interface AuditStore {
  /**
   * Writes {@code effects} on their own, atomically: every message and every event, or none
   * (an attempt that changed nothing, a login name read out to a caller).
   */
  void record(Effects effects);

  /** The district's events about {@code subject}, newest first, at most {@code max}. */
  List<AuditEvent> auditTrail(DistrictId district, String subject, int max);
}
