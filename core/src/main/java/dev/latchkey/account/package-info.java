/**
 * Accounts once they exist: {@link dev.latchkey.account.Accounts} changes passwords and lifts
 * locks.
 */
@NullMarked
package dev.latchkey.account;

import org.jspecify.annotations.NullMarked;
