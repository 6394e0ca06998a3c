package dev.latchkey.password;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converts password hashes exported from another system into the {@link PasswordHash} values
 * Latchkey stores, so that a district's existing users keep their passwords (S6). Store the
 * result as the account's hash and wire {@link PasswordHashers#upgrading(Argon2idHasher)}:
 * the first successful sign-in replaces it with Argon2id.
 *
 * <p>Supported sources:
 * <ul>
 *   <li><b>bcrypt</b> {@code $2a$}, {@code $2b$}, {@code $2y$} (OpenBSD, PHP
 *       {@code password_hash}, Apache {@code htpasswd -B}, Spring's
 *       {@code BCryptPasswordEncoder}) — stored unchanged, after validation: {@link #bcrypt}.
 *   <li><b>Keycloak</b> {@code pbkdf2}, {@code pbkdf2-sha256}, {@code pbkdf2-sha512}
 *       credentials, either as the two JSON strings of its {@code credential} table and realm
 *       export ({@link #keycloakCredential}) or as their four fields ({@link #keycloak}).
 *   <li><b>Spring Security</b> {@code DelegatingPasswordEncoder} values —
 *       {@code {bcrypt}…}, {@code {pbkdf2}…}, {@code {pbkdf2@SpringSecurity_v5_8}…}
 *       ({@link #spring}) — and bare {@code Pbkdf2PasswordEncoder} values with their settings
 *       ({@link #springPbkdf2}).
 *   <li>Any other PBKDF2-HMAC-SHA1/256/512 hash from its parts ({@link #pbkdf2}).
 * </ul>
 *
 * <p>PBKDF2 hashes are stored in Latchkey's own self-describing form,
 * {@code $pbkdf2-sha256$i=310000,l=32$<salt>$<hash>} (standard base64 without padding, as in
 * the Argon2id PHC strings), because the exporters' formats keep the parameters outside the
 * value.
 *
 * <p>Every method validates its input and throws {@link IllegalArgumentException} for anything
 * it cannot convert — an import is the place to learn that a row is unusable, not a sign-in.
 * Messages say what was wrong, never the value. Stateless and thread-safe.
 */
public final class LegacyHashes {

  private static final String SPRING_PBKDF2_V5_8 = "pbkdf2@SpringSecurity_v5_8";

  private LegacyHashes() {
  }

  /**
   * Validates a bcrypt hash in modular crypt form and wraps it; the stored value is the input.
   * From an htpasswd line {@code user:$2y$…}, pass the part after the colon.
   *
   * @param encoded e.g. {@code $2y$10$…}, 60 characters
   * @return the hash to store
   * @throws NullPointerException if {@code encoded} is {@code null}
   * @throws IllegalArgumentException unless it is a {@code $2a$}, {@code $2b$} or {@code $2y$}
   *     hash of cost 4–16 (higher costs are refused, see {@link PasswordHashers#upgrading})
   */
  public static PasswordHash bcrypt(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (Bcrypt.parse(encoded) == null) {
      throw new IllegalArgumentException("not a bcrypt $2a$, $2b$ or $2y$ hash of cost "
          + Bcrypt.MIN_COST + "-" + Bcrypt.MAX_COST);
    }
    return new PasswordHash(encoded);
  }

  /**
   * A PBKDF2 hash from its parts, in Latchkey's stored form. The password must have been fed to
   * PBKDF2 as UTF-8, as every JDK-based system does.
   *
   * @param digest the HMAC digest
   * @param iterations the iteration count, 1–10,000,000
   * @param salt the salt, 1–256 bytes (copied)
   * @param hash the derived key, 16–128 bytes (copied)
   * @return the hash to store
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if a value is out of range
   */
  public static PasswordHash pbkdf2(Pbkdf2Digest digest, int iterations, byte[] salt,
      byte[] hash) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(hash, "hash");
    if (!Pbkdf2Hash.withinLimits(iterations, salt.length, hash.length)) {
      throw new IllegalArgumentException("PBKDF2 parameters out of range: need 1 <= iterations <= "
          + Pbkdf2Hash.MAX_ITERATIONS + ", " + Pbkdf2Hash.MIN_SALT_BYTES + " <= salt bytes <= "
          + Pbkdf2Hash.MAX_SALT_BYTES + ", " + Pbkdf2Hash.MIN_HASH_BYTES + " <= hash bytes <= "
          + Pbkdf2Hash.MAX_HASH_BYTES + "; got iterations=" + iterations + ", salt bytes="
          + salt.length + ", hash bytes=" + hash.length);
    }
    return new PasswordHash(Pbkdf2Hash.format(digest, iterations, salt.clone(), hash.clone()));
  }

  /**
   * A Keycloak password credential from its fields: {@code credentialData.algorithm},
   * {@code credentialData.hashIterations}, {@code secretData.salt} and
   * {@code secretData.value} (also the {@code algorithm}, {@code hashIterations}, {@code salt}
   * and {@code hashedSaltedValue} of exports from Keycloak before version 7). The key length is
   * the length of {@code value}, as Keycloak itself takes it.
   *
   * @param algorithm {@code pbkdf2} (HMAC-SHA-1), {@code pbkdf2-sha256} or {@code pbkdf2-sha512}
   * @param hashIterations the iteration count
   * @param salt the salt, standard base64
   * @param value the derived key, standard base64
   * @return the hash to store
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException for another algorithm (Keycloak's {@code argon2} included),
   *     bad base64 or out-of-range values
   */
  public static PasswordHash keycloak(String algorithm, int hashIterations, String salt,
      String value) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(value, "value");
    Pbkdf2Digest digest;
    switch (algorithm) {
      case "pbkdf2":
        digest = Pbkdf2Digest.SHA1;
        break;
      case "pbkdf2-sha256":
        digest = Pbkdf2Digest.SHA256;
        break;
      case "pbkdf2-sha512":
        digest = Pbkdf2Digest.SHA512;
        break;
      default:
        throw new IllegalArgumentException("unsupported Keycloak algorithm " + describe(algorithm)
            + "; supported: pbkdf2, pbkdf2-sha256, pbkdf2-sha512");
    }
    return pbkdf2(digest, hashIterations, base64(salt, "salt"), base64(value, "value"));
  }

  /**
   * A Keycloak password credential as Keycloak stores and exports it: the JSON strings of the
   * {@code secret_data} and {@code credential_data} columns (the {@code secretData} and
   * {@code credentialData} of a realm export's {@code credentials} entry), e.g.
   * <pre>{@code
   * {"value":"9qur…XxI=","salt":"AGHj…nA==","additionalParameters":{}}
   * {"hashIterations":27500,"algorithm":"pbkdf2-sha256","additionalParameters":{}}
   * }</pre>
   *
   * @param secretData the JSON object with {@code value} and {@code salt}
   * @param credentialData the JSON object with {@code algorithm} and {@code hashIterations}
   * @return the hash to store
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException for malformed JSON, missing fields, or anything
   *     {@link #keycloak} refuses
   */
  public static PasswordHash keycloakCredential(String secretData, String credentialData) {
    Objects.requireNonNull(secretData, "secretData");
    Objects.requireNonNull(credentialData, "credentialData");
    Map<String, @Nullable Object> secret = CredentialJson.object(secretData);
    Map<String, @Nullable Object> credential = CredentialJson.object(credentialData);
    return keycloak(stringField(credential, "algorithm", "credentialData"),
        intField(credential, "hashIterations", "credentialData"),
        stringField(secret, "salt", "secretData"),
        stringField(secret, "value", "secretData"));
  }

  /**
   * A value written by Spring Security's {@code DelegatingPasswordEncoder} (the default
   * {@code PasswordEncoderFactories.createDelegatingPasswordEncoder()}): the encoder id in
   * braces, then the encoder's own value.
   * <ul>
   *   <li>{@code {bcrypt}$2a$10$…} — as {@link #bcrypt};
   *   <li>{@code {pbkdf2}<hex>} — {@link SpringPbkdf2#defaultsForSpringSecurity_v5_5()};
   *   <li>{@code {pbkdf2@SpringSecurity_v5_8}<hex>} —
   *       {@link SpringPbkdf2#defaultsForSpringSecurity_v5_8()}.
   * </ul>
   * An application that registered its own encoder under an id must convert with
   * {@link #springPbkdf2} and its own settings.
   *
   * @param encoded the stored value, with its {@code {id}} prefix
   * @return the hash to store
   * @throws NullPointerException if {@code encoded} is {@code null}
   * @throws IllegalArgumentException for another id ({@code {noop}}, {@code {sha256}},
   *     {@code {scrypt}}, {@code {argon2}}, …), no prefix, or a malformed value
   */
  public static PasswordHash spring(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    int close = encoded.indexOf('}');
    if (!encoded.startsWith("{") || close < 0) {
      throw new IllegalArgumentException(
          "not a DelegatingPasswordEncoder value: no {id} prefix");
    }
    String id = encoded.substring(1, close);
    String rest = encoded.substring(close + 1);
    switch (id) {
      case "bcrypt":
        return bcrypt(rest);
      case "pbkdf2":
        return springPbkdf2(rest, SpringPbkdf2.defaultsForSpringSecurity_v5_5());
      case SPRING_PBKDF2_V5_8:
        return springPbkdf2(rest, SpringPbkdf2.defaultsForSpringSecurity_v5_8());
      default:
        throw new IllegalArgumentException("unsupported Spring Security encoder id "
            + describe(id) + "; supported: bcrypt, pbkdf2, " + SPRING_PBKDF2_V5_8);
    }
  }

  /**
   * A value written by a Spring Security {@code Pbkdf2PasswordEncoder} (no {@code {id}}
   * prefix): {@code salt || hash}, hex or base64 as {@code settings} say.
   *
   * @param encoded the stored value
   * @param settings how the encoder was configured
   * @return the hash to store
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if the value does not decode, or leaves fewer than 16 or
   *     more than 128 bytes of hash after the salt
   */
  public static PasswordHash springPbkdf2(String encoded, SpringPbkdf2 settings) {
    Objects.requireNonNull(encoded, "encoded");
    Objects.requireNonNull(settings, "settings");
    byte[] bytes;
    if (settings.hashAsBase64()) {
      bytes = base64(encoded, "value");
    } else {
      try {
        bytes = HexFormat.of().parseHex(encoded);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("value is not hexadecimal");
      }
    }
    int saltLength = settings.saltLength();
    if (bytes.length <= saltLength) {
      throw new IllegalArgumentException("value is shorter than its " + saltLength
          + "-byte salt");
    }
    byte[] salt = Arrays.copyOfRange(bytes, 0, saltLength);
    byte[] hash = Arrays.copyOfRange(bytes, saltLength, bytes.length);
    return pbkdf2(settings.digest(), settings.iterations(), salt, hash);
  }

  private static byte[] base64(String text, String field) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not standard base64");
    }
  }

  private static String stringField(Map<String, @Nullable Object> object, String name,
      String where) {
    Object value = object.get(name);
    if (!(value instanceof String)) {
      throw new IllegalArgumentException(where + "." + name + " is missing or not a string");
    }
    return (String) value;
  }

  private static int intField(Map<String, @Nullable Object> object, String name, String where) {
    Object value = object.get(name);
    if (value instanceof BigDecimal) {
      try {
        return ((BigDecimal) value).intValueExact();
      } catch (ArithmeticException e) {
        // fall through to the message below
      }
    }
    throw new IllegalArgumentException(where + "." + name + " is missing or not an integer");
  }

  /** Names an unsupported identifier in a message only when it is short and plainly a name. */
  private static String describe(String id) {
    return id.matches("[A-Za-z0-9@_.-]{1,40}") ? "'" + id + "'" : "(unprintable)";
  }
}
