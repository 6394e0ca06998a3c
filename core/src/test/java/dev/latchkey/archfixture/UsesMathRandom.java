package dev.latchkey.archfixture;

/** Breaks the randomness rule: calls {@code Math.random()}. */
public final class UsesMathRandom {

    private UsesMathRandom() {
    }

    public static double roll() {
        return Math.random();
    }
}
