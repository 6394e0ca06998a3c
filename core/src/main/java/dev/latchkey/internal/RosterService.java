package dev.latchkey.internal;

import dev.latchkey.audit.AuditEventType;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.Student;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.StudentId;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.roster.Roster;
import dev.latchkey.roster.RosterResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The roster capability; also the one place that decides who may see whom. */
public final class RosterService implements Roster {
  private static final Comparator<Student> BY_NAME =
      Comparator.comparing(Student::familyName).thenComparing(Student::givenName)
          .thenComparing(s -> s.id().value());

  private final Deps deps;

  public RosterService(Deps deps) {
    this.deps = deps;
  }

  @Override
  public RosterResult putDistrict(District district) {
    deps.store.putDistrict(Objects.requireNonNull(district, "district"));
    return RosterResult.APPLIED;
  }

  @Override
  public RosterResult putGuardian(Guardian guardian) {
    Objects.requireNonNull(guardian, "guardian");
    if (deps.store.district(guardian.district()).isEmpty()) {
      return RosterResult.UNKNOWN_DISTRICT;
    }
    deps.store.putGuardian(guardian);
    return RosterResult.APPLIED;
  }

  @Override
  public RosterResult putStudent(Student student) {
    Objects.requireNonNull(student, "student");
    if (deps.store.district(student.district()).isEmpty()) {
      return RosterResult.UNKNOWN_DISTRICT;
    }
    deps.store.putStudent(student);
    return RosterResult.APPLIED;
  }

  @Override
  public RosterResult link(GuardianLink link) {
    Objects.requireNonNull(link, "link");
    Optional<Guardian> guardian = deps.store.guardian(link.guardian());
    if (guardian.isEmpty()) {
      return RosterResult.UNKNOWN_GUARDIAN;
    }
    Optional<Student> student = deps.store.student(link.student());
    if (student.isEmpty()) {
      return RosterResult.UNKNOWN_STUDENT;
    }
    if (!guardian.get().district().equals(student.get().district())) {
      return RosterResult.DISTRICT_MISMATCH;
    }
    deps.store.putLink(link);
    return RosterResult.APPLIED;
  }

  @Override
  public RosterResult importAccount(GuardianId guardianId, String loginName, PasswordHash hash) {
    Objects.requireNonNull(guardianId, "guardian");
    Objects.requireNonNull(hash, "hash");
    Optional<Guardian> guardian = deps.store.guardian(guardianId);
    if (guardian.isEmpty()) {
      return RosterResult.UNKNOWN_GUARDIAN;
    }
    Optional<LoginName> login = LoginName.parse(loginName);
    if (login.isEmpty()) {
      return RosterResult.INVALID_LOGIN_NAME;
    }
    PortalAccount account = PortalAccount.newGuardianAccount(Ids.newAccountId(deps.random),
        guardian.get().district(), login.get(), guardianId, hash, deps.clock.instant());
    RosterResult result = deps.store.importAccount(account);
    if (result == RosterResult.APPLIED) {
      deps.audit(AuditEventType.ACCOUNT_IMPORTED, account.district(), "system",
          "guardian:" + guardianId, RequestContext.system(), "IMPORTED",
          Map.of("loginName", login.get().value()));
    }
    return result;
  }

  @Override
  public Optional<District> district(DistrictId id) {
    return deps.store.district(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Guardian> guardian(GuardianId id) {
    return deps.store.guardian(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Student> student(StudentId id) {
    return deps.store.student(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<Student> visibleStudents(GuardianId guardian) {
    Objects.requireNonNull(guardian, "guardian");
    List<Student> visible = new ArrayList<>();
    for (GuardianLink link : deps.store.linksOfGuardian(guardian)) {
      if (!link.grantsAccess()) {
        continue;
      }
      deps.store.student(link.student())
          .filter(s -> s.status() == EnrollmentStatus.ENROLLED)
          .ifPresent(visible::add);
    }
    visible.sort(BY_NAME);
    return List.copyOf(visible);
  }

  // WIP
  @Override public RosterResult putSchool(dev.latchkey.model.School school) { throw new UnsupportedOperationException(); }
  @Override public dev.latchkey.roster.BatchReport importBatch(dev.latchkey.roster.RosterBatch batch) { throw new UnsupportedOperationException(); }
  @Override public dev.latchkey.roster.BatchReport promoteAll(DistrictId district) { throw new UnsupportedOperationException(); }
  @Override public RosterResult restrict(GuardianId g, StudentId s, java.time.LocalDate a, Optional<java.time.LocalDate> b, String r, String e) { throw new UnsupportedOperationException(); }
  @Override public RosterResult endRestriction(String id, java.time.LocalDate d, String e) { throw new UnsupportedOperationException(); }
  @Override public List<dev.latchkey.model.Restriction> restrictions(GuardianId g) { throw new UnsupportedOperationException(); }
  @Override public RosterResult setAdultConsent(StudentId s, GuardianId g, boolean b) { throw new UnsupportedOperationException(); }
  @Override public Optional<dev.latchkey.model.School> school(dev.latchkey.model.SchoolId id) { throw new UnsupportedOperationException(); }
  @Override public List<dev.latchkey.roster.StudentAccess> access(GuardianId g) { throw new UnsupportedOperationException(); }
}
