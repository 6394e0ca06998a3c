/**
 * What a backend implements: {@link dev.latchkey.spi.LatchkeyStore}, made of the roster,
 * activation, account and outbox stores. Security-relevant writes are single atomic methods
 * (issue, redeem, reserve an attempt, record its outcome), so a backend is correct by
 * construction, not by its caller's transaction discipline. Start with
 * {@link dev.latchkey.spi.ActivationStore}.
 */
@NullMarked
package dev.latchkey.spi;

import org.jspecify.annotations.NullMarked;
