/**
 * For hosts' test suites (and Latchkey's own): a {@link dev.latchkey.testkit.MutableClock} to
 * move time by hand, a {@link dev.latchkey.testkit.CapturingNotifier} to read the mail, and a
 * {@link dev.latchkey.testkit.CapturingAuditSink}. Pair them with the in-memory backend.
 */
@NullMarked
package dev.latchkey.testkit;

import org.jspecify.annotations.NullMarked;
