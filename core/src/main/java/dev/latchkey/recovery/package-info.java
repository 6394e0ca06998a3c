/**
 * Self-service recovery: {@link dev.latchkey.recovery.Recovery} mails login names and
 * single-use reset links to the address of record, and resets passwords with them.
 */
@NullMarked
package dev.latchkey.recovery;

import org.jspecify.annotations.NullMarked;
