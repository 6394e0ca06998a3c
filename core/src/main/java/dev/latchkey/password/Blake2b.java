package dev.latchkey.password;

import java.util.Arrays;

/**
 * Unkeyed BLAKE2b (RFC 7693) with a variable digest length of 1 to 64 bytes: the hash Argon2's
 * H and H' are built on. One instance is reused for every call in a hash and allocates nothing
 * after construction; {@link #wipe()} clears its state. Not thread-safe.
 */
final class Blake2b {

  static final int MAX_DIGEST_BYTES = 64;
  private static final int BLOCK_BYTES = 128;

  private static final long[] IV = {
    0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
    0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
  };

  private static final byte[][] SIGMA = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
  };

  private final long[] h = new long[8];
  private final long[] m = new long[16];
  private final long[] v = new long[16];
  private final byte[] buffer = new byte[BLOCK_BYTES];
  private int buffered;
  private long counter;
  private int digestBytes;

  /** Starts a new digest of {@code digestBytes} (1..64) bytes. */
  Blake2b reset(int digestBytes) {
    if (digestBytes < 1 || digestBytes > MAX_DIGEST_BYTES) {
      throw new IllegalArgumentException("BLAKE2b digest length must be 1..64 bytes");
    }
    System.arraycopy(IV, 0, h, 0, 8);
    h[0] ^= 0x01010000L ^ digestBytes;
    this.digestBytes = digestBytes;
    buffered = 0;
    counter = 0;
    return this;
  }

  Blake2b update(byte[] in, int offset, int length) {
    while (length > 0) {
      if (buffered == BLOCK_BYTES) {
        counter += BLOCK_BYTES;
        compress(buffer, 0, false);
        buffered = 0;
      }
      int take = Math.min(length, BLOCK_BYTES - buffered);
      System.arraycopy(in, offset, buffer, buffered, take);
      buffered += take;
      offset += take;
      length -= take;
    }
    return this;
  }

  Blake2b update(byte[] in) {
    return update(in, 0, in.length);
  }

  /** Feeds a 32-bit little-endian integer, as Argon2's LE32. */
  Blake2b updateInt(int value) {
    for (int i = 0; i < 4; i++) {
      updateByte((byte) (value >>> (8 * i)));
    }
    return this;
  }

  /** Feeds {@code count} 64-bit words little-endian: a memory block as Argon2 serialises it. */
  Blake2b updateLongs(long[] in, int offset, int count) {
    for (int i = 0; i < count; i++) {
      long word = in[offset + i];
      for (int b = 0; b < 8; b++) {
        updateByte((byte) (word >>> (8 * b)));
      }
    }
    return this;
  }

  private void updateByte(byte b) {
    if (buffered == BLOCK_BYTES) {
      counter += BLOCK_BYTES;
      compress(buffer, 0, false);
      buffered = 0;
    }
    buffer[buffered++] = b;
  }

  /** Finishes the digest into {@code out[offset .. offset + digestBytes)}. */
  void digest(byte[] out, int offset) {
    counter += buffered;
    Arrays.fill(buffer, buffered, BLOCK_BYTES, (byte) 0);
    compress(buffer, 0, true);
    for (int i = 0; i < digestBytes; i++) {
      out[offset + i] = (byte) (h[i >>> 3] >>> (8 * (i & 7)));
    }
  }

  /** Clears every buffer that saw input or state. */
  void wipe() {
    Arrays.fill(h, 0L);
    Arrays.fill(m, 0L);
    Arrays.fill(v, 0L);
    Arrays.fill(buffer, (byte) 0);
    buffered = 0;
    counter = 0;
  }

  private void compress(byte[] block, int offset, boolean last) {
    for (int i = 0; i < 16; i++) {
      int at = offset + 8 * i;
      m[i] = (block[at] & 0xFFL)
          | (block[at + 1] & 0xFFL) << 8
          | (block[at + 2] & 0xFFL) << 16
          | (block[at + 3] & 0xFFL) << 24
          | (block[at + 4] & 0xFFL) << 32
          | (block[at + 5] & 0xFFL) << 40
          | (block[at + 6] & 0xFFL) << 48
          | (block[at + 7] & 0xFFL) << 56;
    }
    System.arraycopy(h, 0, v, 0, 8);
    System.arraycopy(IV, 0, v, 8, 8);
    v[12] ^= counter;
    if (last) {
      v[14] = ~v[14];
    }
    for (int round = 0; round < 12; round++) {
      byte[] s = SIGMA[round % 10];
      mix(0, 4, 8, 12, m[s[0]], m[s[1]]);
      mix(1, 5, 9, 13, m[s[2]], m[s[3]]);
      mix(2, 6, 10, 14, m[s[4]], m[s[5]]);
      mix(3, 7, 11, 15, m[s[6]], m[s[7]]);
      mix(0, 5, 10, 15, m[s[8]], m[s[9]]);
      mix(1, 6, 11, 12, m[s[10]], m[s[11]]);
      mix(2, 7, 8, 13, m[s[12]], m[s[13]]);
      mix(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (int i = 0; i < 8; i++) {
      h[i] ^= v[i] ^ v[i + 8];
    }
  }

  private void mix(int a, int b, int c, int d, long x, long y) {
    long[] w = v;
    w[a] = w[a] + w[b] + x;
    w[d] = Long.rotateRight(w[d] ^ w[a], 32);
    w[c] = w[c] + w[d];
    w[b] = Long.rotateRight(w[b] ^ w[c], 24);
    w[a] = w[a] + w[b] + y;
    w[d] = Long.rotateRight(w[d] ^ w[a], 16);
    w[c] = w[c] + w[d];
    w[b] = Long.rotateRight(w[b] ^ w[c], 63);
  }
}
