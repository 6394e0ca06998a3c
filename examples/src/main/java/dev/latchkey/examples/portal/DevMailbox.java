package dev.latchkey.examples.portal;

import dev.latchkey.mail.MessageRenderer;
import dev.latchkey.mail.RenderedMessage;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.notify.Notifier;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A development aid, for demo mode only: a {@link Notifier} that keeps the newest messages in
 * memory instead of mailing them, so the "Development mailbox" page can show what a guardian
 * would have received — the key included. A real portal wires a mail adapter here (see
 * {@code latchkey-spi-smtp}); nothing else changes. Each message is written with the same
 * {@link MessageRenderer} the SMTP adapter uses. Thread-safe.
 */
public final class DevMailbox implements Notifier {
  private static final int KEPT = 200;

  private final Deque<Notification> messages = new ConcurrentLinkedDeque<>();
  private final MessageRenderer renderer;

  public DevMailbox(MessageRenderer renderer) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    // The outbox delivers at least once: a retried message has the same id and is kept once.
    if (messages.stream().anyMatch(m -> m.id().equals(notification.id()))) {
      return;
    }
    messages.addFirst(notification);
    while (messages.size() > KEPT) {
      messages.pollLast();
    }
  }

  /** The kept messages, newest first. */
  public List<Notification> newestFirst() {
    return new ArrayList<>(messages);
  }

  /** The message as the recipient reads it: subject and plain text. */
  public Optional<RenderedMessage> render(Notification notification) {
    try {
      return Optional.of(renderer.render(notification));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The key in the newest activation-key message to {@code to}, as the guardian reads it. */
  public Optional<String> lastKeyFor(EmailAddress to) {
    return messages.stream()
        .filter(n -> n.type() == NotificationType.ACTIVATION_KEY && n.recipient().equals(to))
        .findFirst()
        .flatMap(Notification::secret)
        .map(SecretText::reveal);
  }
}
