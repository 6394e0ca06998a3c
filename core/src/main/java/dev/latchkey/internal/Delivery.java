package dev.latchkey.internal;

import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.OutboxRelay;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the facade does with the mail a call has just committed to the outbox: nothing (the host
 * runs the relay), wake the relay on the host's executor, or deliver that call's own messages
 * before the call returns. Chosen once by the builder; thread-safe.
 */
public abstract class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  private Delivery() {}

  /** Leaves the outbox to the host's own {@code runOnce()} schedule. */
  public static Delivery byHost() {
    return new Delivery() {
      @Override
      void queued(Collection<NotificationId> ids) {
        // Nothing on the request thread: the host's schedule delivers.
      }
    };
  }

  /** Delivers each call's own messages, and only those, on the calling thread. */
  public static Delivery synchronous(OutboxRelay relay) {
    Objects.requireNonNull(relay, "relay");
    return new Delivery() {
      @Override
      void queued(Collection<NotificationId> ids) {
        if (ids.isEmpty()) {
          return;
        }
        try {
          relay.deliver(ids);
        } catch (RuntimeException e) {
          LOG.warn("outbox delivery failed; messages stay queued ({})", e.getClass().getName());
        }
      }
    };
  }

  /**
   * Wakes a {@link OutboxRelay#drain()} on {@code executor} when a call queues mail; a burst of
   * calls schedules at most one drain that has not started yet.
   */
  public static Delivery on(Executor executor, OutboxRelay relay) {
    return new Waking(executor, relay);
  }

  /** Called by an operation once it committed, with the ids of the messages it may have queued. */
  abstract void queued(Collection<NotificationId> ids);

  /**
   * Runs {@code work}, a request's remainder that must not take the caller longer for one
   * answer than another: on the executor if there is one, else on this thread.
   */
  void afterAnswer(Runnable work) {
    work.run();
  }

  /** The coalescing wake-up: one flag says a drain is scheduled and has not started yet. */
  static final class Waking extends Delivery {
    private final Executor executor;
    private final OutboxRelay relay;
    private final AtomicBoolean pending = new AtomicBoolean();

    Waking(Executor executor, OutboxRelay relay) {
      this.executor = Objects.requireNonNull(executor, "executor");
      this.relay = Objects.requireNonNull(relay, "relay");
    }

    @Override
    void queued(Collection<NotificationId> ids) {
      if (!ids.isEmpty()) {
        wake();
      }
    }

    void wake() {
      if (!pending.compareAndSet(false, true)) {
        return; // a drain is already scheduled and will see this call's messages
      }
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        pending.set(false);
        LOG.warn("the relay's executor refused a drain; messages stay queued for the host's "
            + "schedule ({})", e.getClass().getName());
      }
    }

    @Override
    void afterAnswer(Runnable work) {
      try {
        executor.execute(() -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            // A store or relay fault: the requester is told nothing either way (S13).
            LOG.warn("a request's deferred work failed ({})", e.getClass().getName());
          }
        });
      } catch (RejectedExecutionException e) {
        // The pool is full or shut down: the caller pays, as with CallerRunsPolicy.
        work.run();
      }
    }

    private void drain() {
      // Cleared before the drain reads the outbox: a message committed after this point wakes
      // another drain, one committed before it is seen by this one.
      pending.set(false);
      try {
        relay.drain();
      } catch (RuntimeException e) {
        LOG.warn("outbox drain failed; messages stay queued ({})", e.getClass().getName());
      }
    }
  }
}
