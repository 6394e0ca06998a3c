package dev.latchkey.inmemory;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.AccountStatus;
import dev.latchkey.model.CallerVerification;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.ResetTokenRecord;
import dev.latchkey.model.ActivationKeyRecord;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.KeyState;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.Restriction;
import dev.latchkey.model.School;
import dev.latchkey.model.SchoolId;
import dev.latchkey.model.Student;
import dev.latchkey.model.StudentId;
import dev.latchkey.model.TokenDigest;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationId;
import dev.latchkey.password.PasswordHash;
import dev.latchkey.roster.RosterResult;
import dev.latchkey.audit.AuditEvent;
import dev.latchkey.spi.Effects;
import dev.latchkey.spi.GuardianSearch;
import dev.latchkey.spi.IssueKeyCommand;
import dev.latchkey.spi.Household;
import dev.latchkey.spi.IssueOutcome;
import dev.latchkey.spi.KeyHolder;
import dev.latchkey.spi.LatchkeyStore;
import dev.latchkey.spi.OutboxMessage;
import dev.latchkey.spi.PasswordChangeOutcome;
import dev.latchkey.spi.RateBucket;
import dev.latchkey.spi.RedeemKeyCommand;
import dev.latchkey.spi.RedeemOutcome;
import dev.latchkey.roster.AccountState;
import dev.latchkey.roster.GuardianFollowUps;
import dev.latchkey.roster.GuardianState;
import dev.latchkey.roster.StudentFollowUp;
import dev.latchkey.spi.GuardianSynced;
import dev.latchkey.spi.NewStudentAccount;
import dev.latchkey.spi.StudentSynced;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The whole store in memory: for tests, demos and single-process hosts that can lose their data.
 *
 * <p>Every operation runs under one lock, so each is atomic and all are linearizable: the
 * simplest way to be correct, and fast enough for a test suite of thousands of sign-ins.
 * Thread-safe. Nothing is persisted.
 */
public final class InMemoryStore implements LatchkeyStore {
  private final Object lock = new Object();

  private final Map<DistrictId, District> districts = new HashMap<>();
  private final Map<GuardianId, Guardian> guardians = new HashMap<>();
  private final Map<StudentId, Student> students = new HashMap<>();
  private final Map<SchoolId, School> schools = new HashMap<>();
  private final Map<String, Restriction> restrictions = new LinkedHashMap<>();
  private final Map<GuardianId, Set<StudentId>> consents = new HashMap<>();
  private final Map<GuardianId, Map<StudentId, GuardianLink>> links = new HashMap<>();
  private final Map<TokenDigest, ActivationKeyRecord> keys = new LinkedHashMap<>();
  private final Map<AccountId, PortalAccount> accounts = new HashMap<>();
  private final Map<String, AccountId> accountsByLogin = new HashMap<>();
  private final Map<NotificationId, Pending> outbox = new LinkedHashMap<>();
  private final Map<TokenDigest, ResetTokenRecord> resetTokens = new HashMap<>();
  private final Map<String, RateBucket> buckets = new HashMap<>();
  private final Map<String, CallerVerification> verifications = new HashMap<>();
  private final Map<AccountId, List<PasswordHash>> history = new HashMap<>();
  private final List<AuditEvent> audit = new ArrayList<>();
  private long sequence;

  private InMemoryStore() {}

  /** A new, empty store. */
  public static InMemoryStore create() {
    return new InMemoryStore();
  }

  // ---- roster ----

  @Override
  public void putDistrict(District district) {
    Objects.requireNonNull(district, "district");
    synchronized (lock) {
      districts.put(district.id(), district);
    }
  }

  @Override
  public void putGuardian(Guardian guardian) {
    Objects.requireNonNull(guardian, "guardian");
    synchronized (lock) {
      guardians.put(guardian.id(), guardian);
    }
  }

  @Override
  public void putStudent(Student student) {
    Objects.requireNonNull(student, "student");
    synchronized (lock) {
      students.put(student.id(), student);
    }
  }

  @Override
  public void putLink(GuardianLink link) {
    Objects.requireNonNull(link, "link");
    synchronized (lock) {
      links.computeIfAbsent(link.guardian(), g -> new LinkedHashMap<>()).put(link.student(), link);
    }
  }

  @Override
  public List<GuardianSynced> syncGuardians(List<Guardian> written, Instant now,
      GuardianDecider decider) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(decider, "decider");
    Map<GuardianId, Guardian> distinct = lastOfEach(written, Guardian::id);
    synchronized (lock) {
      // One pass over keys and accounts for the whole call, not one per guardian.
      Set<GuardianId> live = new HashSet<>();
      for (ActivationKeyRecord k : keys.values()) {
        if (distinct.containsKey(k.guardian()) && k.state() == KeyState.LIVE
            && now.isBefore(k.expiresAt())) {
          live.add(k.guardian());
        }
      }
      Map<GuardianId, List<PortalAccount>> owned = new HashMap<>();
      for (PortalAccount a : accounts.values()) {
        if (a.guardian() != null && distinct.containsKey(a.guardian())) {
          owned.computeIfAbsent(a.guardian(), g -> new ArrayList<>()).add(a);
        }
      }
      List<GuardianSynced> synced = new ArrayList<>(distinct.size());
      for (Guardian guardian : distinct.values()) {
        guardians.put(guardian.id(), guardian);
        List<AccountState> states = owned.getOrDefault(guardian.id(), List.of()).stream()
            .sorted(Comparator.comparing(PortalAccount::createdAt)
                .thenComparing(a -> a.id().value()))
            .map(a -> new AccountState(a.id(), a.status())).toList();
        GuardianFollowUps followUps = decider.decide(guardian,
            new GuardianState(live.contains(guardian.id()), states));
        if (followUps.revokeLiveKey()) {
          ActivationKeyRecord key = liveKeyOf(guardian.id(), now);
          if (key != null) {
            keys.put(key.digest(), key.revoked(now));
          }
        }
        followUps.suspend().forEach(id -> move(id, AccountStatus.ACTIVE, AccountStatus.SUSPENDED));
        followUps.restore().forEach(id -> move(id, AccountStatus.SUSPENDED, AccountStatus.ACTIVE));
        synced.add(new GuardianSynced(guardian, followUps));
      }
      return synced;
    }
  }

  @Override
  public List<StudentSynced> syncStudents(List<Student> written, StudentDecider decider,
      Map<StudentId, NewStudentAccount> prepared) {
    Objects.requireNonNull(decider, "decider");
    Objects.requireNonNull(prepared, "prepared");
    Map<StudentId, Student> distinct = lastOfEach(written, Student::id);
    synchronized (lock) {
      Map<StudentId, PortalAccount> owned = new HashMap<>();
      for (PortalAccount a : accounts.values()) {
        if (a.student() != null && distinct.containsKey(a.student())) {
          owned.put(a.student(), a);
        }
      }
      List<StudentSynced> synced = new ArrayList<>(distinct.size());
      for (Student student : distinct.values()) {
        students.put(student.id(), student);
        PortalAccount account = owned.get(student.id());
        StudentFollowUp followUp = decider.decide(student, Optional.ofNullable(account)
            .map(a -> new AccountState(a.id(), a.status())));
        StudentSynced.Status status = StudentSynced.Status.APPLIED;
        switch (followUp) {
          case SUSPEND_ACCOUNT:
            move(account.id(), AccountStatus.ACTIVE, AccountStatus.SUSPENDED);
            break;
          case RESTORE_ACCOUNT:
            move(account.id(), AccountStatus.SUSPENDED, AccountStatus.ACTIVE);
            break;
          case CREATE_ACCOUNT:
            status = create(student, prepared.get(student.id()));
            break;
          default:
            break;
        }
        synced.add(new StudentSynced(student, followUp, status,
            Optional.ofNullable(studentAccountOf(student.id())).map(PortalAccount::id)));
      }
      return synced;
    }
  }

  /** Creates a prepared student account with its message (under the lock). */
  private StudentSynced.Status create(Student student, @Nullable NewStudentAccount prepared) {
    if (prepared == null || !student.id().equals(prepared.account().student())) {
      return StudentSynced.Status.NOT_PREPARED;
    }
    PortalAccount account = prepared.account();
    if (taken(account.district(), account.loginName().key(), null)) {
      return StudentSynced.Status.LOGIN_NAME_TAKEN;
    }
    if (accounts.containsKey(account.id())) {
      throw new IllegalStateException("duplicate account id");
    }
    accounts.put(account.id(), account);
    accountsByLogin.put(loginKey(account.district(), account.loginName().key()), account.id());
    outboxPut(prepared.credentials());
    return StudentSynced.Status.APPLIED;
  }

  /** Moves an account from one status to another, if it is in the first (under the lock). */
  private void move(AccountId id, AccountStatus from, AccountStatus to) {
    PortalAccount account = accounts.get(id);
    if (account != null && account.status() == from
        && (to != AccountStatus.ACTIVE || account.guardian() == null
            || activeAccountOf(account.guardian()) == null)) {
      accounts.put(id, account.withStatus(to));
    }
  }

  /** The records by id, each as its last occurrence, in the order of their first. */
  private static <K, T> Map<K, T> lastOfEach(List<T> records,
      java.util.function.Function<T, K> id) {
    Objects.requireNonNull(records, "records");
    Map<K, T> last = new LinkedHashMap<>();
    for (T record : records) {
      last.put(id.apply(Objects.requireNonNull(record, "record")), record);
    }
    return last;
  }

  @Override
  public void putSchool(School school) {
    Objects.requireNonNull(school, "school");
    synchronized (lock) {
      schools.put(school.id(), school);
    }
  }

  @Override
  public boolean removeLink(GuardianId guardian, StudentId student) {
    synchronized (lock) {
      Map<StudentId, GuardianLink> of = links.get(guardian);
      return of != null && of.remove(student) != null;
    }
  }

  @Override
  public Optional<School> school(SchoolId id) {
    synchronized (lock) {
      return Optional.ofNullable(schools.get(id));
    }
  }

  @Override
  public Map<GuardianId, Guardian> guardians(Collection<GuardianId> ids) {
    synchronized (lock) {
      return present(guardians, ids);
    }
  }

  @Override
  public Map<StudentId, Student> students(Collection<StudentId> ids) {
    synchronized (lock) {
      return present(students, ids);
    }
  }

  @Override
  public List<Guardian> guardiansOfDistrict(DistrictId district, @Nullable GuardianId after,
      int limit) {
    synchronized (lock) {
      return guardians.values().stream()
          .filter(g -> g.district().equals(district)
              && (after == null || g.id().value().compareTo(after.value()) > 0))
          .sorted(Comparator.comparing(g -> g.id().value()))
          .limit(limit).toList();
    }
  }

  @Override
  public List<Student> studentsOfDistrict(DistrictId district, @Nullable StudentId after,
      int limit) {
    synchronized (lock) {
      return students.values().stream()
          .filter(s -> s.district().equals(district)
              && (after == null || s.id().value().compareTo(after.value()) > 0))
          .sorted(Comparator.comparing(s -> s.id().value()))
          .limit(limit).toList();
    }
  }

  @Override
  public List<GuardianLink> linksOfDistrict(DistrictId district,
      @Nullable GuardianId afterGuardian, @Nullable StudentId afterStudent, int limit) {
    synchronized (lock) {
      Comparator<GuardianLink> order = Comparator.comparing((GuardianLink l) -> l.guardian().value())
          .thenComparing(l -> l.student().value());
      return links.values().stream().flatMap(m -> m.values().stream())
          .filter(l -> {
            Guardian g = guardians.get(l.guardian());
            return g != null && g.district().equals(district);
          })
          .filter(l -> afterGuardian == null || afterStudent == null
              || l.guardian().value().compareTo(afterGuardian.value()) > 0
              || (l.guardian().equals(afterGuardian)
                  && l.student().value().compareTo(afterStudent.value()) > 0))
          .sorted(order).limit(limit).toList();
    }
  }

  @Override
  public void putRestriction(Restriction restriction) {
    Objects.requireNonNull(restriction, "restriction");
    synchronized (lock) {
      restrictions.put(restriction.id(), restriction);
    }
  }

  @Override
  public Optional<Restriction> restriction(String id) {
    synchronized (lock) {
      return Optional.ofNullable(restrictions.get(id));
    }
  }

  @Override
  public List<Restriction> restrictionsOfGuardian(GuardianId guardian) {
    synchronized (lock) {
      return restrictions.values().stream().filter(r -> r.guardian().equals(guardian))
          .sorted(Comparator.comparing(Restriction::enteredAt).thenComparing(Restriction::id))
          .toList();
    }
  }

  @Override
  public void putAdultConsent(GuardianId guardian, StudentId student, boolean granted) {
    synchronized (lock) {
      Set<StudentId> of = consents.computeIfAbsent(guardian, g -> new HashSet<>());
      if (granted) {
        of.add(student);
      } else {
        of.remove(student);
      }
    }
  }

  @Override
  public Set<StudentId> adultConsentsOfGuardian(GuardianId guardian) {
    synchronized (lock) {
      return Set.copyOf(consents.getOrDefault(guardian, Set.of()));
    }
  }

  @Override
  public Optional<District> district(DistrictId id) {
    synchronized (lock) {
      return Optional.ofNullable(districts.get(id));
    }
  }

  @Override
  public List<District> districtsInState(String state) {
    synchronized (lock) {
      return districts.values().stream().filter(d -> d.state().equals(state)).toList();
    }
  }

  @Override
  public Optional<Guardian> guardian(GuardianId id) {
    synchronized (lock) {
      return Optional.ofNullable(guardians.get(id));
    }
  }

  @Override
  public Optional<Student> student(StudentId id) {
    synchronized (lock) {
      return Optional.ofNullable(students.get(id));
    }
  }

  @Override
  public Optional<Household> household(GuardianId id) {
    synchronized (lock) { // one step: the lock is reentrant
      return LatchkeyStore.super.household(id);
    }
  }

  @Override
  public Optional<KeyFile> keyFile(TokenDigest digest) {
    synchronized (lock) {
      return LatchkeyStore.super.keyFile(digest);
    }
  }

  @Override
  public Seen updateSignInAndRead(AccountId id, SignInDecision<?> decision) {
    synchronized (lock) {
      return LatchkeyStore.super.updateSignInAndRead(id, decision);
    }
  }

  @Override
  public List<GuardianLink> linksOfGuardian(GuardianId guardian) {
    synchronized (lock) {
      return List.copyOf(links.getOrDefault(guardian, Map.of()).values());
    }
  }

  @Override
  public List<Guardian> guardiansByEmail(DistrictId district, String emailKey) {
    synchronized (lock) {
      return guardians.values().stream()
          .filter(g -> g.district().equals(district)
              && g.email().map(e -> e.key().equals(emailKey)).orElse(false))
          .toList();
    }
  }

  // ---- activation keys ----

  @Override
  public IssueOutcome issueKey(IssueKeyCommand command) {
    Objects.requireNonNull(command, "command");
    synchronized (lock) {
      return issue(command, command.decide(holder(command.key().guardian(),
          command.countKeysSince())));
    }
  }

  /** Applies an issue decision: revoke, disable, insert, queue. */
  private IssueOutcome issue(IssueKeyCommand command, IssueOutcome decided) {
    if (decided.status() != IssueOutcome.Status.ISSUED) {
      return decided;
    }
    ActivationKeyRecord key = command.key();
    if (keys.containsKey(key.digest())) {
      throw new IllegalStateException("duplicate key digest");
    }
    if (decided.revoked() != null) {
      keys.computeIfPresent(decided.revoked(), (d, k) -> k.revoked(key.issuedAt()));
    }
    if (decided.disabledAccount() != null) {
      accounts.computeIfPresent(decided.disabledAccount(),
          (id, a) -> a.withStatus(AccountStatus.DISABLED));
    }
    keys.put(key.digest(), key);
    write(command.effects(decided));
    return decided;
  }

  /** The guardian as the key rules see it; null when there is no such guardian. */
  private @Nullable KeyHolder holder(GuardianId id, @Nullable Instant countSince) {
    Guardian guardian = guardians.get(id);
    if (guardian == null) {
      return null;
    }
    PortalAccount active = activeAccountOf(id);
    ActivationKeyRecord live = null;
    long recent = 0;
    for (ActivationKeyRecord k : keys.values()) {
      if (!k.guardian().equals(id)) {
        continue;
      }
      if (k.state() == KeyState.LIVE) {
        live = k;
      }
      if (countSince != null && !k.issuedAt().isBefore(countSince)) {
        recent++;
      }
    }
    return new KeyHolder(guardian.email().map(EmailAddress::key).orElse(null),
        guardian.signInEnabled(), active == null ? null : active.id(),
        live == null ? null : live.digest(), live == null ? null : live.expiresAt(), recent);
  }

  @Override
  public RedeemOutcome redeemKey(RedeemKeyCommand command) {
    Objects.requireNonNull(command, "command");
    PortalAccount account = command.account();
    synchronized (lock) {
      ActivationKeyRecord key = keys.get(command.digest());
      RedeemOutcome refusal = command.decide(key, holder(account.guardian(), null));
      if (refusal != null) {
        return refusal;
      }
      if (taken(account.district(), account.loginName().key(), account.guardian())) {
        return RedeemOutcome.USERNAME_TAKEN;
      }
      if (accounts.containsKey(account.id())) {
        throw new IllegalStateException("duplicate account id");
      }
      keys.put(key.digest(), key.redeemed(command.now(), account.id(), account.loginName()));
      accounts.put(account.id(), account);
      accountsByLogin.put(loginKey(account.district(), account.loginName().key()), account.id());
      write(command.effects());
      return RedeemOutcome.REDEEMED;
    }
  }

  @Override
  public List<IssueOutcome> issueFirstKeys(List<IssueKeyCommand> commands, Instant now) {
    Objects.requireNonNull(now, "now");
    List<IssueOutcome> outcomes = new ArrayList<>(commands.size());
    synchronized (lock) {
      for (IssueKeyCommand command : commands) {
        outcomes.add(issue(command, command.decideFirst(holder(command.key().guardian(),
            command.countKeysSince()), now)));
      }
    }
    return outcomes;
  }

  @Override
  public List<Guardian> guardiansAwaitingKey(DistrictId district, @Nullable GuardianId after,
      int limit, Instant now) {
    synchronized (lock) {
      return awaitingKey(district, now)
          .filter(g -> after == null || g.id().value().compareTo(after.value()) > 0)
          .sorted(Comparator.comparing(g -> g.id().value()))
          .limit(limit).toList();
    }
  }

  @Override
  public long countGuardiansAwaitingKey(DistrictId district, Instant now) {
    synchronized (lock) {
      return awaitingKey(district, now).count();
    }
  }

  private java.util.stream.Stream<Guardian> awaitingKey(DistrictId district, Instant now) {
    Set<GuardianId> withAccount = new HashSet<>();
    for (PortalAccount a : accounts.values()) {
      if (a.guardian() != null && a.status() == AccountStatus.ACTIVE) {
        withAccount.add(a.guardian());
      }
    }
    Set<GuardianId> withLiveKey = new HashSet<>();
    for (ActivationKeyRecord k : keys.values()) {
      if (k.state() == KeyState.LIVE && now.isBefore(k.expiresAt())) {
        withLiveKey.add(k.guardian());
      }
    }
    return guardians.values().stream()
        .filter(g -> g.district().equals(district) && g.email().isPresent() && g.signInEnabled()
            && !withAccount.contains(g.id()) && !withLiveKey.contains(g.id()));
  }

  @Override
  public boolean revokeLiveKey(GuardianId guardian, Instant now) {
    synchronized (lock) {
      ActivationKeyRecord live = liveKeyOf(guardian, now);
      if (live == null) {
        return false;
      }
      keys.put(live.digest(), live.revoked(now));
      return true;
    }
  }

  private ActivationKeyRecord liveKeyOf(GuardianId guardian, Instant now) {
    for (ActivationKeyRecord k : keys.values()) {
      if (k.guardian().equals(guardian) && k.state() == KeyState.LIVE
          && now.isBefore(k.expiresAt())) {
        return k;
      }
    }
    return null;
  }

  @Override
  public Optional<ActivationKeyRecord> keyByDigest(TokenDigest digest) {
    synchronized (lock) {
      return Optional.ofNullable(keys.get(digest));
    }
  }

  @Override
  public List<ActivationKeyRecord> keysOfGuardian(GuardianId guardian) {
    synchronized (lock) {
      return keys.values().stream().filter(k -> k.guardian().equals(guardian)).toList();
    }
  }

  // ---- accounts ----

  @Override
  public Optional<PortalAccount> account(AccountId id) {
    synchronized (lock) {
      return Optional.ofNullable(accounts.get(id));
    }
  }

  @Override
  public Optional<PortalAccount> accountByLoginName(DistrictId district, String loginKey) {
    synchronized (lock) {
      return Optional.ofNullable(accountsByLogin.get(loginKey(district, loginKey)))
          .map(accounts::get);
    }
  }

  @Override
  public RosterResult importAccount(PortalAccount account) {
    Objects.requireNonNull(account, "account");
    synchronized (lock) {
      if (account.guardian() != null && activeAccountOf(account.guardian()) != null) {
        return RosterResult.ACCOUNT_EXISTS;
      }
      if (taken(account.district(), account.loginName().key(), account.guardian())) {
        return RosterResult.LOGIN_NAME_TAKEN;
      }
      accounts.put(account.id(), account);
      accountsByLogin.put(loginKey(account.district(), account.loginName().key()), account.id());
      return RosterResult.APPLIED;
    }
  }

  @Override
  public RosterResult createStudentAccount(PortalAccount account, Notification credentials) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(credentials, "credentials");
    if (account.student() == null) {
      throw new IllegalArgumentException("not a student account");
    }
    synchronized (lock) {
      if (studentAccountOf(account.student()) != null) {
        return RosterResult.ACCOUNT_EXISTS;
      }
      if (taken(account.district(), account.loginName().key(), null)) {
        return RosterResult.LOGIN_NAME_TAKEN;
      }
      if (accounts.containsKey(account.id())) {
        throw new IllegalStateException("duplicate account id");
      }
      accounts.put(account.id(), account);
      accountsByLogin.put(loginKey(account.district(), account.loginName().key()), account.id());
      outboxPut(credentials);
      return RosterResult.APPLIED;
    }
  }

  @Override
  public Optional<PortalAccount> accountOfStudent(StudentId student) {
    synchronized (lock) {
      return Optional.ofNullable(studentAccountOf(student));
    }
  }

  @Override
  public Map<StudentId, PortalAccount> accountsOfStudents(Collection<StudentId> ids) {
    Set<StudentId> wanted = new HashSet<>(ids);
    synchronized (lock) {
      Map<StudentId, PortalAccount> found = new HashMap<>();
      for (PortalAccount a : accounts.values()) {
        if (a.student() != null && wanted.contains(a.student())) {
          found.put(a.student(), a);
        }
      }
      return found;
    }
  }

  @Override
  public boolean setSuspended(AccountId id, boolean suspended) {
    synchronized (lock) {
      PortalAccount account = accounts.get(id);
      AccountStatus from = suspended ? AccountStatus.ACTIVE : AccountStatus.SUSPENDED;
      if (account == null || account.status() != from) {
        return false;
      }
      // One active account per guardian: one made meanwhile keeps this one suspended.
      if (!suspended && account.guardian() != null
          && activeAccountOf(account.guardian()) != null) {
        return false;
      }
      accounts.put(id, account.withStatus(suspended ? AccountStatus.SUSPENDED
          : AccountStatus.ACTIVE));
      return true;
    }
  }

  private PortalAccount studentAccountOf(StudentId student) {
    for (PortalAccount a : accounts.values()) {
      if (student.equals(a.student())) {
        return a;
      }
    }
    return null;
  }

  @Override
  public List<PortalAccount> accountsOfGuardian(GuardianId guardian) {
    synchronized (lock) {
      return accounts.values().stream()
          .filter(a -> guardian.equals(a.guardian()))
          .sorted(Comparator.comparing(PortalAccount::createdAt)
              .thenComparing(a -> a.id().value()))
          .toList();
    }
  }

  @Override
  public Optional<PortalAccount> activeAccountOfGuardian(GuardianId guardian) {
    synchronized (lock) {
      return Optional.ofNullable(activeAccountOf(guardian));
    }
  }

  @Override
  public boolean loginNameTaken(DistrictId district, String loginKey, GuardianId self) {
    synchronized (lock) {
      return taken(district, loginKey, self);
    }
  }

  @Override
  public <R> R updateSignIn(AccountId id, SignInDecision<R> decision) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decision, "decision");
    synchronized (lock) {
      return applySignIn(accounts.get(id), decision);
    }
  }

  @Override
  public <R> R updateSignIn(DistrictId district, String loginKey, SignInDecision<R> decision) {
    Objects.requireNonNull(decision, "decision");
    synchronized (lock) {
      AccountId id = accountsByLogin.get(loginKey(district, loginKey));
      return applySignIn(id == null ? null : accounts.get(id), decision);
    }
  }

  private <R> R applySignIn(@Nullable PortalAccount account, SignInDecision<R> decision) {
    SignInUpdate<R> update = Objects.requireNonNull(decision.decide(account), "update");
    if (account != null) {
      PortalAccount next = account;
      if (update.next() != null) {
        next = next.withSignInState(update.next());
      }
      if (update.newHash() != null) {
        next = next.withPassword(update.newHash(), next.credentialVersion(),
            next.mustChangePassword());
      }
      accounts.put(next.id(), next);
    } else if (update.next() != null || update.newHash() != null) {
      throw new IllegalArgumentException("no account to write a sign-in state to");
    }
    write(update.effects());
    return update.result();
  }

  // ---- recovery and helpdesk ----

  @Override
  public boolean issueResetToken(ResetTokenRecord token, Effects effects) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(effects, "effects");
    synchronized (lock) {
      if (!accounts.containsKey(token.account())) {
        return false;
      }
      resetTokens.replaceAll((digest, t) -> t.account().equals(token.account())
          && t.state() == ResetTokenRecord.TokenState.LIVE
          ? new ResetTokenRecord(t.digest(), t.account(), t.district(), t.sentTo(),
              t.issuedAt(), t.expiresAt(), ResetTokenRecord.TokenState.SUPERSEDED, null)
          : t);
      resetTokens.put(token.digest(), token);
      write(effects);
      return true;
    }
  }

  @Override
  public Optional<ResetTokenRecord> resetToken(TokenDigest digest) {
    synchronized (lock) {
      return Optional.ofNullable(resetTokens.get(digest));
    }
  }

  @Override
  public ResetOutcome resetPassword(TokenDigest digest, PasswordHash newHash,
      ResetDecision decision) {
    Objects.requireNonNull(newHash, "newHash");
    Objects.requireNonNull(decision, "decision");
    synchronized (lock) {
      ResetTokenRecord token = resetTokens.get(digest);
      PortalAccount account = token == null ? null : accounts.get(token.account());
      ResetStep step = Objects.requireNonNull(decision.decide(token, account), "step");
      if (step.outcome() != ResetOutcome.RESET) {
        return step.outcome();
      }
      if (token == null || account == null) {
        throw new IllegalArgumentException("no token or account to reset");
      }
      resetTokens.put(digest, new ResetTokenRecord(token.digest(), token.account(),
          token.district(), token.sentTo(), token.issuedAt(), token.expiresAt(),
          ResetTokenRecord.TokenState.USED, step.at()));
      remember(account);
      account = account.withPassword(newHash, account.credentialVersion() + 1, false);
      if (step.signInState() != null) {
        account = account.withSignInState(step.signInState());
      }
      accounts.put(account.id(), account);
      write(step.effects());
      return ResetOutcome.RESET;
    }
  }

  @Override
  public boolean consume(String bucket, RateDecision decision) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(decision, "decision");
    synchronized (lock) {
      RateBucket next = decision.decide(buckets.get(bucket));
      if (next == null) {
        return false;
      }
      buckets.put(bucket, next);
      return true;
    }
  }

  @Override
  public void putVerification(CallerVerification verification, Effects effects) {
    Objects.requireNonNull(verification, "verification");
    Objects.requireNonNull(effects, "effects");
    synchronized (lock) {
      verifications.put(verification.id(), verification);
      write(effects);
    }
  }

  @Override
  public Optional<CallerVerification> verification(String id) {
    synchronized (lock) {
      return Optional.ofNullable(verifications.get(id));
    }
  }

  @Override
  public List<Guardian> searchGuardians(DistrictId district, GuardianSearch search, int max) {
    synchronized (lock) {
      Predicate<Guardian> matches = switch (search.kind()) {
        case NAME -> g -> (g.givenName() + " " + g.familyName()).toLowerCase(Locale.ROOT)
            .contains(search.text());
        case EMAIL -> g -> g.email().map(e -> e.key().equals(search.text())).orElse(false);
        case PHONE -> g -> g.phone().map(p -> p.replaceAll("[^0-9]", "").equals(search.text()))
            .orElse(false);
        case STUDENT_NUMBER -> g -> links.getOrDefault(g.id(), Map.of()).keySet().stream()
            .map(students::get)
            .anyMatch(s -> s != null && s.studentNumber().equals(search.text()));
      };
      return guardians.values().stream()
          .filter(g -> g.district().equals(district) && matches.test(g))
          .sorted(Comparator.comparing(Guardian::familyName).thenComparing(Guardian::givenName)
              .thenComparing(g -> g.id().value()))
          .limit(max)
          .toList();
    }
  }

  @Override
  public boolean changeGuardianEmail(GuardianId guardianId, EmailAddress expected,
      EmailAddress replacement, Instant now, Effects effects) {
    Objects.requireNonNull(effects, "effects");
    synchronized (lock) {
      Guardian g = guardians.get(guardianId);
      if (g == null || !g.email().map(expected::equals).orElse(false)) {
        return false;
      }
      guardians.put(guardianId, new Guardian(g.id(), g.district(), g.givenName(),
          g.familyName(), Optional.of(replacement), g.phone(), g.postalCode(),
          g.preferredLanguage()));
      for (ActivationKeyRecord existing : List.copyOf(keys.values())) {
        if (existing.guardian().equals(guardianId) && existing.state() == KeyState.LIVE) {
          keys.put(existing.digest(), existing.revoked(now));
        }
      }
      write(effects);
      return true;
    }
  }

  @Override
  public PasswordChangeOutcome changePassword(AccountId id, long expectedVersion,
      PasswordHash newHash, Instant now, Effects effects) {
    Objects.requireNonNull(newHash, "newHash");
    Objects.requireNonNull(effects, "effects");
    synchronized (lock) {
      PortalAccount account = accounts.get(id);
      if (account == null) {
        return PasswordChangeOutcome.UNKNOWN_ACCOUNT;
      }
      if (account.credentialVersion() != expectedVersion) {
        return PasswordChangeOutcome.STALE;
      }
      remember(account);
      accounts.put(id, account.withPassword(newHash, expectedVersion + 1, false));
      write(effects);
      return PasswordChangeOutcome.CHANGED;
    }
  }

  // ---- outbox ----

  @Override
  public void enqueue(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    synchronized (lock) {
      outboxPut(notification);
    }
  }

  @Override
  public List<OutboxMessage> claimDue(Instant now, int max, Duration lease) {
    synchronized (lock) {
      List<Pending> due = outbox.values().stream()
          .filter(p -> !p.parked && !p.nextAttemptAt.isAfter(now)
              && (p.leasedUntil == null || !p.leasedUntil.isAfter(now)))
          .sorted(Comparator.comparingLong(p -> p.sequence))
          .limit(max)
          .toList();
      List<OutboxMessage> claimed = new ArrayList<>(due.size());
      for (Pending p : due) {
        p.leasedUntil = now.plus(lease);
        claimed.add(p.view());
      }
      return claimed;
    }
  }

  @Override
  public List<OutboxMessage> claim(Collection<NotificationId> ids, Instant now, Duration lease) {
    Objects.requireNonNull(ids, "ids");
    synchronized (lock) {
      List<Pending> due = ids.stream().distinct().map(outbox::get)
          .filter(p -> p != null && !p.parked && !p.nextAttemptAt.isAfter(now)
              && (p.leasedUntil == null || !p.leasedUntil.isAfter(now)))
          .sorted(Comparator.comparingLong(p -> p.sequence))
          .toList();
      List<OutboxMessage> claimed = new ArrayList<>(due.size());
      for (Pending p : due) {
        p.leasedUntil = now.plus(lease);
        claimed.add(p.view());
      }
      return claimed;
    }
  }

  @Override
  public void delivered(NotificationId id) {
    synchronized (lock) {
      outbox.remove(id);
    }
  }

  @Override
  public void failed(NotificationId id, Instant retryAt, boolean park) {
    synchronized (lock) {
      Pending p = outbox.get(id);
      if (p != null) {
        p.attempts++;
        p.nextAttemptAt = retryAt;
        p.leasedUntil = null;
        p.parked = park;
      }
    }
  }

  @Override
  public List<OutboxMessage> parked(int max) {
    synchronized (lock) {
      return outbox.values().stream().filter(p -> p.parked)
          .sorted(Comparator.comparingLong(p -> p.sequence))
          .limit(max).map(Pending::view).toList();
    }
  }

  @Override
  public boolean release(NotificationId id, Instant now) {
    synchronized (lock) {
      Pending p = outbox.get(id);
      if (p == null || !p.parked) {
        return false;
      }
      p.parked = false;
      p.attempts = 0;
      p.nextAttemptAt = now;
      p.leasedUntil = null;
      return true;
    }
  }

  @Override
  public int pendingCount() {
    synchronized (lock) {
      return outbox.size();
    }
  }

  @Override
  public List<PasswordHash> previousPasswords(AccountId id, int limit) {
    synchronized (lock) {
      List<PasswordHash> previous = history.getOrDefault(id, List.of());
      return List.copyOf(previous.subList(0, Math.min(limit, previous.size())));
    }
  }

  // ---- helpers, called under the lock ----

  /** The entries of {@code all} whose keys are among {@code ids}. */
  private static <K, V> Map<K, V> present(Map<K, V> all, Collection<K> ids) {
    Map<K, V> found = new HashMap<>();
    for (K id : ids) {
      V value = all.get(id);
      if (value != null) {
        found.put(id, value);
      }
    }
    return found;
  }

  private void remember(PortalAccount account) {
    history.computeIfAbsent(account.id(), id -> new ArrayList<>()).add(0, account.passwordHash());
  }

  // ---- audit ----

  @Override
  public void record(Effects effects) {
    Objects.requireNonNull(effects, "effects");
    synchronized (lock) {
      write(effects);
    }
  }

  @Override
  public List<AuditEvent> auditTrail(DistrictId district, String subject, int max) {
    synchronized (lock) {
      List<AuditEvent> found = new ArrayList<>();
      for (int i = audit.size() - 1; i >= 0 && found.size() < max; i--) {
        AuditEvent e = audit.get(i);
        if (e.district().equals(district) && e.subject().equals(subject)) {
          found.add(e);
        }
      }
      return found;
    }
  }

  private void write(Effects effects) {
    effects.outbox().forEach(this::outboxPut);
    audit.addAll(effects.audit());
  }

  private void outboxPut(Notification notification) {
    outbox.put(notification.id(), new Pending(notification, sequence++));
  }

  private PortalAccount activeAccountOf(GuardianId guardian) {
    return accounts.values().stream()
        .filter(a -> guardian.equals(a.guardian()) && a.status() == AccountStatus.ACTIVE)
        .findFirst().orElse(null);
  }

  private boolean taken(DistrictId district, String loginKey, GuardianId self) {
    if (accountsByLogin.containsKey(loginKey(district, loginKey))) {
      return true;
    }
    Predicate<Guardian> otherWithThatEmail = g -> g.district().equals(district)
        && !g.id().equals(self)
        && g.email().map(e -> e.key().equals(loginKey)).orElse(false);
    return guardians.values().stream().anyMatch(otherWithThatEmail);
  }

  private static String loginKey(DistrictId district, String loginKey) {
    return district.value() + '\u0000' + loginKey;
  }

  /** An outbox entry; mutable, guarded by the store's lock. */
  private static final class Pending {
    final Notification notification;
    final long sequence;
    int attempts;
    Instant nextAttemptAt;
    Instant leasedUntil;
    boolean parked;

    Pending(Notification notification, long sequence) {
      this.notification = notification;
      this.sequence = sequence;
      this.nextAttemptAt = notification.createdAt();
    }

    OutboxMessage view() {
      return new OutboxMessage(notification, attempts, nextAttemptAt, parked);
    }
  }
}
