/**
 * Audit events: every security-relevant action, with time, district, actor, subject, source and
 * outcome, and never a secret. Hosts implement {@link dev.latchkey.audit.AuditSink}.
 */
@NullMarked
package dev.latchkey.audit;

import org.jspecify.annotations.NullMarked;
