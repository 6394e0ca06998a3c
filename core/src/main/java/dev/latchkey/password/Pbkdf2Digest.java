package dev.latchkey.password;

/**
 * The HMAC digests of the imported PBKDF2 hashes Latchkey verifies (S6): the ones Keycloak and
 * Spring Security write. PBKDF2 is only ever verified and upgraded, never written for a new
 * password; see {@link LegacyHashes}.
 */
public enum Pbkdf2Digest {
  /** HMAC-SHA-1: Keycloak's {@code pbkdf2}, Spring's {@code {pbkdf2}} up to 5.7. */
  SHA1("pbkdf2-sha1", "PBKDF2WithHmacSHA1"),
  /** HMAC-SHA-256: Keycloak's {@code pbkdf2-sha256}, Spring's {@code {pbkdf2@SpringSecurity_v5_8}}. */
  SHA256("pbkdf2-sha256", "PBKDF2WithHmacSHA256"),
  /** HMAC-SHA-512: Keycloak's {@code pbkdf2-sha512}. */
  SHA512("pbkdf2-sha512", "PBKDF2WithHmacSHA512");

  private final String phcId;
  private final String jcaName;

  Pbkdf2Digest(String phcId, String jcaName) {
    this.phcId = phcId;
    this.jcaName = jcaName;
  }

  /**
   * The identifier in Latchkey's stored form, {@code $<id>$i=…,l=…$…$…}.
   *
   * @return {@code pbkdf2-sha1}, {@code pbkdf2-sha256} or {@code pbkdf2-sha512}
   */
  public String phcId() {
    return phcId;
  }

  /** The JDK {@code SecretKeyFactory} algorithm, as Keycloak and Spring themselves use it. */
  String jcaName() {
    return jcaName;
  }
}
