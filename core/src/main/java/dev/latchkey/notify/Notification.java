package dev.latchkey.notify;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A message for one recipient, as data: the host (or a template module) turns it into mail.
 * Fields hold display values (names, login names, times); the one secret a message may carry
 * (an activation key, a reset token) sits in {@link #secret()}, whose {@code toString} is masked.
 * The recipient is always the address of record, never one supplied by a request (S23).
 *
 * @param id the idempotency id, stable across retries
 * @param type what the message is
 * @param district the district it is sent for
 * @param recipient the address of record it goes to
 * @param fields display values by name (see each {@link NotificationType}); never secrets
 * @param secret the secret the message carries, if any
 * @param createdAt when the change that caused it happened
 */
public record Notification(
    NotificationId id, NotificationType type, DistrictId district, EmailAddress recipient,
    Map<String, String> fields, Optional<SecretText> secret, Instant createdAt) {

  /** Field: the addressee's display name. */
  public static final String NAME = "name";
  /** Field: the account's login name. */
  public static final String LOGIN_NAME = "loginName";
  /** Field: the district's display name. */
  public static final String DISTRICT_NAME = "districtName";
  /** Field: the helpdesk's email. */
  public static final String HELPDESK_EMAIL = "helpdeskEmail";
  /** Field: the helpdesk's phone. */
  public static final String HELPDESK_PHONE = "helpdeskPhone";
  /** Field: when the key or token expires (ISO-8601 instant). */
  public static final String EXPIRES_AT = "expiresAt";
  /** Field: the students the key opens, display names joined by ", ". */
  public static final String STUDENTS = "students";
  /** Field: the login names tied to an address, joined by ", " (USERNAME_REMINDER). */
  public static final String LOGIN_NAMES = "loginNames";
  /** Field: what the helpdesk did (HELPDESK_ACTION): UNLOCKED, LOGIN_NAME_READ, EMAIL_CHANGED. */
  public static final String ACTION = "action";
  /** Field: when the helpdesk next opens (ISO-8601 instant). */
  public static final String HELPDESK_OPENS = "helpdeskOpens";
  /** Field: when to expect an answer from the helpdesk (ISO-8601 instant). */
  public static final String RESPONSE_DUE_BY = "responseDueBy";
  /** Field: the helpdesk's hours, in words. */
  public static final String HELPDESK_HOURS = "helpdeskHours";
  /**
   * Field: the recipient guardian's preferred language as a BCP 47 tag ("es", "pt-BR"); absent
   * when the roster has none, so the district's default applies.
   */
  public static final String LANGUAGE = "language";

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(recipient, "recipient");
    fields = Map.copyOf(new TreeMap<>(Objects.requireNonNull(fields, "fields")));
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A field's value, or empty. */
  public Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }
}
