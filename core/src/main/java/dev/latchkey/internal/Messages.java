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
    return new Notification(deps.newNotificationId(), type, district.id(), to, fields,
        Optional.empty(), now);
  }

  private static Map<String, String> base(District district, Guardian guardian) {
    Map<String, String> fields = new HashMap<>();
    fields.put(Notification.NAME, guardian.displayName());
    fields.put(Notification.DISTRICT_NAME, district.name());
    fields.put(Notification.HELPDESK_EMAIL, district.helpdeskEmail().value());
    fields.put(Notification.HELPDESK_PHONE, district.helpdeskPhone());
    return fields;
  }
}
