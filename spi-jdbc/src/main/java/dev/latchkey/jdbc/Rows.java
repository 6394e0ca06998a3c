package dev.latchkey.jdbc;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.CallerVerification;
import dev.latchkey.model.ResetTokenRecord;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Grade;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Relationship;
import dev.latchkey.model.Restriction;
import dev.latchkey.model.Role;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.password.PasswordHash;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/** Reading records from rows and binding instants; one place for every column mapping. */
final class Rows {
  static final String ACCOUNT_COLUMNS = "id, district_id, role, login_name, guardian_id, "
      + "student_id, status, must_change, credential_version, password_hash, failed_attempts, "
      + "last_failure_at, locked_at, locked_until, lockouts, last_sign_in_at, created_at";
  static final String KEY_COLUMNS = "digest, guardian_id, district_id, sent_to, issued_at, "
      + "expires_at, state, redeemed_at, redeemed_by, redeemed_login, revoked_at";

  private Rows() {}

  /** Instants are kept to the microsecond, the finest both databases store. */
  static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC));
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static District district(ResultSet rs) throws SQLException {
    return new District(DistrictId.of(rs.getString("id")), rs.getString("name"),
        rs.getString("state"), ZoneId.of(rs.getString("time_zone")),
        EmailAddress.of(rs.getString("helpdesk_email")), rs.getString("helpdesk_phone"));
  }

  static Guardian guardian(ResultSet rs) throws SQLException {
    return new Guardian(GuardianId.of(rs.getString("id")),
        DistrictId.of(rs.getString("district_id")), rs.getString("given_name"),
        rs.getString("family_name"),
        Optional.ofNullable(rs.getString("email")).map(EmailAddress::of),
        Optional.ofNullable(rs.getString("phone")),
        Optional.ofNullable(rs.getString("postal_code")),
        Optional.ofNullable(rs.getString("preferred_language")).map(Locale::forLanguageTag),
        rs.getBoolean("sign_in_enabled"));
  }

  static Student student(ResultSet rs) throws SQLException {
    Date born = rs.getDate("date_of_birth");
    return new Student(StudentId.of(rs.getString("id")),
        DistrictId.of(rs.getString("district_id")), rs.getString("student_number"),
        rs.getString("given_name"), rs.getString("family_name"),
        Optional.ofNullable(born).map(Date::toLocalDate),
        Grade.valueOf(rs.getString("grade")), rs.getString("school"),
        EnrollmentStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("school_id")).map(SchoolId::of),
        rs.getBoolean("sign_in_enabled"));
  }

  static School school(ResultSet rs) throws SQLException {
    return new School(SchoolId.of(rs.getString("id")), DistrictId.of(rs.getString("district_id")),
        rs.getString("name"),
        Optional.ofNullable(rs.getString("contact_email")).map(EmailAddress::of));
  }

  static Restriction restriction(ResultSet rs) throws SQLException {
    Date endsBefore = rs.getDate("ends_before");
    return new Restriction(rs.getString("id"), GuardianId.of(rs.getString("guardian_id")),
        StudentId.of(rs.getString("student_id")), rs.getDate("starts_on").toLocalDate(),
        Optional.ofNullable(endsBefore).map(Date::toLocalDate), rs.getString("reason"),
        rs.getString("entered_by"), instant(rs, "entered_at"));
  }

  static GuardianLink link(ResultSet rs) throws SQLException {
    return new GuardianLink(GuardianId.of(rs.getString("guardian_id")),
        StudentId.of(rs.getString("student_id")),
        Relationship.valueOf(rs.getString("relationship")), rs.getBoolean("portal_access"));
  }

  /**
   * An audit event's details as stored: one {@code name=value} line each, in name order. The
   * core has escaped every line break and kept names free of {@code =}, so this reads back
   * exactly.
   */
  static String details(Map<String, String> details) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(details).forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    return out.toString();
  }

  static AuditEvent auditEvent(ResultSet rs) throws SQLException {
    Map<String, String> details = new TreeMap<>();
    for (String line : rs.getString("details").split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        details.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new AuditEvent(instant(rs, "at"),
        DistrictId.of(rs.getString("district_id")), AuditEventType.valueOf(rs.getString("type")),
        rs.getString("actor"), rs.getString("subject"), rs.getString("source"),
        rs.getString("outcome"), details);
  }

  static PortalAccount account(ResultSet rs) throws SQLException {
    String guardian = rs.getString("guardian_id");
    String student = rs.getString("student_id");
    return new PortalAccount(AccountId.of(rs.getString("id")),
        DistrictId.of(rs.getString("district_id")), Role.valueOf(rs.getString("role")),
        LoginName.of(rs.getString("login_name")),
        guardian == null ? null : GuardianId.of(guardian),
        student == null ? null : StudentId.of(student),
        AccountStatus.valueOf(rs.getString("status")), rs.getBoolean("must_change"),
        rs.getLong("credential_version"), new PasswordHash(rs.getString("password_hash")),
        rs.getInt("failed_attempts"), instant(rs, "last_failure_at"), instant(rs, "locked_at"),
        instant(rs, "locked_until"), rs.getInt("lockouts"), instant(rs, "last_sign_in_at"),
        instant(rs, "created_at"));
  }

  static ResetTokenRecord resetToken(ResultSet rs) throws SQLException {
    return new ResetTokenRecord(new TokenDigest(rs.getString("digest")),
        AccountId.of(rs.getString("account_id")), DistrictId.of(rs.getString("district_id")),
        EmailAddress.of(rs.getString("sent_to")), instant(rs, "issued_at"),
        instant(rs, "expires_at"), ResetTokenRecord.TokenState.valueOf(rs.getString("state")),
        instant(rs, "used_at"));
  }

  static CallerVerification verification(ResultSet rs) throws SQLException {
    return new CallerVerification(rs.getString("id"), GuardianId.of(rs.getString("guardian_id")),
        rs.getString("agent"), instant(rs, "verified_at"), instant(rs, "expires_at"));
  }

  static ActivationKeyRecord key(ResultSet rs) throws SQLException {
    String redeemedBy = rs.getString("redeemed_by");
    String redeemedLogin = rs.getString("redeemed_login");
    return new ActivationKeyRecord(new TokenDigest(rs.getString("digest")),
        GuardianId.of(rs.getString("guardian_id")), DistrictId.of(rs.getString("district_id")),
        EmailAddress.of(rs.getString("sent_to")), instant(rs, "issued_at"),
        instant(rs, "expires_at"), KeyState.valueOf(rs.getString("state")),
        instant(rs, "redeemed_at"), redeemedBy == null ? null : AccountId.of(redeemedBy),
        redeemedLogin == null ? null : LoginName.of(redeemedLogin), instant(rs, "revoked_at"));
  }
}
