package dev.latchkey.archfixture;

import dev.latchkey.archfixture.adapter.FakeAdapter;

/** Breaks the no-adapter rule when that rule is pointed at {@code dev.latchkey.archfixture.adapter}. */
public final class UsesAdapter {

    private UsesAdapter() {
    }

    public static String store() {
        return FakeAdapter.NAME;
    }
}
