package dev.latchkey.password;

import java.util.Objects;

/**
 * How a Spring Security {@code Pbkdf2PasswordEncoder} was configured — what
 * {@link LegacyHashes#springPbkdf2(String, SpringPbkdf2)} needs to read the values it wrote.
 * Spring stores only {@code salt || hash}, hex-encoded (or base64 when
 * {@code setEncodeHashAsBase64(true)} was called); the digest, salt length and iteration count
 * live in the application's configuration, not in the value. The hash width is whatever
 * follows the salt.
 *
 * <p>An encoder built with a non-empty {@code secret} cannot be imported: Spring appends the
 * secret to the salt, and a stored Latchkey hash would have to carry the secret in the database
 * to verify. Such users reset their passwords.
 *
 * @param digest the HMAC digest ({@code SecretKeyFactoryAlgorithm})
 * @param saltLength the salt length in bytes
 * @param iterations the iteration count
 * @param hashAsBase64 {@code true} if the encoder wrote base64 instead of hex
 */
public record SpringPbkdf2(Pbkdf2Digest digest, int saltLength, int iterations,
    boolean hashAsBase64) {

  /**
   * Validates the settings.
   *
   * @param digest the HMAC digest
   * @param saltLength the salt length in bytes
   * @param iterations the iteration count
   * @param hashAsBase64 {@code true} for base64, {@code false} for hex
   * @throws NullPointerException if {@code digest} is {@code null}
   * @throws IllegalArgumentException if the salt length is not 1–256 bytes or the iteration
   *     count not 1–10,000,000
   */
  public SpringPbkdf2 {
    Objects.requireNonNull(digest, "digest");
    if (saltLength < Pbkdf2Hash.MIN_SALT_BYTES || saltLength > Pbkdf2Hash.MAX_SALT_BYTES) {
      throw new IllegalArgumentException("saltLength must be between " + Pbkdf2Hash.MIN_SALT_BYTES
          + " and " + Pbkdf2Hash.MAX_SALT_BYTES + " bytes; got " + saltLength);
    }
    if (iterations < 1 || iterations > Pbkdf2Hash.MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be between 1 and "
          + Pbkdf2Hash.MAX_ITERATIONS + "; got " + iterations);
    }
  }

  /**
   * Spring Security's {@code Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5()}, which is
   * also what {@code new Pbkdf2PasswordEncoder()} meant from 4.1 to 5.7 and what the id
   * {@code {pbkdf2}} means in {@code DelegatingPasswordEncoder}: HMAC-SHA-1, an 8-byte salt,
   * 185,000 iterations, hex.
   *
   * @return {@code SpringPbkdf2[digest=SHA1, saltLength=8, iterations=185000, hashAsBase64=false]}
   */
  public static SpringPbkdf2 defaultsForSpringSecurity_v5_5() {
    return new SpringPbkdf2(Pbkdf2Digest.SHA1, 8, 185_000, false);
  }

  /**
   * Spring Security's {@code Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()}, the id
   * {@code {pbkdf2@SpringSecurity_v5_8}} in {@code DelegatingPasswordEncoder}: HMAC-SHA-256, a
   * 16-byte salt, 310,000 iterations, hex.
   *
   * @return {@code SpringPbkdf2[digest=SHA256, saltLength=16, iterations=310000, hashAsBase64=false]}
   */
  public static SpringPbkdf2 defaultsForSpringSecurity_v5_8() {
    return new SpringPbkdf2(Pbkdf2Digest.SHA256, 16, 310_000, false);
  }
}
