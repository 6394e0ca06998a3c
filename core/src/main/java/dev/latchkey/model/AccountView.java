package dev.latchkey.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What a host may know of an account: no hash, no counters. Returned on sign-in and by lookups.
 *
 * @param id the account's id
 * @param district its district
 * @param role guardian or student
 * @param loginName the login name
 * @param guardian the owning guardian, for a guardian account
 * @param student the owning student, for a student account
 * @param credentialVersion bumped by each password change; compare it to end stale sessions
 */
public record AccountView(
    AccountId id, DistrictId district, Role role, LoginName loginName,
    Optional<GuardianId> guardian, Optional<StudentId> student, long credentialVersion) {

  public AccountView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(loginName, "loginName");
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(student, "student");
  }

  public static AccountView of(PortalAccount account) {
    return new AccountView(account.id(), account.district(), account.role(),
        account.loginName(), Optional.ofNullable(account.guardian()),
        Optional.ofNullable(account.student()), account.credentialVersion());
  }
}
