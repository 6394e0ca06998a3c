package dev.latchkey.archfixture.adapter;

/** A stand-in adapter type for {@code dev.latchkey.archfixture.UsesAdapter}. */
public final class FakeAdapter {

    /** Referenced by the fixture so that the dependency is in its bytecode. */
    public static final String NAME = fakeName();

    private FakeAdapter() {
    }

    private static String fakeName() {
        return "fake";
    }
}
