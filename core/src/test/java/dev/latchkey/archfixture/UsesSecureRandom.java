package dev.latchkey.archfixture;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/** Allowed by every rule: {@code SecureRandom}, a {@code Random}-typed parameter and non-random {@code UUID} use. */
public final class UsesSecureRandom {

    private UsesSecureRandom() {
    }

    public static byte[] key(Random injected) {
        byte[] bytes = new byte[16];
        injected.nextBytes(bytes);
        return bytes;
    }

    public static byte[] key() {
        return key(new SecureRandom());
    }

    public static UUID parse(String text) {
        return UUID.fromString(text);
    }
}
