package dev.latchkey.internal;

import dev.latchkey.model.District;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.Student;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds each notification's fields in one place, so every message names the same things. */
final class Messages {
  private final Deps deps;

  Messages(Deps deps) {
    this.deps = deps;
  }

  Notification activationKey(District district, Guardian guardian, EmailAddress to,
      SecretText key, Instant expiresAt, List<Student> students, Instant now) {
    Map<String, String> fields = base(district, guardian);
    fields.put(Notification.EXPIRES_AT, expiresAt.toString());
    fields.put(Notification.STUDENTS,
        students.stream().map(Student::displayName).collect(Collectors.joining(", ")));
    return new Notification(deps.newNotificationId(), NotificationType.ACTIVATION_KEY,
        district.id(), to, fields, Optional.of(key), now);
  }

  /** ACCOUNT_CREATED, ACCOUNT_LOCKED, PASSWORD_CHANGED: a notice about one login. */
  Notification accountNotice(NotificationType type, District district, Guardian guardian,
      EmailAddress to, LoginName login, Instant now) {
    Map<String, String> fields = base(district, guardian);
    fields.put(Notification.LOGIN_NAME, login.value());
    if (type == NotificationType.ACCOUNT_LOCKED) {
      // Only the helpdesk lifts this lock: tell the parent when it opens and answers.
      fields.put(Notification.HELPDESK_OPENS,
          deps.schedule.nextOpening(district.id(), now).toString());
      fields.put(Notification.RESPONSE_DUE_BY,
          deps.schedule.responseDueBy(district.id(), now).toString());
      fields.put(Notification.HELPDESK_HOURS, deps.schedule.of(district.id()).summary());
    }
    return new Notification(deps.newNotificationId(), type, district.id(), to, fields,
        Optional.empty(), now);
  }

  /** USERNAME_REMINDER: the login names tied to an address. */
  Notification usernameReminder(District district, Guardian guardian, EmailAddress to,
      List<String> loginNames, Instant now) {
    Map<String, String> fields = base(district, guardian);
    fields.put(Notification.LOGIN_NAMES, String.join(", ", loginNames));
    return new Notification(deps.newNotificationId(), NotificationType.USERNAME_REMINDER,
        district.id(), to, fields, Optional.empty(), now);
  }

  /** PASSWORD_RESET: the one message that carries a reset token. */
  Notification passwordReset(District district, Guardian guardian, EmailAddress to,
      LoginName login, SecretText token, Instant expiresAt, Instant now) {
    Map<String, String> fields = base(district, guardian);
    fields.put(Notification.LOGIN_NAME, login.value());
    fields.put(Notification.EXPIRES_AT, expiresAt.toString());
    return new Notification(deps.newNotificationId(), NotificationType.PASSWORD_RESET,
        district.id(), to, fields, Optional.of(token), now);
  }

  /** HELPDESK_ACTION: what the helpdesk did to the account (S27). */
  Notification helpdeskAction(District district, Guardian guardian, EmailAddress to,
      String action, Instant now) {
    Map<String, String> fields = base(district, guardian);
    fields.put(Notification.ACTION, action);
    return new Notification(deps.newNotificationId(), NotificationType.HELPDESK_ACTION,
        district.id(), to, fields, Optional.empty(), now);
  }

  /**
   * STUDENT_CREDENTIALS: a new student login and its initial password, to the school's office
   * (never to the student's or a guardian's address).
   */
  Notification studentCredentials(District district, Student student, EmailAddress school,
      LoginName login, SecretText initialPassword, Instant now) {
    Map<String, String> fields = new HashMap<>();
    fields.put(Notification.NAME, student.displayName());
    fields.put(Notification.DISTRICT_NAME, district.name());
    fields.put(Notification.HELPDESK_EMAIL, district.helpdeskEmail().value());
    fields.put(Notification.HELPDESK_PHONE, district.helpdeskPhone());
    fields.put(Notification.LOGIN_NAME, login.value());
    return new Notification(deps.newNotificationId(), NotificationType.STUDENT_CREDENTIALS,
        district.id(), school, fields, Optional.of(initialPassword), now);
  }

  private static Map<String, String> base(District district, Guardian guardian) {
    Map<String, String> fields = new HashMap<>();
    fields.put(Notification.NAME, guardian.displayName());
    fields.put(Notification.DISTRICT_NAME, district.name());
    fields.put(Notification.HELPDESK_EMAIL, district.helpdeskEmail().value());
    fields.put(Notification.HELPDESK_PHONE, district.helpdeskPhone());
    guardian.preferredLanguage()
        .ifPresent(language -> fields.put(Notification.LANGUAGE, language.toLanguageTag()));
    return fields;
  }
}
