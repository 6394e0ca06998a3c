package dev.latchkey.internal;

import dev.latchkey.activation.IssueResult;
import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventType;
import dev.latchkey.signin.Lockout;
import dev.latchkey.spi.AccountStore.SignInUpdate;
import dev.latchkey.spi.Effects;
import dev.latchkey.helpdesk.Agent;
import dev.latchkey.helpdesk.CallerAnswers;
import dev.latchkey.helpdesk.GuardianFile;
import dev.latchkey.helpdesk.Helpdesk;
import dev.latchkey.helpdesk.HelpdeskResult;
import dev.latchkey.helpdesk.VerificationPolicy;
import dev.latchkey.helpdesk.VerificationResult;
import dev.latchkey.notify.Notification;
import dev.latchkey.model.CallerVerification;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.EmailAddress;
import dev.latchkey.model.Guardian;
import dev.latchkey.roster.StudentAccess;
import dev.latchkey.model.GuardianId;
import dev.latchkey.model.GuardianLink;
import dev.latchkey.model.PortalAccount;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Student;
import dev.latchkey.spi.GuardianSearch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The helpdesk's tools, each audited under the agent who used it (S25–S27). */
public final class HelpdeskService implements Helpdesk {
  private static final int MAX_FOUND = 50;
  private static final RequestContext CONSOLE = RequestContext.of("helpdesk", "agent console");

  private final Deps deps;
  private final VerificationPolicy policy;
  private final RosterService roster;
  private final ActivationService activation;
  private final RecoveryService recovery;
  private final Messages messages;

  public HelpdeskService(Deps deps, VerificationPolicy policy, RosterService roster,
      ActivationService activation, RecoveryService recovery) {
    this.deps = deps;
    this.policy = policy;
    this.roster = roster;
    this.activation = activation;
    this.recovery = recovery;
    this.messages = new Messages(deps);
  }

  @Override
  public List<Guardian> find(Agent agent, DistrictId district, String query) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(district, "district");
    if (query == null || query.isBlank() || query.length() > 200) {
      return List.of();
    }
    String q = query.strip();
    List<GuardianSearch> searches = new ArrayList<>();
    searches.add(new GuardianSearch(GuardianSearch.Kind.STUDENT_NUMBER, q));
    EmailAddress.parse(q).ifPresent(e ->
        searches.add(new GuardianSearch(GuardianSearch.Kind.EMAIL, e.key())));
    String digits = digits(q);
    if (digits.length() >= 7 && digits.length() * 2 >= q.length()) {
      searches.add(new GuardianSearch(GuardianSearch.Kind.PHONE, digits));
    }
    if (q.codePointCount(0, q.length()) >= 2) {
      searches.add(new GuardianSearch(GuardianSearch.Kind.NAME,
          q.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")));
    }
    for (GuardianSearch search : searches) {
      List<Guardian> found = deps.store.searchGuardians(district, search, MAX_FOUND);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  @Override
  public Optional<GuardianFile> file(Agent agent, GuardianId guardianId) {
    Objects.requireNonNull(agent, "agent");
    Optional<Guardian> guardian = deps.store.guardian(Objects.requireNonNull(guardianId,
        "guardian"));
    if (guardian.isEmpty()) {
      return Optional.empty();
    }
    List<StudentAccess> students = roster.access(guardian.get());
    Instant now = deps.clock.instant();
    // The active login, or else the latest disabled one: "my account is disabled" must show.
    List<PortalAccount> all = deps.store.accountsOfGuardian(guardianId);
    Optional<PortalAccount> shown = all.stream()
        .filter(a -> a.status() == dev.latchkey.model.AccountStatus.ACTIVE).findFirst()
        .or(() -> all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1)));
    Optional<GuardianFile.AccountFacts> account = shown
        .map(a -> new GuardianFile.AccountFacts(a.status(), a.isLocked(now),
            Optional.ofNullable(a.lockedAt()), a.failedAttempts(),
            Optional.ofNullable(a.lastSignInAt()), a.createdAt()));
    List<GuardianFile.KeyHistory> keys = deps.store.keysOfGuardian(guardianId).stream()
        .map(k -> new GuardianFile.KeyHistory(k.issuedAt(), k.sentTo().value(), k.expiresAt(),
            k.state(), Optional.ofNullable(k.redeemedAt()),
            Optional.ofNullable(k.redeemedLoginName()).map(Object::toString),
            Optional.ofNullable(k.revokedAt())))
        .toList();
    return Optional.of(new GuardianFile(guardian.get(), students, account, keys));
  }

  @Override
  public VerificationResult verifyCaller(Agent agent, GuardianId guardianId,
      CallerAnswers answers) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(guardianId, "guardian");
    Objects.requireNonNull(answers, "answers");
    Instant now = deps.clock.instant();
    if (!deps.store.consume("verify:" + guardianId.value(),
        dev.latchkey.recovery.RateWindow.of(policy.window(), policy.attemptsPerGuardian())
            .at(now))) {
      return new VerificationResult.Throttled();
    }
    Optional<Guardian> guardian = deps.store.guardian(guardianId);
    int correct = guardian.map(g -> correctAnswers(g, answers)).orElse(0);
    DistrictId district = guardian.map(Guardian::district).orElse(null);
    if (correct < policy.correctRequired()) {
      if (district != null) {
        // Which answers failed is never recorded or returned (S26).
        deps.audit(AuditEventType.CALLER_NOT_VERIFIED, district, actor(agent),
            "guardian:" + guardianId, CONSOLE, "NOT_VERIFIED",
            Map.of("answered", Integer.toString(answers.answered())));
      }
      return new VerificationResult.NotVerified();
    }
    CallerVerification verification = new CallerVerification(
        "v-" + Ids.randomText(deps.random, 16), guardianId, agent.name(), now,
        now.plus(policy.life()));
    Effects verified = Effects.of(deps.event(AuditEventType.CALLER_VERIFIED, district,
        actor(agent), "guardian:" + guardianId, CONSOLE, "VERIFIED",
        Map.of("answered", Integer.toString(answers.answered()))));
    deps.store.putVerification(verification, verified);
    deps.published(verified);
    return new VerificationResult.Verified(verification.id(), verification.expiresAt());
  }

  private int correctAnswers(Guardian guardian, CallerAnswers answers) {
    List<Student> linked = deps.store.linksOfGuardian(guardian.id()).stream()
        .map(l -> deps.store.student(l.student()))
        .flatMap(Optional::stream)
        .toList();
    int correct = 0;
    if (answers.studentBirthDate().isPresent() && linked.stream().anyMatch(s ->
        s.dateOfBirth().equals(answers.studentBirthDate()))) {
      correct++;
    }
    if (answers.studentNumber().map(HelpdeskService::plain).filter(n -> !n.isEmpty())
        .map(n -> linked.stream().anyMatch(s -> plain(s.studentNumber()).equals(n)))
        .orElse(false)) {
      correct++;
    }
    if (answers.postalCode().map(HelpdeskService::plain).filter(p -> !p.isEmpty())
        .map(p -> guardian.postalCode().map(HelpdeskService::plain).map(p::equals).orElse(false))
        .orElse(false)) {
      correct++;
    }
    if (answers.phone().map(HelpdeskService::lastTenDigits).filter(p -> p.length() >= 7)
        .map(p -> guardian.phone().map(HelpdeskService::lastTenDigits).map(p::equals)
            .orElse(false))
        .orElse(false)) {
      correct++;
    }
    return correct;
  }

  @Override
  public HelpdeskResult readLoginName(Agent agent, GuardianId guardian, String verificationId,
      String reason) {
    return privileged(agent, guardian, verificationId, reason, "LOGIN_NAME_READ",
        (g, d, audited) -> {
      Optional<PortalAccount> account = deps.store.activeAccountOfGuardian(g.id());
      if (account.isEmpty()) {
        return new HelpdeskResult.Refused(HelpdeskResult.Code.NO_ACCOUNT);
      }
      Effects read = audited.and(g.email()
          .map(to -> messages.helpdeskAction(d, g, to, "LOGIN_NAME_READ", deps.clock.instant()))
          .orElse(null));
      deps.record(read);
      deps.deliver(read);
      return new HelpdeskResult.Done(Optional.of(account.get().loginName().value()));
    });
  }

  @Override
  public HelpdeskResult sendPasswordReset(Agent agent, GuardianId guardian,
      String verificationId, String reason) {
    return privileged(agent, guardian, verificationId, reason, "RESET_SENT",
        thenAudited((g, d) -> {
      Optional<PortalAccount> account = deps.store.activeAccountOfGuardian(g.id());
      if (account.isEmpty()) {
        return new HelpdeskResult.Refused(HelpdeskResult.Code.NO_ACCOUNT);
      }
      if (g.email().isEmpty()) {
        return new HelpdeskResult.Refused(HelpdeskResult.Code.NO_EMAIL);
      }
      return recovery.sendReset(account.get(), false, actor(agent), CONSOLE)
          ? done() : new HelpdeskResult.Refused(HelpdeskResult.Code.CONFLICT);
    }));
  }

  @Override
  public HelpdeskResult unlock(Agent agent, GuardianId guardian, String verificationId,
      String reason) {
    return privileged(agent, guardian, verificationId, reason, "UNLOCKED", (g, d, audited) -> {
      Optional<PortalAccount> account = deps.store.activeAccountOfGuardian(g.id());
      if (account.isEmpty()) {
        return new HelpdeskResult.Refused(HelpdeskResult.Code.NO_ACCOUNT);
      }
      Effects effects = audited.and(g.email()
          .map(to -> messages.helpdeskAction(d, g, to, "UNLOCKED", deps.clock.instant()))
          .orElse(null));
      boolean known = deps.updateSignIn(account.get().id(), found -> found == null
          ? SignInUpdate.unchanged(false, Effects.none())
          : new SignInUpdate<>(true, Lockout.unlock(found.signInState()), null, effects));
      if (!known) {
        return new HelpdeskResult.Refused(HelpdeskResult.Code.NO_ACCOUNT);
      }
      deps.deliver(effects);
      return done();
    });
  }

  @Override
  public HelpdeskResult changeEmail(Agent agent, GuardianId guardian, String verificationId,
      String newEmail, String reason) {
    return privileged(agent, guardian, verificationId, reason, "EMAIL_CHANGED",
        (g, d, audited) -> {
      Optional<EmailAddress> replacement = EmailAddress.parse(newEmail);
      if (replacement.isEmpty()) {
        return new HelpdeskResult.Refused(HelpdeskResult.Code.INVALID_EMAIL);
      }
      if (g.email().isEmpty()) {
        return new HelpdeskResult.Refused(HelpdeskResult.Code.NO_EMAIL);
      }
      Instant now = deps.clock.instant();
      EmailAddress old = g.email().get();
      Effects effects = audited.and(messages.helpdeskAction(d, g, old, "EMAIL_CHANGED", now))
          .and(messages.helpdeskAction(d, g, replacement.get(), "EMAIL_CHANGED", now));
      boolean changed = deps.store.changeGuardianEmail(g.id(), old, replacement.get(), now,
          effects);
      if (changed) {
        deps.published(effects);
        deps.deliver(effects);
      }
      return changed ? done() : new HelpdeskResult.Refused(HelpdeskResult.Code.CONFLICT);
    });
  }

  @Override
  public HelpdeskResult resetActivation(Agent agent, GuardianId guardian, String verificationId,
      String reason) {
    return privileged(agent, guardian, verificationId, reason, "ACTIVATION_RESET",
        thenAudited((g, d) -> fromIssue(activation.issue(g.id(), true, null, actor(agent),
            CONSOLE))));
  }

  @Override
  public HelpdeskResult issueKey(Agent agent, GuardianId guardian, String reason) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(guardian, "guardian");
    HelpdeskResult result = fromIssue(activation.issue(guardian, false, null, actor(agent),
        CONSOLE));
    if (result instanceof HelpdeskResult.Done) {
      deps.store.guardian(guardian).ifPresent(g -> deps.record(Effects.of(
          actionEvent(agent, g, "KEY_ISSUED", reason))));
    }
    return result;
  }

  /**
   * A privileged action. One that changes state in a single store step writes {@code audited},
   * the helpdesk's record of it, in that step; one that does not is {@link #thenAudited}.
   */
  @FunctionalInterface
  private interface Action {
    HelpdeskResult run(Guardian guardian, District district, Effects audited);
  }

  /** An action whose own steps cannot carry the helpdesk's record: written right after it. */
  private Action thenAudited(java.util.function.BiFunction<Guardian, District, HelpdeskResult>
      action) {
    return (g, d, audited) -> {
      HelpdeskResult result = action.apply(g, d);
      if (result instanceof HelpdeskResult.Done) {
        deps.record(audited);
      }
      return result;
    };
  }

  /**
   * Runs a privileged action only under a fresh verification of this guardian by this agent
   * (S26), then audits it with the reason (S27). The owner's notice is the action's own.
   */
  private HelpdeskResult privileged(Agent agent, GuardianId guardianId, String verificationId,
      String reason, String name, Action action) {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(guardianId, "guardian");
    Instant now = deps.clock.instant();
    boolean verified = verificationId != null && verificationId.length() <= 64
        && deps.store.verification(verificationId)
            .map(v -> v.authorises(guardianId, agent.name(), now))
            .orElse(false);
    if (!verified) {
      return new HelpdeskResult.Refused(HelpdeskResult.Code.NOT_VERIFIED);
    }
    Optional<Guardian> guardian = deps.store.guardian(guardianId);
    if (guardian.isEmpty()) {
      return new HelpdeskResult.Refused(HelpdeskResult.Code.UNKNOWN_GUARDIAN);
    }
    District district = deps.store.district(guardian.get().district()).orElseThrow();
    HelpdeskResult result = action.run(guardian.get(), district,
        Effects.of(actionEvent(agent, guardian.get(), name, reason)));
    return result;
  }

  private AuditEvent actionEvent(Agent agent, Guardian guardian, String action, String reason) {
    Map<String, String> details = new HashMap<>();
    details.put("action", action);
    details.put("reason", reason == null ? "" : reason.strip());
    return deps.event(AuditEventType.HELPDESK_ACTION, guardian.district(), actor(agent),
        "guardian:" + guardian.id(), CONSOLE, "DONE", details);
  }

  private static HelpdeskResult fromIssue(IssueResult issued) {
    switch (issued.code()) {
      case ISSUED:
        return done();
      case ACCOUNT_EXISTS:
        return new HelpdeskResult.Refused(HelpdeskResult.Code.ACCOUNT_EXISTS);
      case NO_EMAIL:
        return new HelpdeskResult.Refused(HelpdeskResult.Code.NO_EMAIL);
      case UNKNOWN_GUARDIAN:
      default:
        return new HelpdeskResult.Refused(HelpdeskResult.Code.UNKNOWN_GUARDIAN);
    }
  }

  private static HelpdeskResult done() {
    return new HelpdeskResult.Done(Optional.empty());
  }

  private static String actor(Agent agent) {
    return "agent:" + agent.name();
  }

  private static String plain(String text) {
    return text.toUpperCase(Locale.ROOT).codePoints()
        .filter(Character::isLetterOrDigit)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static String digits(String text) {
    return text.chars().filter(c -> c >= '0' && c <= '9')
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static String lastTenDigits(String phone) {
    String d = digits(phone);
    return d.length() > 10 ? d.substring(d.length() - 10) : d;
  }
}
