package dev.latchkey.archfixture;

import java.util.concurrent.ThreadLocalRandom;

/** Breaks the randomness rule: uses {@code ThreadLocalRandom}. */
public final class UsesThreadLocalRandom {

    private UsesThreadLocalRandom() {
    }

    public static int roll() {
        return ThreadLocalRandom.current().nextInt(6);
    }
}
