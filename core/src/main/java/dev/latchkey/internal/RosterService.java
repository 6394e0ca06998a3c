package dev.latchkey.internal;

import dev.latchkey.audit.AuditEventType;
import dev.latchkey.spi.Household;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.EnrollmentStatus;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.LoginName;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Restriction;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.password.PasswordContext;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.roster.AccessPolicy;
import dev.latchkey.roster.AccountState;
import dev.latchkey.roster.GuardianFollowUps;
import dev.latchkey.roster.RosterFollowUps;
import dev.latchkey.roster.StudentFollowUp;
import dev.latchkey.spi.GuardianSynced;
import dev.latchkey.spi.NewStudentAccount;
import dev.latchkey.spi.RosterStore;
import dev.latchkey.spi.StudentSynced;
import dev.latchkey.roster.BatchReport;
import dev.latchkey.roster.Roster;
import dev.latchkey.roster.RosterBatch;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.roster.StudentAccess;
import dev.latchkey.roster.StudentAccountPolicy;
import dev.latchkey.roster.Visibility;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The roster capability; also the one place that decides who may see whom ({@link #access}) and
 * which students have their own login ({@link #writeStudents}).
 */
public final class RosterService implements Roster {
  /** Records written per store batch. */
  static final int CHUNK = 1000;
  private static final int LOGIN_SUFFIXES = 50;
  private static final Comparator<StudentAccess> BY_NAME =
      Comparator.comparing((StudentAccess a) -> a.student().familyName())
          .thenComparing(a -> a.student().givenName())
          .thenComparing(a -> a.student().id().value());
  /** Crockford base32 without the letters people confuse. */
  private static final char[] PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstvwxyz".toCharArray();

  private final Deps deps;
  private final Messages messages;
  private final StudentAccountPolicy studentPolicy;
  private final Map<DistrictId, AccessPolicy> accessPolicies;
  private final AccessPolicy defaultAccess;

  public RosterService(Deps deps, StudentAccountPolicy studentPolicy,
      Map<DistrictId, AccessPolicy> accessPolicies, AccessPolicy defaultAccess) {
    this.deps = deps;
    this.messages = new Messages(deps);
    this.studentPolicy = studentPolicy;
    this.accessPolicies = Map.copyOf(accessPolicies);
    this.defaultAccess = defaultAccess;
  }

  // ---- single records ----

  @Override
  public RosterResult putDistrict(District district) {
    deps.store.putDistrict(Objects.requireNonNull(district, "district"));
    return RosterResult.APPLIED;
  }

  @Override
  public RosterResult putSchool(School school) {
    Objects.requireNonNull(school, "school");
    if (deps.store.district(school.district()).isEmpty()) {
      return RosterResult.UNKNOWN_DISTRICT;
    }
    deps.store.putSchool(school);
    return RosterResult.APPLIED;
  }

  @Override
  public RosterResult putGuardian(Guardian guardian) {
    Objects.requireNonNull(guardian, "guardian");
    if (deps.store.district(guardian.district()).isEmpty()) {
      return RosterResult.UNKNOWN_DISTRICT;
    }
    Optional<Guardian> before = deps.store.guardian(guardian.id());
    if (before.isPresent() && !before.get().district().equals(guardian.district())) {
      return RosterResult.DISTRICT_MISMATCH;
    }
    writeGuardians(List.of(guardian),
        before.map(b -> Map.of(b.id(), b)).orElse(Map.of()), new Tally());
    return RosterResult.APPLIED;
  }

  @Override
  public RosterResult putStudent(Student student) {
    Objects.requireNonNull(student, "student");
    if (deps.store.district(student.district()).isEmpty()) {
      return RosterResult.UNKNOWN_DISTRICT;
    }
    Optional<Student> before = deps.store.student(student.id());
    if (before.isPresent() && !before.get().district().equals(student.district())) {
      return RosterResult.DISTRICT_MISMATCH;
    }
    if (student.schoolId().isPresent()
        && deps.store.school(student.schoolId().get())
            .filter(s -> s.district().equals(student.district())).isEmpty()) {
      return RosterResult.DISTRICT_MISMATCH;
    }
    Tally tally = new Tally();
    writeStudents(List.of(student), tally);
    deps.deliver(tally.queued);
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

  // ---- batches ----

  @Override
  public BatchReport importBatch(RosterBatch batch) {
    Objects.requireNonNull(batch, "batch");
    District district = deps.store.district(batch.district())
        .orElseThrow(() -> new IllegalArgumentException("unknown district"));
    BatchPlan plan = BatchPlan.of(batch, deps.store);
    Tally tally = new Tally();

    for (School school : plan.schools()) {
      deps.store.putSchool(school);
    }
    for (List<Guardian> chunk : chunks(plan.guardians())) {
      Map<GuardianId, Guardian> before = deps.store.guardians(
          chunk.stream().map(Guardian::id).toList());
      writeGuardians(chunk, before, tally);
    }
    for (List<Student> chunk : chunks(plan.students())) {
      writeStudents(chunk, tally);
    }
    for (List<GuardianLink> chunk : chunks(plan.links())) {
      deps.store.putLinks(chunk);
    }
    int deleted = deleteListed(plan, tally) + deleteAbsent(batch, plan, tally);
    deps.deliver(tally.queued);
    BatchReport report = new BatchReport(plan.schools().size(), plan.guardians().size(),
        plan.students().size(), plan.links().size(), deleted, tally.created, tally.suspended,
        tally.restored, plan.errors());
    deps.audit(AuditEventType.ROSTER_IMPORTED, district.id(), "system",
        "district:" + district.id(), RequestContext.system(),
        report.errors().isEmpty() ? "APPLIED" : "APPLIED_WITH_ERRORS",
        Map.of("applied", Integer.toString(report.applied()),
            "rejected", Integer.toString(report.errors().size()),
            "accountsCreated", Integer.toString(tally.created)));
    return report;
  }

  @Override
  public BatchReport promoteAll(DistrictId district) {
    Objects.requireNonNull(district, "district");
    if (deps.store.district(district).isEmpty()) {
      throw new IllegalArgumentException("unknown district");
    }
    Tally tally = new Tally();
    int promoted = 0;
    StudentId after = null;
    while (true) {
      List<Student> page = deps.store.studentsOfDistrict(district, after, CHUNK);
      if (page.isEmpty()) {
        break;
      }
      after = page.get(page.size() - 1).id();
      List<Student> moved = new ArrayList<>();
      for (Student s : page) {
        if (s.status() == EnrollmentStatus.ENROLLED && s.grade().promoted() != s.grade()) {
          moved.add(s.withGrade(s.grade().promoted()));
        }
      }
      writeStudents(moved, tally);
      promoted += moved.size();
    }
    deps.deliver(tally.queued);
    deps.audit(AuditEventType.ROSTER_IMPORTED, district, "system", "district:" + district,
        RequestContext.system(), "PROMOTED", Map.of("students", Integer.toString(promoted),
            "accountsCreated", Integer.toString(tally.created)));
    return new BatchReport(0, 0, promoted, 0, 0, tally.created, tally.suspended, tally.restored,
        List.of());
  }

  /** Deletion rows: guardians disabled and unlinked, students withdrawn, links removed. */
  private int deleteListed(BatchPlan plan, Tally tally) {
    int deleted = 0;
    for (GuardianId id : plan.deletedGuardians()) {
      deleted += deleteGuardian(id, tally) ? 1 : 0;
    }
    List<Student> withdrawn = new ArrayList<>();
    for (StudentId id : plan.deletedStudents()) {
      deps.store.student(id).filter(s -> s.status() == EnrollmentStatus.ENROLLED)
          .ifPresent(s -> withdrawn.add(s.withStatus(EnrollmentStatus.WITHDRAWN)));
    }
    for (List<Student> chunk : chunks(withdrawn)) {
      writeStudents(chunk, tally);
    }
    deleted += withdrawn.size();
    for (GuardianLink link : plan.deletedLinks()) {
      deleted += deps.store.removeLink(link.guardian(), link.student()) ? 1 : 0;
    }
    return deleted;
  }

  /** Bulk kinds: what is on file but not in the batch is deleted. */
  private int deleteAbsent(RosterBatch batch, BatchPlan plan, Tally tally) {
    int deleted = 0;
    DistrictId district = batch.district();
    if (batch.bulk().contains(RosterBatch.Kind.GUARDIAN)) {
      GuardianId after = null;
      List<Guardian> gone = new ArrayList<>();
      for (List<Guardian> page; !(page = deps.store.guardiansOfDistrict(district, after, CHUNK))
          .isEmpty(); after = page.get(page.size() - 1).id()) {
        page.stream().filter(g -> !plan.mentionedGuardians().contains(g.id().value()))
            .forEach(gone::add);
      }
      for (List<Guardian> chunk : chunks(gone)) {
        deleted += deleteGuardians(chunk, tally);
      }
    }
    if (batch.bulk().contains(RosterBatch.Kind.STUDENT)) {
      StudentId after = null;
      List<Student> gone = new ArrayList<>();
      for (List<Student> page; !(page = deps.store.studentsOfDistrict(district, after, CHUNK))
          .isEmpty(); after = page.get(page.size() - 1).id()) {
        page.stream().filter(s -> s.status() == EnrollmentStatus.ENROLLED
                && !plan.mentionedStudents().contains(s.id().value()))
            .forEach(s -> gone.add(s.withStatus(EnrollmentStatus.WITHDRAWN)));
      }
      for (List<Student> chunk : chunks(gone)) {
        writeStudents(chunk, tally);
      }
      deleted += gone.size();
    }
    if (batch.bulk().contains(RosterBatch.Kind.LINK)) {
      GuardianId afterGuardian = null;
      StudentId afterStudent = null;
      List<GuardianLink> gone = new ArrayList<>();
      while (true) {
        List<GuardianLink> page = deps.store.linksOfDistrict(district, afterGuardian,
            afterStudent, CHUNK);
        if (page.isEmpty()) {
          break;
        }
        GuardianLink last = page.get(page.size() - 1);
        afterGuardian = last.guardian();
        afterStudent = last.student();
        page.stream().filter(l -> !plan.mentionedLinks().contains(BatchPlan.pair(l)))
            .forEach(gone::add);
      }
      for (GuardianLink link : gone) {
        deleted += deps.store.removeLink(link.guardian(), link.student()) ? 1 : 0;
      }
    }
    return deleted;
  }

  /** A guardian the SIS deleted: sign-in disabled (key revoked, login suspended) and unlinked. */
  private boolean deleteGuardian(GuardianId id, Tally tally) {
    return deps.store.guardian(id).map(g -> deleteGuardians(List.of(g), tally) > 0)
        .orElse(false);
  }

  /**
   * {@link #deleteGuardian} for guardians read from the store, in one store write whatever
   * their number (up to a chunk); how many changed. Those already disabled are written too: the
   * sync repairs a login or key left behind.
   */
  private int deleteGuardians(List<Guardian> found, Tally tally) {
    Map<GuardianId, List<GuardianLink>> links = deps.store.linksOfGuardians(
        found.stream().map(Guardian::id).toList());
    Map<GuardianId, Guardian> before = new HashMap<>();
    found.forEach(g -> before.put(g.id(), g));
    writeGuardians(found.stream().map(g -> g.withSignInEnabled(false)).toList(), before, tally);
    int changed = 0;
    for (Guardian g : found) {
      List<GuardianLink> of = links.getOrDefault(g.id(), List.of());
      changed += g.signInEnabled() || !of.isEmpty() ? 1 : 0;
      for (GuardianLink link : of) {
        deps.store.removeLink(g.id(), link.student());
      }
    }
    return changed;
  }

  /**
   * Writes guardians with their follow-ups in one store operation each
   * ({@link RosterStore#syncGuardians}, decided by {@link RosterFollowUps#forGuardian}), then
   * audits what was done. {@code before} (the records as they were, by id; absent when new) only
   * words the audit trail: the follow-ups come from state, not from what changed.
   */
  private void writeGuardians(List<Guardian> guardians, Map<GuardianId, Guardian> before,
      Tally tally) {
    for (GuardianSynced synced : deps.store.syncGuardians(guardians, deps.clock.instant(),
        RosterFollowUps::forGuardian)) {
      Guardian g = synced.guardian();
      GuardianFollowUps done = synced.applied();
      if (!g.signInEnabled()) {
        Guardian previous = before.get(g.id());
        boolean wasEnabled = previous == null || previous.signInEnabled();
        tally.suspended += done.suspend().size();
        if (wasEnabled || !done.isEmpty()) {
          deps.audit(AuditEventType.GUARDIAN_DISABLED, g.district(), "system",
              "guardian:" + g.id(), RequestContext.system(), "DISABLED",
              Map.of("keyRevoked", Boolean.toString(done.revokeLiveKey()),
                  "accountSuspended", Boolean.toString(!done.suspend().isEmpty())));
        }
      }
      for (var account : done.restore()) {
        tally.restored++;
        deps.audit(AuditEventType.ACCOUNT_RESTORED, g.district(), "system",
            "account:" + account, RequestContext.system(), "RESTORED", Map.of());
      }
    }
  }

  // ---- student accounts ----

  /**
   * Writes students with their own logins in one store operation each
   * ({@link RosterStore#syncStudents}, decided by {@link RosterFollowUps#forStudent}): an
   * enrolled student in an eligible grade whose sign-in is enabled has an active account
   * (created, with its initial password queued to the school, or restored); any other student's
   * account is suspended. Accounts the decision will likely create are prepared first, outside
   * the store's transaction (the hash is slow); one whose name was taken meanwhile is created by
   * {@link #createStudentAccount} after the write, and a crash in between is repaired by the
   * next sync, which decides from state.
   */
  private void writeStudents(List<Student> students, Tally tally) {
    if (students.isEmpty()) {
      return;
    }
    RosterStore.StudentDecider decider = (student, account) -> RosterFollowUps.forStudent(
        student, studentPolicy.eligible(student.grade()), account.map(AccountState::status));
    Map<StudentId, Student> distinct = new java.util.LinkedHashMap<>();
    students.forEach(st -> distinct.put(st.id(), st));
    Map<StudentId, PortalAccount> accounts = deps.store.accountsOfStudents(distinct.keySet());
    Map<StudentId, NewStudentAccount> prepared = new HashMap<>();
    Set<StudentId> unnamed = new java.util.HashSet<>();
    Set<String> reserved = new java.util.HashSet<>();
    for (Student student : distinct.values()) {
      Optional<AccountState> account = Optional.ofNullable(accounts.get(student.id()))
          .map(a -> new AccountState(a.id(), a.status()));
      if (decider.decide(student, account) == StudentFollowUp.CREATE_ACCOUNT) {
        Optional<NewStudentAccount> made = prepareStudentAccount(student, reserved);
        made.ifPresentOrElse(m -> prepared.put(student.id(), m), () -> unnamed.add(student.id()));
      }
    }
    for (StudentSynced synced : deps.store.syncStudents(students, decider, prepared)) {
      Student student = synced.student();
      switch (synced.followUp()) {
        case CREATE_ACCOUNT:
          if (synced.status() == StudentSynced.Status.APPLIED) {
            tally.created++;
            tally.queued.add(prepared.get(student.id()).credentials().id());
            auditCreated(prepared.get(student.id()));
          } else if (!unnamed.contains(student.id()) && createStudentAccount(student, tally)) {
            tally.created++;
          }
          break;
        case RESTORE_ACCOUNT:
          tally.restored++;
          deps.audit(AuditEventType.ACCOUNT_RESTORED, student.district(), "system",
              "account:" + synced.account().orElseThrow(), RequestContext.system(),
              "RESTORED", Map.of());
          break;
        case SUSPEND_ACCOUNT:
          tally.suspended++;
          deps.audit(AuditEventType.ACCOUNT_SUSPENDED, student.district(), "system",
              "account:" + synced.account().orElseThrow(), RequestContext.system(),
              "SUSPENDED",
              Map.of("reason", student.status() != EnrollmentStatus.ENROLLED ? "WITHDRAWN"
                  : !student.signInEnabled() ? "SIGN_IN_DISABLED" : "GRADE_NOT_ELIGIBLE"));
          break;
        default:
          break;
      }
    }
  }

  /**
   * A new account for the student under the first free login name from the policy's pattern
   * (suffixed {@code -2}, {@code -3}, ... when taken, or {@code reserved} by another student of
   * the same write), with its initial password and the message to the school; empty (and
   * audited) when every name is taken.
   */
  private Optional<NewStudentAccount> prepareStudentAccount(Student student,
      Set<String> reserved) {
    District district = deps.store.district(student.district()).orElseThrow();
    Optional<School> school = student.schoolId().flatMap(deps.store::school);
    // The office of the student's school, else the district's helpdesk: never the student's or
    // a guardian's own address.
    EmailAddress office = school.flatMap(School::contactEmail).orElse(district.helpdeskEmail());
    String base = loginBase(student);
    Instant now = deps.clock.instant();
    for (int n = 1; n <= LOGIN_SUFFIXES; n++) {
      Optional<LoginName> login = LoginName.parse(n == 1 ? base : base + "-" + n);
      if (login.isEmpty()) {
        break;
      }
      if (reserved.contains(login.get().key())
          || deps.store.loginNameTaken(district.id(), login.get().key(), null)) {
        continue;
      }
      reserved.add(login.get().key());
      String password = initialPassword(district, student, login.get());
      PortalAccount account = PortalAccount.newStudentAccount(Ids.newAccountId(deps.random),
          district.id(), login.get(), student.id(), deps.hasher.hash(password), now);
      return Optional.of(new NewStudentAccount(account, messages.studentCredentials(district,
          student, office, login.get(), SecretText.of(password), now)));
    }
    deps.audit(AuditEventType.STUDENT_ACCOUNT_CREATED, district.id(), "system",
        "student:" + student.id(), RequestContext.system(), "LOGIN_NAME_TAKEN",
        Map.of("loginName", base));
    return Optional.empty();
  }

  private String loginBase(Student student) {
    return LoginName.parse(studentPolicy.loginNameFor(student))
        .map(LoginName::value).orElse("student-" + student.studentNumber());
  }

  private void auditCreated(NewStudentAccount created) {
    PortalAccount account = created.account();
    deps.audit(AuditEventType.STUDENT_ACCOUNT_CREATED, account.district(), "system",
        "student:" + account.student(), RequestContext.system(), "CREATED",
        Map.of("loginName", account.loginName().value(),
            "credentialsSentTo", created.credentials().recipient().value()));
  }

  /**
   * Creates the student's account on its own, when the name prepared for it was taken by the
   * time the record was written: each try prepares the next free name and asks the store's
   * atomic {@code createStudentAccount}.
   */
  private boolean createStudentAccount(Student student, Tally tally) {
    Set<String> tried = new java.util.HashSet<>();
    for (int attempt = 0; attempt < LOGIN_SUFFIXES; attempt++) {
      Optional<NewStudentAccount> made = prepareStudentAccount(student, tried);
      if (made.isEmpty()) {
        return false;
      }
      RosterResult result = deps.store.createStudentAccount(made.get().account(),
          made.get().credentials());
      if (result == RosterResult.APPLIED) {
        tally.queued.add(made.get().credentials().id());
        auditCreated(made.get());
        return true;
      }
      if (result == RosterResult.ACCOUNT_EXISTS) {
        return false;
      }
    }
    return false;
  }

  /**
   * A password from the CSPRNG that the district's policy accepts: five groups of five
   * characters from an alphabet without look-alikes, about 122 bits.
   */
  private String initialPassword(District district, Student student, LoginName login) {
    PasswordContext context = deps.passwordContext(district, Optional.empty(), login.value(),
        List.of(student));
    while (true) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 25; i++) {
        if (i > 0 && i % 5 == 0) {
          b.append('-');
        }
        b.append(PASSWORD_ALPHABET[deps.random.nextInt(PASSWORD_ALPHABET.length)]);
      }
      String candidate = b.toString();
      if (deps.passwordPolicy.check(candidate, context).accepted()) {
        return candidate;
      }
    }
  }

  // ---- restrictions and consent ----

  @Override
  public RosterResult restrict(GuardianId guardian, StudentId student, LocalDate startsOn,
      Optional<LocalDate> endsBefore, String reason, String enteredBy) {
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(student, "student");
    Optional<Guardian> g = deps.store.guardian(guardian);
    if (g.isEmpty()) {
      return RosterResult.UNKNOWN_GUARDIAN;
    }
    if (deps.store.student(student).isEmpty()) {
      return RosterResult.UNKNOWN_STUDENT;
    }
    if (deps.store.linksOfGuardian(guardian).stream().noneMatch(l -> l.student().equals(student))) {
      return RosterResult.UNKNOWN_LINK;
    }
    Restriction restriction;
    try {
      restriction = new Restriction(Ids.randomText(deps.random, 12), guardian, student,
          Objects.requireNonNull(startsOn, "startsOn"), Objects.requireNonNull(endsBefore,
              "endsBefore"), reason, enteredBy, deps.clock.instant());
    } catch (IllegalArgumentException | NullPointerException e) {
      return RosterResult.INVALID_RESTRICTION;
    }
    deps.store.putRestriction(restriction);
    boolean keyRevoked = visibleStudents(guardian).isEmpty()
        && deps.store.revokeLiveKey(guardian, deps.clock.instant());
    deps.audit(AuditEventType.RESTRICTION_ENTERED, g.get().district(), restriction.enteredBy(),
        "guardian:" + guardian, RequestContext.system(), "ENTERED",
        Map.of("student", student.value(), "restriction", restriction.id(),
            "startsOn", startsOn.toString(),
            "endsBefore", endsBefore.map(LocalDate::toString).orElse("none"),
            "keyRevoked", Boolean.toString(keyRevoked)));
    return RosterResult.APPLIED;
  }

  @Override
  public RosterResult endRestriction(String restrictionId, LocalDate day, String enteredBy) {
    Objects.requireNonNull(day, "day");
    Optional<Restriction> found = restrictionId == null || restrictionId.length() > 255
        ? Optional.empty() : deps.store.restriction(restrictionId);
    if (found.isEmpty()) {
      return RosterResult.UNKNOWN_RESTRICTION;
    }
    Restriction ended;
    try {
      ended = found.get().endingBefore(day);
      Checks.text(enteredBy, "enteredBy", 200);
    } catch (IllegalArgumentException | NullPointerException e) {
      return RosterResult.INVALID_RESTRICTION;
    }
    deps.store.putRestriction(ended);
    DistrictId district = deps.store.guardian(ended.guardian()).map(Guardian::district)
        .orElseThrow();
    deps.audit(AuditEventType.RESTRICTION_ENDED, district, enteredBy.strip(),
        "guardian:" + ended.guardian(), RequestContext.system(), "ENDED",
        Map.of("restriction", ended.id(), "endsBefore", day.toString()));
    return RosterResult.APPLIED;
  }

  @Override
  public List<Restriction> restrictions(GuardianId guardian) {
    return deps.store.restrictionsOfGuardian(Objects.requireNonNull(guardian, "guardian"));
  }

  @Override
  public RosterResult setAdultConsent(StudentId studentId, GuardianId guardian, boolean granted) {
    Objects.requireNonNull(studentId, "student");
    Objects.requireNonNull(guardian, "guardian");
    Optional<Student> student = deps.store.student(studentId);
    if (student.isEmpty()) {
      return RosterResult.UNKNOWN_STUDENT;
    }
    if (deps.store.linksOfGuardian(guardian).stream()
        .noneMatch(l -> l.student().equals(studentId))) {
      return RosterResult.UNKNOWN_LINK;
    }
    if (student.get().dateOfBirth().isEmpty()) {
      return RosterResult.BIRTH_DATE_MISSING;
    }
    District district = deps.store.district(student.get().district()).orElseThrow();
    if (!isAdult(student.get(), today(district), policy(district.id()))) {
      return RosterResult.NOT_ADULT;
    }
    deps.store.putAdultConsent(guardian, studentId, granted);
    deps.audit(AuditEventType.ADULT_CONSENT_CHANGED, district.id(), "student:" + studentId,
        "guardian:" + guardian, RequestContext.system(), granted ? "GRANTED" : "WITHDRAWN",
        Map.of());
    return RosterResult.APPLIED;
  }

  // ---- reads ----

  @Override
  public Optional<District> district(DistrictId id) {
    return deps.store.district(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<School> school(SchoolId id) {
    return deps.store.school(Objects.requireNonNull(id, "id"));
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
  public List<StudentAccess> access(GuardianId guardianId) {
    Objects.requireNonNull(guardianId, "guardian");
    return deps.store.guardian(guardianId).map(this::access).orElse(List.of());
  }

  /** {@link #access(GuardianId)} for a guardian already read. */
  List<StudentAccess> access(Guardian guardian) {
    return accessOf(List.of(guardian)).getOrDefault(guardian.id(), List.of());
  }

  /** The students a guardian already read may see today. */
  List<Student> visibleStudents(Guardian guardian) {
    return access(guardian).stream().filter(StudentAccess::visible)
        .map(StudentAccess::student).toList();
  }

  /**
   * Who sees whom for many guardians at once, in a handful of store reads whatever their number:
   * links × enrolment × access × restrictions × age.
   */
  Map<GuardianId, List<StudentAccess>> accessOf(List<Guardian> guardians) {
    List<GuardianId> ids = guardians.stream().map(Guardian::id).toList();
    Map<GuardianId, List<GuardianLink>> links = deps.store.linksOfGuardians(ids);
    Set<StudentId> linked = new java.util.HashSet<>();
    links.values().forEach(l -> l.forEach(link -> linked.add(link.student())));
    Map<GuardianId, List<StudentAccess>> access = new HashMap<>();
    if (linked.isEmpty()) {
      guardians.forEach(g -> access.put(g.id(), List.of()));
      return access;
    }
    Map<StudentId, Student> students = deps.store.students(linked);
    Map<GuardianId, List<Restriction>> restrictions = deps.store.restrictionsOfGuardians(ids);
    // Each district's date, once: the same day for every guardian of the page.
    Map<DistrictId, LocalDate> todays = new HashMap<>();
    for (Guardian guardian : guardians) {
      todays.computeIfAbsent(guardian.district(),
          d -> today(deps.store.district(d).orElseThrow()));
    }
    // Consents are read only for guardians linked to a student of age whose district waits for
    // one, and for all of them at once.
    List<GuardianId> awaitingConsent = guardians.stream()
        .filter(g -> policy(g.district()).adultOutcome()
            == AccessPolicy.AdultOutcome.SUSPEND_UNTIL_CONSENT)
        .filter(g -> links.getOrDefault(g.id(), List.of()).stream()
            .map(link -> students.get(link.student()))
            .anyMatch(student -> student != null && isAdult(student, todays.get(g.district()),
                policy(g.district()))))
        .map(Guardian::id).toList();
    Map<GuardianId, Set<StudentId>> consents = awaitingConsent.isEmpty()
        ? Map.of() : deps.store.adultConsentsOfGuardians(awaitingConsent);
    for (Guardian guardian : guardians) {
      access.put(guardian.id(), accessFor(guardian, todays.get(guardian.district()),
          links.getOrDefault(guardian.id(), List.of()), students,
          restrictions.getOrDefault(guardian.id(), List.of()),
          consents.getOrDefault(guardian.id(), Set.of())));
    }
    return access;
  }

  /** Who sees whom for a household read in one step. */
  List<StudentAccess> access(Household household) {
    return accessFor(household.guardian(), today(household.district()), household.links(),
        household.students(), household.restrictions(), household.adultConsents());
  }

  /** The students of a household read in one step that its guardian may see today. */
  List<Student> visibleStudents(Household household) {
    return access(household).stream().filter(StudentAccess::visible)
        .map(StudentAccess::student).toList();
  }

  /** The one rule of who sees whom, over what was read: links × enrolment × access × age. */
  private List<StudentAccess> accessFor(Guardian guardian, LocalDate today,
      List<GuardianLink> links, Map<StudentId, Student> students, List<Restriction> restricted,
      Set<StudentId> consented) {
    AccessPolicy policy = policy(guardian.district());
    List<StudentAccess> list = new ArrayList<>();
    for (GuardianLink link : links) {
      Student student = students.get(link.student());
      if (student == null) {
        continue;
      }
      Visibility visibility;
      if (!guardian.signInEnabled()) {
        visibility = Visibility.GUARDIAN_DISABLED;
      } else if (!link.portalAccess()) {
        visibility = Visibility.NO_PORTAL_ACCESS;
      } else if (!policy.relationships().contains(link.relationship())) {
        visibility = Visibility.RELATIONSHIP_NOT_ALLOWED;
      } else if (student.status() != EnrollmentStatus.ENROLLED) {
        visibility = Visibility.NOT_ENROLLED;
      } else if (restricted.stream().anyMatch(r -> r.student().equals(student.id())
          && r.inForceOn(today))) {
        visibility = Visibility.RESTRICTED;
      } else if (isAdult(student, today, policy)
          && policy.adultOutcome() != AccessPolicy.AdultOutcome.KEEP) {
        if (policy.adultOutcome() == AccessPolicy.AdultOutcome.END) {
          visibility = Visibility.ADULT_ACCESS_ENDED;
        } else {
          visibility = consented.contains(student.id())
              ? Visibility.VISIBLE : Visibility.ADULT_AWAITING_CONSENT;
        }
      } else {
        visibility = Visibility.VISIBLE;
      }
      list.add(new StudentAccess(student, link, visibility, student.dateOfBirth().isEmpty()));
    }
    list.sort(BY_NAME);
    return List.copyOf(list);
  }

  /** The students each guardian may see today, for many guardians at once. */
  Map<GuardianId, List<Student>> visibleStudents(List<Guardian> guardians) {
    Map<GuardianId, List<Student>> visible = new HashMap<>();
    accessOf(guardians).forEach((g, access) -> visible.put(g, access.stream()
        .filter(StudentAccess::visible).map(StudentAccess::student).toList()));
    return visible;
  }

  @Override
  public List<Student> visibleStudents(GuardianId guardian) {
    return deps.store.guardian(Objects.requireNonNull(guardian, "guardian"))
        .map(this::visibleStudents).orElse(List.of());
  }

  private AccessPolicy policy(DistrictId district) {
    return accessPolicies.getOrDefault(district, defaultAccess);
  }

  private LocalDate today(District district) {
    return LocalDate.ofInstant(deps.clock.instant(), district.timeZone());
  }

  private static boolean isAdult(Student student, LocalDate today, AccessPolicy policy) {
    return student.dateOfBirth()
        .map(born -> Period.between(born, today).getYears() >= policy.ageOfMajority())
        .orElse(false);
  }

  private static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return chunks;
  }

  /** Counts of account changes during one write. */
  private static final class Tally {
    int created;
    int suspended;
    int restored;
    /** Mail the write queued: what it hands the outbox when it is done. */
    final List<dev.latchkey.notify.NotificationId> queued = new ArrayList<>();
  }
}
