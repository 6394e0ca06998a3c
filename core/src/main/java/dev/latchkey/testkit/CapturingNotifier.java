package dev.latchkey.testkit;

import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationException;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.notify.Notifier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A notifier that keeps every message it is given, so a test can read "the email": the key a
 * guardian received, the lockout notice. It can be told to fail, to test retries. Thread-safe.
 */
public final class CapturingNotifier implements Notifier {
  private final List<Notification> sent = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failing = new AtomicBoolean();

  @Override
  public void send(Notification notification) {
    if (failing.get()) {
      throw new NotificationException("mail server unavailable (test)", null);
    }
    sent.add(notification);
  }

  /** While true, every send throws a retryable {@link NotificationException}. */
  public void failing(boolean fail) {
    failing.set(fail);
  }

  /** Everything delivered so far, oldest first. */
  public List<Notification> sent() {
    return List.copyOf(sent);
  }

  /** Everything of this type delivered to this address, oldest first. */
  public List<Notification> sentTo(EmailAddress to, NotificationType type) {
    return sent.stream()
        .filter(n -> n.recipient().equals(to) && n.type() == type)
        .toList();
  }

  /** The newest message of this type to this address. */
  public Optional<Notification> last(EmailAddress to, NotificationType type) {
    List<Notification> matching = sentTo(to, type);
    return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
  }

  /** The key in the newest ACTIVATION_KEY message to this address, as the guardian reads it. */
  public Optional<String> lastKeyFor(EmailAddress to) {
    return last(to, NotificationType.ACTIVATION_KEY)
        .flatMap(Notification::secret)
        .map(SecretText::reveal);
  }

  /** Forgets everything delivered so far. */
  public void clear() {
    sent.clear();
  }
}
