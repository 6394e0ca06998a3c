package dev.latchkey.password;

/**
 * Argon2's compression function G on 1 KiB blocks of 128 little-endian 64-bit words, in plain
 * Java: runs on every JVM. Each instance keeps two scratch blocks and is used by one hash at a
 * time; it allocates nothing per call.
 */
final class ScalarCompressor implements Argon2Engine.Compressor {

  private final long[] r = new long[Argon2Engine.BLOCK_WORDS];
  private final long[] q = new long[Argon2Engine.BLOCK_WORDS];

  @Override
  public void compress(
      long[] x, int xOffset, long[] y, int yOffset, long[] out, int outOffset, boolean xorInto) {
    long[] r = this.r;
    long[] q = this.q;
    for (int i = 0; i < Argon2Engine.BLOCK_WORDS; i++) {
      long w = x[xOffset + i] ^ y[yOffset + i];
      r[i] = w;
      q[i] = w;
    }
    for (int row = 0; row < 8; row++) {
      permute(q, 16 * row, 2);
    }
    for (int column = 0; column < 8; column++) {
      permute(q, 2 * column, 16);
    }
    if (xorInto) {
      for (int i = 0; i < Argon2Engine.BLOCK_WORDS; i++) {
        out[outOffset + i] ^= r[i] ^ q[i];
      }
    } else {
      for (int i = 0; i < Argon2Engine.BLOCK_WORDS; i++) {
        out[outOffset + i] = r[i] ^ q[i];
      }
    }
  }

  @Override
  public void wipe() {
    java.util.Arrays.fill(r, 0L);
    java.util.Arrays.fill(q, 0L);
  }

  /**
   * The permutation P (RFC 9106 §3.6) on the sixteen words at {@code a + (k & 1) + s * (k >> 1)},
   * k = 0..15: with {@code s = 2} a row of the block (its 16 consecutive words), with
   * {@code s = 16} a column (word pairs 2i, 2i+1 of each of the eight rows).
   */
  private static void permute(long[] q, int a, int s) {
    long v0 = q[a];
    long v1 = q[a + 1];
    long v2 = q[a + s];
    long v3 = q[a + 1 + s];
    long v4 = q[a + 2 * s];
    long v5 = q[a + 1 + 2 * s];
    long v6 = q[a + 3 * s];
    long v7 = q[a + 1 + 3 * s];
    long v8 = q[a + 4 * s];
    long v9 = q[a + 1 + 4 * s];
    long v10 = q[a + 5 * s];
    long v11 = q[a + 1 + 5 * s];
    long v12 = q[a + 6 * s];
    long v13 = q[a + 1 + 6 * s];
    long v14 = q[a + 7 * s];
    long v15 = q[a + 1 + 7 * s];
    v0 = v0 + v4 + 2 * ((v0 & 0xFFFFFFFFL) * (v4 & 0xFFFFFFFFL));
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 = v8 + v12 + 2 * ((v8 & 0xFFFFFFFFL) * (v12 & 0xFFFFFFFFL));
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 = v0 + v4 + 2 * ((v0 & 0xFFFFFFFFL) * (v4 & 0xFFFFFFFFL));
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 = v8 + v12 + 2 * ((v8 & 0xFFFFFFFFL) * (v12 & 0xFFFFFFFFL));
    v4 = Long.rotateRight(v4 ^ v8, 63);
    v1 = v1 + v5 + 2 * ((v1 & 0xFFFFFFFFL) * (v5 & 0xFFFFFFFFL));
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 = v9 + v13 + 2 * ((v9 & 0xFFFFFFFFL) * (v13 & 0xFFFFFFFFL));
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 = v1 + v5 + 2 * ((v1 & 0xFFFFFFFFL) * (v5 & 0xFFFFFFFFL));
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 = v9 + v13 + 2 * ((v9 & 0xFFFFFFFFL) * (v13 & 0xFFFFFFFFL));
    v5 = Long.rotateRight(v5 ^ v9, 63);
    v2 = v2 + v6 + 2 * ((v2 & 0xFFFFFFFFL) * (v6 & 0xFFFFFFFFL));
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 = v10 + v14 + 2 * ((v10 & 0xFFFFFFFFL) * (v14 & 0xFFFFFFFFL));
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 = v2 + v6 + 2 * ((v2 & 0xFFFFFFFFL) * (v6 & 0xFFFFFFFFL));
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 = v10 + v14 + 2 * ((v10 & 0xFFFFFFFFL) * (v14 & 0xFFFFFFFFL));
    v6 = Long.rotateRight(v6 ^ v10, 63);
    v3 = v3 + v7 + 2 * ((v3 & 0xFFFFFFFFL) * (v7 & 0xFFFFFFFFL));
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 = v11 + v15 + 2 * ((v11 & 0xFFFFFFFFL) * (v15 & 0xFFFFFFFFL));
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 = v3 + v7 + 2 * ((v3 & 0xFFFFFFFFL) * (v7 & 0xFFFFFFFFL));
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 = v11 + v15 + 2 * ((v11 & 0xFFFFFFFFL) * (v15 & 0xFFFFFFFFL));
    v7 = Long.rotateRight(v7 ^ v11, 63);
    v0 = v0 + v5 + 2 * ((v0 & 0xFFFFFFFFL) * (v5 & 0xFFFFFFFFL));
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 = v10 + v15 + 2 * ((v10 & 0xFFFFFFFFL) * (v15 & 0xFFFFFFFFL));
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 = v0 + v5 + 2 * ((v0 & 0xFFFFFFFFL) * (v5 & 0xFFFFFFFFL));
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 = v10 + v15 + 2 * ((v10 & 0xFFFFFFFFL) * (v15 & 0xFFFFFFFFL));
    v5 = Long.rotateRight(v5 ^ v10, 63);
    v1 = v1 + v6 + 2 * ((v1 & 0xFFFFFFFFL) * (v6 & 0xFFFFFFFFL));
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 = v11 + v12 + 2 * ((v11 & 0xFFFFFFFFL) * (v12 & 0xFFFFFFFFL));
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 = v1 + v6 + 2 * ((v1 & 0xFFFFFFFFL) * (v6 & 0xFFFFFFFFL));
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 = v11 + v12 + 2 * ((v11 & 0xFFFFFFFFL) * (v12 & 0xFFFFFFFFL));
    v6 = Long.rotateRight(v6 ^ v11, 63);
    v2 = v2 + v7 + 2 * ((v2 & 0xFFFFFFFFL) * (v7 & 0xFFFFFFFFL));
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 = v8 + v13 + 2 * ((v8 & 0xFFFFFFFFL) * (v13 & 0xFFFFFFFFL));
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 = v2 + v7 + 2 * ((v2 & 0xFFFFFFFFL) * (v7 & 0xFFFFFFFFL));
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 = v8 + v13 + 2 * ((v8 & 0xFFFFFFFFL) * (v13 & 0xFFFFFFFFL));
    v7 = Long.rotateRight(v7 ^ v8, 63);
    v3 = v3 + v4 + 2 * ((v3 & 0xFFFFFFFFL) * (v4 & 0xFFFFFFFFL));
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 = v9 + v14 + 2 * ((v9 & 0xFFFFFFFFL) * (v14 & 0xFFFFFFFFL));
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 = v3 + v4 + 2 * ((v3 & 0xFFFFFFFFL) * (v4 & 0xFFFFFFFFL));
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 = v9 + v14 + 2 * ((v9 & 0xFFFFFFFFL) * (v14 & 0xFFFFFFFFL));
    v4 = Long.rotateRight(v4 ^ v9, 63);
    q[a] = v0;
    q[a + 1] = v1;
    q[a + s] = v2;
    q[a + 1 + s] = v3;
    q[a + 2 * s] = v4;
    q[a + 1 + 2 * s] = v5;
    q[a + 3 * s] = v6;
    q[a + 1 + 3 * s] = v7;
    q[a + 4 * s] = v8;
    q[a + 1 + 4 * s] = v9;
    q[a + 5 * s] = v10;
    q[a + 1 + 5 * s] = v11;
    q[a + 6 * s] = v12;
    q[a + 1 + 6 * s] = v13;
    q[a + 7 * s] = v14;
    q[a + 1 + 7 * s] = v15;
  }
}
