/**
 * Password hashing and password policy. Start with {@link dev.latchkey.password.PasswordPolicy}
 * (what a new password must satisfy: length in code points, a blocklist, context words — and
 * deliberately no composition rules, S1–S3) and {@link dev.latchkey.password.PasswordHasher}
 * (how it is stored: {@link dev.latchkey.password.Argon2idHasher} writes Argon2id PHC strings,
 * S5, with an optional pepper, S8, and fails closed on any stored value it cannot read, S7).
 * Both apply the same single Unicode normalisation, NFKC ({@link
 * dev.latchkey.password.PasswordPolicy#normalise(CharSequence)}), so a password is judged and
 * hashed in exactly the form it will later be verified in (S4). A district moving from an old
 * portal imports its bcrypt and PBKDF2 hashes with {@link dev.latchkey.password.LegacyHashes};
 * {@link dev.latchkey.password.PasswordHashers#upgrading} verifies them and they are re-hashed
 * as Argon2id at the next successful sign-in (S6). {@link
 * dev.latchkey.password.Argon2Parameters#calibrate} picks parameters for a time budget on the
 * host, never below the OWASP floor. The meter a password page shows on every keystroke is
 * {@link dev.latchkey.password.StrengthEstimator} (a {@link dev.latchkey.password.Strength} of
 * 0–100 % with a warning and suggestions), reached through {@link
 * dev.latchkey.password.Passwords}. Every type here is immutable
 * and thread-safe; no password or hash ever appears in a {@code toString} or exception message
 * (S32).
 */
@NullMarked
package dev.latchkey.password;

import org.jspecify.annotations.NullMarked;
