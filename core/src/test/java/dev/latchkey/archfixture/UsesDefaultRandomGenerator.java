package dev.latchkey.archfixture;

import java.util.random.RandomGenerator;

/** Breaks the randomness rule: asks {@code RandomGenerator} for its (non-cryptographic) default. */
public final class UsesDefaultRandomGenerator {

    private UsesDefaultRandomGenerator() {
    }

    public static int roll() {
        return RandomGenerator.getDefault().nextInt(6);
    }
}
