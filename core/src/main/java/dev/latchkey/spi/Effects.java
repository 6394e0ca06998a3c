package dev.latchkey.spi;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.notify.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a change brings with it: the messages it queues in the outbox and the audit events that
 * record it. A store writes them in the same transaction as the change, or not at all: an action
 * whose audit row cannot be written does not happen, and no mail goes out for a change that did
 * not commit (S28).
 *
 * @param outbox messages for the outbox, in order
 * @param audit audit events, in order
 */
public record Effects(List<Notification> outbox, List<AuditEvent> audit) {
  private static final Effects NONE = new Effects(List.of(), List.of());

  public Effects {
    outbox = List.copyOf(outbox);
    audit = List.copyOf(audit);
  }

  /** Nothing. */
  public static Effects none() {
    return NONE;
  }

  /** One audit event. */
  public static Effects of(AuditEvent event) {
    return new Effects(List.of(), List.of(event));
  }

  /** One message (none when null) and one audit event. */
  public static Effects of(@Nullable Notification mail, AuditEvent event) {
    return new Effects(mail == null ? List.of() : List.of(mail), List.of(event));
  }

  /** These effects and also {@code mail}, unless it is null. */
  public Effects and(@Nullable Notification mail) {
    if (mail == null) {
      return this;
    }
    List<Notification> more = new ArrayList<>(outbox);
    more.add(mail);
    return new Effects(more, audit);
  }

  /** These effects and also {@code event}. */
  public Effects and(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    List<AuditEvent> more = new ArrayList<>(audit);
    more.add(event);
    return new Effects(outbox, more);
  }

  /** These effects followed by {@code other}. */
  public Effects and(Effects other) {
    List<Notification> mail = new ArrayList<>(outbox);
    mail.addAll(other.outbox);
    List<AuditEvent> events = new ArrayList<>(audit);
    events.addAll(other.audit);
    return new Effects(mail, events);
  }

  public boolean isEmpty() {
    return outbox.isEmpty() && audit.isEmpty();
  }
}
