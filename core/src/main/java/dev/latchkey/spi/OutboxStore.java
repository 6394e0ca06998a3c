package dev.latchkey.spi;

import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The outbox: notifications written by the atomic operations of the other stores, in the same
 * step as the change that caused them (S28), waiting for delivery. Safe for many relays at once:
 * a claimed message is leased, so no two relays hold it at the same time (S30).
 */
public interface OutboxStore {
  /**
   * Puts a message in the outbox on its own, for the few notices no state change comes with
   * (the helpdesk read a login name out to a caller).
   */
  void enqueue(Notification notification);

  /**
   * Claims up to {@code max} unparked messages due at {@code now} and not leased by anyone,
   * oldest first, leasing each until {@code now + lease}.
   */
  List<OutboxMessage> claimDue(Instant now, int max, Duration lease);

  /**
   * Claims those of the messages {@code ids} that are queued, unparked, due at {@code now} and
   * not leased by anyone, oldest first, leasing each until {@code now + lease}: what a call that
   * asked for synchronous delivery queued itself, and nothing else. An id that is unknown (never
   * queued, already delivered), parked, not yet due or leased is skipped, so an empty list is a
   * normal answer. Safe against {@link #claimDue} and other claims running at once: a message
   * is leased to one of them only.
   */
  List<OutboxMessage> claim(Collection<NotificationId> ids, Instant now, Duration lease);

  /** Delivered: remove the message, secret and all (S31). Idempotent. */
  void delivered(NotificationId id);

  /**
   * Delivery failed: record the attempt and make the message due again at {@code retryAt}, or
   * park it. Idempotent for an id that is gone.
   */
  void failed(NotificationId id, Instant retryAt, boolean park);

  /** Up to {@code max} parked messages, oldest first. */
  List<OutboxMessage> parked(int max);

  /** Un-parks a message, due at {@code now} with its attempts reset. True if it was parked. */
  boolean release(NotificationId id, Instant now);

  /** Messages waiting, parked or not: for monitoring and tests. */
  int pendingCount();
}
