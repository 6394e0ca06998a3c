package dev.latchkey.password;

import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Argon2's compression function G on four-word (256-bit) vectors.
 *
 * <p>Each 16-word input of the permutation P is held as four vectors a, b, c, d of words
 * 0-3, 4-7, 8-11 and 12-15, so the column step of P is four lane-wise G functions at once and
 * the diagonal step is the same after rotating b, c and d by one, two and three lanes. A row of
 * the block is four consecutive vectors in memory. A column of the block (word pairs 2i, 2i+1 of
 * each row) is not: for columns 2j and 2j+1 the vectors at words 4j..4j+3 of rows 2k and 2k+1
 * exchange 128-bit halves (a 2 × 2 transpose), which lays both columns out as consecutive
 * vectors in a scratch block, and the same exchange puts them back. One instance per hash; allocates nothing per call.
 */
final class VectorCompressor implements Argon2Engine.Compressor {

  private static final VectorSpecies<Long> S = LongVector.SPECIES_256;
  private static final long LOW = 0xFFFFFFFFL;
  private static final VectorShuffle<Long> ROTATE_1 = VectorShuffle.fromValues(S, 1, 2, 3, 0);
  private static final VectorShuffle<Long> ROTATE_2 = VectorShuffle.fromValues(S, 2, 3, 0, 1);
  private static final VectorShuffle<Long> ROTATE_3 = VectorShuffle.fromValues(S, 3, 0, 1, 2);
  private static final VectorMask<Long> HIGH_HALF =
      VectorMask.fromValues(S, false, false, true, true);

  private final long[] r = new long[Argon2Engine.BLOCK_WORDS];
  private final long[] q = new long[Argon2Engine.BLOCK_WORDS];
  private final long[] t = new long[Argon2Engine.BLOCK_WORDS];

  VectorCompressor() {
    if (S.length() != 4) {
      throw new IllegalStateException("256-bit long vectors expected");
    }
  }

  @Override
  public void compress(
      long[] x, int xOffset, long[] y, int yOffset, long[] out, int outOffset, boolean xorInto) {
    long[] r = this.r;
    long[] q = this.q;
    for (int i = 0; i < Argon2Engine.BLOCK_WORDS; i += 4) {
      LongVector w = LongVector.fromArray(S, x, xOffset + i)
          .lanewise(VectorOperators.XOR, LongVector.fromArray(S, y, yOffset + i));
      w.intoArray(r, i);
      w.intoArray(q, i);
    }
    for (int row = 0; row < 8; row++) {
      permute(q, 16 * row);
    }
    long[] t = this.t;
    for (int pair = 0; pair < 4; pair++) {
      toColumns(q, 4 * pair, t, 32 * pair);
    }
    for (int column = 0; column < 8; column++) {
      permute(t, 16 * column);
    }
    for (int pair = 0; pair < 4; pair++) {
      fromColumns(t, 32 * pair, q, 4 * pair);
    }
    if (xorInto) {
      for (int i = 0; i < Argon2Engine.BLOCK_WORDS; i += 4) {
        LongVector.fromArray(S, out, outOffset + i)
            .lanewise(VectorOperators.XOR, LongVector.fromArray(S, r, i))
            .lanewise(VectorOperators.XOR, LongVector.fromArray(S, q, i))
            .intoArray(out, outOffset + i);
      }
    } else {
      for (int i = 0; i < Argon2Engine.BLOCK_WORDS; i += 4) {
        LongVector.fromArray(S, r, i)
            .lanewise(VectorOperators.XOR, LongVector.fromArray(S, q, i))
            .intoArray(out, outOffset + i);
      }
    }
  }

  /**
   * The permutation P on the sixteen consecutive words at {@code v[at]}: the column step on
   * vectors a, b, c, d lane-wise, then the diagonal step on b, c, d rotated by 1, 2, 3 lanes.
   * Split in methods small enough for the JIT to compile each whole, vectors unboxed.
   */
  private static void permute(long[] v, int at) {
    columnStep(v, at);
    diagonalStep(v, at);
  }

  /** Four G functions lane-wise on a, b, c, d = words 0-3, 4-7, 8-11, 12-15 at {@code at}. */
  private static void columnStep(long[] v, int at) {
    LongVector a = LongVector.fromArray(S, v, at);
    LongVector b = LongVector.fromArray(S, v, at + 4);
    LongVector c = LongVector.fromArray(S, v, at + 8);
    LongVector d = LongVector.fromArray(S, v, at + 12);
    a = f(a, b);
    d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROR, 32);
    c = f(c, d);
    b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROR, 24);
    a = f(a, b);
    d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROR, 16);
    c = f(c, d);
    b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROR, 63);
    a.intoArray(v, at);
    b.intoArray(v, at + 4);
    c.intoArray(v, at + 8);
    d.intoArray(v, at + 12);
  }

  /** The same on the diagonals: b, c, d rotated left by 1, 2, 3 lanes, and back. */
  private static void diagonalStep(long[] v, int at) {
    LongVector a = LongVector.fromArray(S, v, at);
    LongVector b = LongVector.fromArray(S, v, at + 4).rearrange(ROTATE_1);
    LongVector c = LongVector.fromArray(S, v, at + 8).rearrange(ROTATE_2);
    LongVector d = LongVector.fromArray(S, v, at + 12).rearrange(ROTATE_3);
    a = f(a, b);
    d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROR, 32);
    c = f(c, d);
    b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROR, 24);
    a = f(a, b);
    d = d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROR, 16);
    c = f(c, d);
    b = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.ROR, 63);
    a.intoArray(v, at);
    b.rearrange(ROTATE_3).intoArray(v, at + 4);
    c.rearrange(ROTATE_2).intoArray(v, at + 8);
    d.rearrange(ROTATE_1).intoArray(v, at + 12);
  }

  /**
   * Columns 2j and 2j+1 of the block (words {@code at = 4j .. 4j+3} of every row) into
   * {@code t[to .. to+16)} and {@code t[to+16 .. to+32)}, each as P's sixteen words in order:
   * rows 2k and 2k+1 exchange their 128-bit halves.
   */
  private static void toColumns(long[] q, int at, long[] t, int to) {
    for (int k = 0; k < 4; k++) {
      LongVector even = LongVector.fromArray(S, q, at + 32 * k);
      LongVector odd = LongVector.fromArray(S, q, at + 32 * k + 16);
      even.blend(odd.rearrange(ROTATE_2), HIGH_HALF).intoArray(t, to + 4 * k);
      even.rearrange(ROTATE_2).blend(odd, HIGH_HALF).intoArray(t, to + 16 + 4 * k);
    }
  }

  /** The inverse of {@link #toColumns}: the same half exchange puts the words back. */
  private static void fromColumns(long[] t, int from, long[] q, int at) {
    for (int k = 0; k < 4; k++) {
      LongVector low = LongVector.fromArray(S, t, from + 4 * k);
      LongVector high = LongVector.fromArray(S, t, from + 16 + 4 * k);
      low.blend(high.rearrange(ROTATE_2), HIGH_HALF).intoArray(q, at + 32 * k);
      low.rearrange(ROTATE_2).blend(high, HIGH_HALF).intoArray(q, at + 32 * k + 16);
    }
  }

  /** BlaMka's x + y + 2 · lo32(x) · lo32(y), lane-wise. */
  private static LongVector f(LongVector x, LongVector y) {
    LongVector product = x.lanewise(VectorOperators.AND, LOW)
        .lanewise(VectorOperators.MUL, y.lanewise(VectorOperators.AND, LOW));
    return x.lanewise(VectorOperators.ADD, y)
        .lanewise(VectorOperators.ADD, product.lanewise(VectorOperators.LSHL, 1));
  }

  @Override
  public void wipe() {
    Arrays.fill(r, 0L);
    Arrays.fill(q, 0L);
    Arrays.fill(t, 0L);
  }
}
