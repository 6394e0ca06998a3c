package dev.latchkey.archfixture;

import java.util.SplittableRandom;

/** Breaks the randomness rule: uses {@code SplittableRandom}. */
public final class UsesSplittableRandom {

    private UsesSplittableRandom() {
    }

    public static int roll() {
        return new SplittableRandom().nextInt(6);
    }
}
