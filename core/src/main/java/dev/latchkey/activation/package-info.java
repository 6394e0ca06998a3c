/**
 * Activation keys: {@link dev.latchkey.activation.Activation} issues them and redeems them;
 * {@link dev.latchkey.activation.ActivationKey} is the human-friendly key format with its check
 * character; {@link dev.latchkey.activation.RedeemResult} carries the outcome codes a
 * "New User?" page shows.
 */
@NullMarked
package dev.latchkey.activation;

import org.jspecify.annotations.NullMarked;
