package dev.latchkey.notify;

/**
 * Delivers notifications: the host's mail (or SMS, or queue) adapter.
 *
 * <p>Called with each message at least once: a message whose delivery threw is retried later
 * with the same {@link Notification#id()}, so an implementation that can deduplicate should key
 * on it. Implementations must be thread-safe. Throw {@link NotificationException} for a failure
 * worth retrying and {@link NotificationException#permanent} for one that never will succeed
 * (a rejected address); any other runtime exception counts as retryable.
 */
@FunctionalInterface
public interface Notifier {
  void send(Notification notification);
}
