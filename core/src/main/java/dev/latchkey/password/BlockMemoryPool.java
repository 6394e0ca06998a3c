package dev.latchkey.password;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The block memory and scratch state of Argon2 hashes, reused instead of allocated per hash.
 *
 * <p>At most {@code capacity} workspaces exist at once: one per hash that may run at once. The
 * sign-in gate runs one hash per available processor, so {@link #perCore()} is the size at which
 * a busy server allocates nothing and never waits here. A hash beyond the capacity waits for a
 * workspace to come back, so callers that are not gated (64 threads verifying at once) queue
 * instead of each allocating its memory cost; a waiting thread that is interrupted stops waiting
 * and computes with a workspace of its own, dropped afterwards. Every workspace is wiped — the blocks it used,
 * its BLAKE2b state and its compressor's scratch — before it goes back to the pool or is dropped,
 * so no password-derived state outlives its hash. A workspace larger than
 * {@link #MAX_RETAINED_WORDS} is never retained. Thread-safe.
 */
final class BlockMemoryPool {

  /** 256 MiB: beyond this a workspace is dropped after use rather than pinned in the heap. */
  static final long MAX_RETAINED_WORDS = 256L * 1024 * 1024 / 8;

  /** One hash's state: the memory of {@code memory.length / 128} blocks and small scratch. */
  static final class Workspace {
    long[] memory;
    final Blake2b blake = new Blake2b();
    final byte[] h0 = new byte[72];
    final byte[] chain = new byte[Blake2b.MAX_DIGEST_BYTES];
    final byte[] blockBytes = new byte[Argon2Engine.BLOCK_BYTES];
    final long[] address = new long[Argon2Engine.BLOCK_WORDS];
    final long[] input = new long[Argon2Engine.BLOCK_WORDS];
    final long[] zero = new long[Argon2Engine.BLOCK_WORDS];
    Argon2Engine.Path path;
    Argon2Engine.Compressor compressor;
    /** False for a workspace made outside the capacity (after an interrupt): never retained. */
    boolean counted = true;

    Workspace(int blocks, Argon2Engine.Path path) {
      this.memory = new long[blocks * Argon2Engine.BLOCK_WORDS];
      this.path = path;
      this.compressor = path.newCompressor();
    }

    void wipe(int blocksUsed) {
      Arrays.fill(memory, 0, Math.min(memory.length, blocksUsed * Argon2Engine.BLOCK_WORDS), 0L);
      blake.wipe();
      Arrays.fill(h0, (byte) 0);
      Arrays.fill(chain, (byte) 0);
      Arrays.fill(blockBytes, (byte) 0);
      Arrays.fill(address, 0L);
      Arrays.fill(input, 0L);
      compressor.wipe();
    }
  }

  private final int capacity;
  private final ArrayDeque<Workspace> idle;
  private long created;
  private int inUse;

  BlockMemoryPool(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.idle = new ArrayDeque<>(capacity);
  }

  /** A pool for one concurrent hash per available processor, as the sign-in gate allows. */
  static BlockMemoryPool perCore() {
    return new BlockMemoryPool(Runtime.getRuntime().availableProcessors());
  }

  int capacity() {
    return capacity;
  }

  /** Workspaces built so far, retained or not; a warm pool under its capacity stops counting. */
  synchronized long created() {
    return created;
  }

  synchronized int idleCount() {
    return idle.size();
  }

  /**
   * A workspace of at least {@code blocks} blocks, all zero (every release wipes what it used),
   * waiting while {@code capacity} are in use.
   */
  Workspace borrow(int blocks, Argon2Engine.Path path) {
    Workspace ws = null;
    boolean counted = true;
    boolean interrupted = false;
    synchronized (this) {
      while (inUse >= capacity) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
          counted = false;
          break;
        }
      }
      if (counted) {
        inUse++;
        ws = idle.pollFirst();
      }
      if (ws == null) {
        created++;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (ws == null) {
      ws = new Workspace(blocks, path);
      ws.counted = counted;
      return ws;
    }
    if (ws.path != path) {
      // An engine computes G only with its own path's compressor, never another's.
      ws.compressor = path.newCompressor();
      ws.path = path;
    }
    if (ws.memory.length < blocks * Argon2Engine.BLOCK_WORDS) {
      ws.memory = new long[blocks * Argon2Engine.BLOCK_WORDS];
    }
    return ws;
  }

  /** Wipes the first {@code blocksUsed} blocks and the scratch, then keeps or drops it. */
  void release(Workspace ws, int blocksUsed) {
    ws.wipe(blocksUsed);
    if (!ws.counted) {
      return;
    }
    synchronized (this) {
      inUse--;
      if (ws.memory.length <= MAX_RETAINED_WORDS) {
        idle.addFirst(ws);
      }
      notify();
    }
  }
}
