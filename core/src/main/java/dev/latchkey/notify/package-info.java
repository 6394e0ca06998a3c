/**
 * Outgoing messages. A {@link dev.latchkey.notify.Notification} is written to the store's outbox
 * in the same atomic step as the change that causes it, then handed to the host's
 * {@link dev.latchkey.notify.Notifier} by an {@link dev.latchkey.notify.OutboxRelay}, at least
 * once, with retries.
 */
@NullMarked
package dev.latchkey.notify;

import org.jspecify.annotations.NullMarked;
