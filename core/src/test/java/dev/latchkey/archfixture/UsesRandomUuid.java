package dev.latchkey.archfixture;

import java.util.UUID;

/** Breaks the randomness rule: a random UUID is not a key (S16). */
public final class UsesRandomUuid {

    private UsesRandomUuid() {
    }

    public static String token() {
        return UUID.randomUUID().toString();
    }
}
