package dev.latchkey.model;

import dev.latchkey.internal.Checks;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parent or guardian from the district's SIS. A guardian may have an email on file; keys are
 * only ever sent there.
 *
 * @param id the SIS id (one person is one guardian, matched on this id only)
 * @param district the district the record belongs to
 * @param givenName given name
 * @param familyName family name
 * @param email the address of record, if the SIS has one
 * @param phone phone on file, if any (used by the helpdesk to verify callers)
 * @param postalCode home postal code, if any
 * @param preferredLanguage the language the guardian reads mail in, from the SIS's home-language
 *     field, if any; mail to a guardian without one is written in the district's default language
 * @param signInEnabled false when the SIS curtails the person's system access (OneRoster
 *     {@code enabledUser=false}) or removed the person: the record stays, but the guardian's
 *     login is suspended and no key is issued or redeemed until the SIS enables it again
 */
public record Guardian(
    GuardianId id, DistrictId district, String givenName, String familyName,
    Optional<EmailAddress> email, Optional<String> phone, Optional<String> postalCode,
    Optional<Locale> preferredLanguage, boolean signInEnabled) {

  public Guardian {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(district, "district");
    givenName = Checks.text(givenName, "givenName", 100);
    familyName = Checks.text(familyName, "familyName", 100);
    Objects.requireNonNull(email, "email");
    phone = Objects.requireNonNull(phone, "phone").map(p -> Checks.text(p, "phone", 40));
    postalCode = Objects.requireNonNull(postalCode, "postalCode")
        .map(p -> Checks.text(p, "postalCode", 20));
    preferredLanguage = Objects.requireNonNull(preferredLanguage, "preferredLanguage")
        .map(Guardian::language);
  }

  /** A guardian whose sign-in is enabled. */
  public Guardian(GuardianId id, DistrictId district, String givenName, String familyName,
      Optional<EmailAddress> email, Optional<String> phone, Optional<String> postalCode,
      Optional<Locale> preferredLanguage) {
    this(id, district, givenName, familyName, email, phone, postalCode, preferredLanguage, true);
  }

  /** A guardian without a preferred language: the roster's shape before languages were kept. */
  public Guardian(GuardianId id, DistrictId district, String givenName, String familyName,
      Optional<EmailAddress> email, Optional<String> phone, Optional<String> postalCode) {
    this(id, district, givenName, familyName, email, phone, postalCode, Optional.empty());
  }

  /** A guardian with an email and nothing else optional: the common case in tests and examples. */
  public static Guardian of(GuardianId id, DistrictId district, String givenName,
      String familyName, EmailAddress email) {
    return new Guardian(id, district, givenName, familyName, Optional.of(email),
        Optional.empty(), Optional.empty());
  }

  /** This guardian, reading mail in {@code language} (e.g. {@code Locale.forLanguageTag("es")}). */
  public Guardian withPreferredLanguage(Locale language) {
    return new Guardian(id, district, givenName, familyName, email, phone, postalCode,
        Optional.of(Objects.requireNonNull(language, "language")), signInEnabled);
  }

  /** This guardian with sign-in enabled or curtailed by the SIS. */
  public Guardian withSignInEnabled(boolean enabled) {
    return new Guardian(id, district, givenName, familyName, email, phone, postalCode,
        preferredLanguage, enabled);
  }

  /** "Given Family", for letters and the helpdesk. */
  public String displayName() {
    return givenName + " " + familyName;
  }

  /** A well-formed BCP 47 language, as {@link Locale#forLanguageTag} reads it back. */
  private static Locale language(Locale locale) {
    Locale normal = Locale.forLanguageTag(locale.toLanguageTag());
    if (normal.getLanguage().isEmpty() || "und".equals(normal.toLanguageTag())) {
      throw new IllegalArgumentException("preferredLanguage must name a language");
    }
    return normal;
  }
}
