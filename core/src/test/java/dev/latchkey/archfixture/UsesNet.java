package dev.latchkey.archfixture;

import java.net.URI;

/** Breaks the purity rule: depends on {@code java.net}. */
public final class UsesNet {

    private UsesNet() {
    }

    public static String host(String link) {
        return URI.create(link).getHost();
    }
}
