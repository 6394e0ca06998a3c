package dev.latchkey.mail;

import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.SecretText;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.schedule.SupportSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed notifications of every template, with the fields {@code Messages} fills in, for the
 * golden files and the renderer's tests. Sent on a Friday evening in Chicago, so the helpdesk
 * next opens on Monday.
 */
final class Samples {
  static final DistrictId DISTRICT = DistrictId.of("naperville-203");
  static final ZoneId ZONE = ZoneId.of("America/Chicago");
  /** Friday, August 14, 2026, 5:05 PM in Chicago. */
  static final Instant SENT = Instant.parse("2026-08-14T22:05:00Z");
  static final SupportSchedule SCHEDULE = SupportSchedule.defaults(ZONE).toBuilder()
      .holiday(LocalDate.of(2026, 9, 7)).build();
  static final Branding BRANDING = Branding.defaults()
      .withPortalUrl("https://portal.naperville203.example.org/")
      .withPasswordResetUrl("https://portal.naperville203.example.org/reset");
  static final String KEY = "K7QM-4XPT-92HD-W3RC";
  static final String TOKEN = "vq3RZp0w8m6cJd9YkHt2LxNbQe4sUa7FgWi1oC5yTzE";
  static final String INITIAL_PASSWORD = "maple-orbit-42-canyon";
  static final String NAME = "Maria Lopez";

  /** Every shipped template, by name. */
  static final List<String> TEMPLATES = List.of("activation-key", "account-created",
      "username-reminder", "password-reset", "password-changed", "account-locked",
      "student-credentials", "helpdesk-action", "helpdesk-action-unlocked",
      "helpdesk-action-login-name-read", "helpdesk-action-email-changed");

  private Samples() {}

  static MessageRenderer renderer() {
    return MessageRenderer.builder().schedules(d -> SCHEDULE).branding(BRANDING).build();
  }

  /** The sample of {@code template}, for a guardian named {@code name} reading {@code language}. */
  static Notification of(String template, String name, Optional<String> language) {
    Map<String, String> f = base(name);
    language.ifPresent(l -> f.put(Notification.LANGUAGE, l));
    Optional<SecretText> secret = Optional.empty();
    NotificationType type;
    switch (template) {
      case "activation-key" -> {
        type = NotificationType.ACTIVATION_KEY;
        f.put(Notification.EXPIRES_AT, SENT.plus(Duration.ofDays(7)).toString());
        f.put(Notification.STUDENTS, "Sofia Lopez, Mateo Lopez");
        secret = Optional.of(SecretText.of(KEY));
      }
      case "account-created" -> {
        type = NotificationType.ACCOUNT_CREATED;
        f.put(Notification.LOGIN_NAME, "maria.lopez");
      }
      case "username-reminder" -> {
        type = NotificationType.USERNAME_REMINDER;
        f.put(Notification.LOGIN_NAMES, "maria.lopez, mlopez2");
      }
      case "password-reset" -> {
        type = NotificationType.PASSWORD_RESET;
        f.put(Notification.LOGIN_NAME, "maria.lopez");
        f.put(Notification.EXPIRES_AT, SENT.plus(Duration.ofMinutes(60)).toString());
        secret = Optional.of(SecretText.of(TOKEN));
      }
      case "password-changed" -> {
        type = NotificationType.PASSWORD_CHANGED;
        f.put(Notification.LOGIN_NAME, "maria.lopez");
      }
      case "account-locked" -> {
        type = NotificationType.ACCOUNT_LOCKED;
        f.put(Notification.LOGIN_NAME, "maria.lopez");
        f.put(Notification.HELPDESK_OPENS, SCHEDULE.nextOpening(SENT).toString());
        f.put(Notification.RESPONSE_DUE_BY, SCHEDULE.responseDueBy(SENT).toString());
        f.put(Notification.HELPDESK_HOURS, SCHEDULE.summary());
      }
      case "student-credentials" -> {
        type = NotificationType.STUDENT_CREDENTIALS;
        f.put(Notification.NAME, "Sofia Lopez");
        f.put(Notification.LOGIN_NAME, "sofia.lopez");
        secret = Optional.of(SecretText.of(INITIAL_PASSWORD));
      }
      case "helpdesk-action" -> {
        type = NotificationType.HELPDESK_ACTION;
        f.put(Notification.ACTION, "KEY_REISSUED");
      }
      case "helpdesk-action-unlocked" -> {
        type = NotificationType.HELPDESK_ACTION;
        f.put(Notification.ACTION, "UNLOCKED");
      }
      case "helpdesk-action-login-name-read" -> {
        type = NotificationType.HELPDESK_ACTION;
        f.put(Notification.ACTION, "LOGIN_NAME_READ");
      }
      case "helpdesk-action-email-changed" -> {
        type = NotificationType.HELPDESK_ACTION;
        f.put(Notification.ACTION, "EMAIL_CHANGED");
      }
      default -> throw new IllegalArgumentException("no sample " + template);
    }
    return new Notification(new NotificationId("0123456789abcdef0123456789abcdef"), type,
        DISTRICT, EmailAddress.of("maria.lopez@example.org"), f, secret, SENT);
  }

  /** {@link #of} with a secret whatever the type: to prove only three templates show one. */
  static Notification withSecret(String template, String secret) {
    Notification n = of(template, NAME, Optional.empty());
    return new Notification(n.id(), n.type(), n.district(), n.recipient(), n.fields(),
        Optional.of(SecretText.of(secret)), n.createdAt());
  }

  private static Map<String, String> base(String name) {
    Map<String, String> f = new HashMap<>();
    f.put(Notification.NAME, name);
    f.put(Notification.DISTRICT_NAME, "Naperville Community Unit School District 203");
    f.put(Notification.HELPDESK_EMAIL, "parentsupport@naperville203.org");
    f.put(Notification.HELPDESK_PHONE, "630.420.6825");
    return f;
  }
}
