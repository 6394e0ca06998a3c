package dev.latchkey.archfixture;

import java.util.Random;

/** Breaks the randomness rule: an anonymous subclass of {@code java.util.Random} calls its constructor. */
public final class UsesRandomSubclass {

    private UsesRandomSubclass() {
    }

    public static Random sneaky() {
        return new Random() {
            private static final long serialVersionUID = 1L;
        };
    }
}
