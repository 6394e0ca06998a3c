package dev.latchkey.archfixture;

import java.util.Random;

/** Breaks the randomness rule: calls a {@code java.util.Random} constructor (the seeded one). */
public final class UsesRandom {

    private UsesRandom() {
    }

    public static long seeded(long seed) {
        return new Random(seed).nextLong();
    }
}
