package dev.latchkey.examples.portal;

import static dev.latchkey.examples.portal.PortalWeb.form;
import static dev.latchkey.examples.portal.PortalWeb.model;

import dev.latchkey.Latchkey;
import dev.latchkey.examples.portal.WebSessions.Session;
import dev.latchkey.examples.portal.WebSessions.Verification;
import dev.latchkey.helpdesk.Agent;
import dev.latchkey.helpdesk.CallerAnswers;
import dev.latchkey.helpdesk.GuardianFile;
import dev.latchkey.roster.StudentAccess;
import dev.latchkey.helpdesk.HelpdeskResult;
import dev.latchkey.helpdesk.VerificationResult;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.Guardian;
import dev.latchkey.model.GuardianId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The helpdesk's console: find a guardian, see the file (students, login state, key history),
 * verify the caller, then act. Latchkey does not authenticate agents; the host does — here, for
 * the demo, with a name and a passcode printed at start-up — and passes each as an
 * {@link Agent}, under whom the library audits every action.
 */
final class HelpdeskConsole {
  private final PortalWeb web;
  private final Latchkey latchkey;
  private final DistrictId districtId;
  private final String passcode;
  private final WebSessions sessions;

  HelpdeskConsole(PortalWeb web, Latchkey latchkey, DistrictId districtId, String passcode,
      WebSessions sessions) {
    this.web = web;
    this.latchkey = latchkey;
    this.districtId = districtId;
    this.passcode = passcode;
    this.sessions = sessions;
  }

  String passcode() {
    return passcode;
  }

  void routes(RoutesConfig routes) {
    routes.get("/helpdesk", this::console);
    routes.post("/helpdesk/signin", this::signIn);
    routes.post("/helpdesk/signout", this::signOut);
    routes.get("/helpdesk/guardians/{id}", this::file);
    routes.post("/helpdesk/guardians/{id}/verify", this::verify);
    routes.post("/helpdesk/guardians/{id}/{action}", this::act);
  }

  private Optional<Agent> agent(Context ctx) {
    Session session = web.session(ctx);
    if (session.agent == null) {
      ctx.redirect("/helpdesk");
      return Optional.empty();
    }
    return Optional.of(Agent.of(session.agent));
  }

  private void console(Context ctx) {
    Session session = web.session(ctx);
    if (session.agent == null) {
      PortalWeb.html(ctx, web.page(ctx, "helpdesk-signin", "Helpdesk console", model(
          "enabled", !passcode.isEmpty())));
      return;
    }
    String query = ctx.queryParam("q");
    List<Map<String, Object>> found = new ArrayList<>();
    if (query != null && !query.isBlank()) {
      for (Guardian g : latchkey.helpdesk().find(Agent.of(session.agent), districtId, query)) {
        found.add(model("id", g.id().value(), "name", g.displayName(),
            "email", g.email().map(e -> e.value()).orElse("(none on file)")));
      }
    }
    PortalWeb.html(ctx, web.page(ctx, "helpdesk", "Helpdesk console", model("q", query, "found", found,
        "searched", query != null, "none", query != null && found.isEmpty())));
  }

  private void signIn(Context ctx) {
    String name = form(ctx, "agent").strip();
    boolean ok = !passcode.isEmpty() && MessageDigest.isEqual(
        form(ctx, "passcode").getBytes(StandardCharsets.UTF_8),
        passcode.getBytes(StandardCharsets.UTF_8));
    if (!ok || name.isEmpty() || name.length() > 100) {
      PortalWeb.html(ctx, web.page(ctx, "helpdesk-signin", "Helpdesk console", model("enabled", true,
          "error", "Enter your name and this run's agent passcode.")));
      return;
    }
    Session fresh = sessions.rotate(ctx, web.session(ctx));
    fresh.agent = name;
    ctx.redirect("/helpdesk", HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    sessions.end(ctx, web.session(ctx));
    ctx.redirect("/helpdesk", HttpStatus.SEE_OTHER);
  }

  private static Optional<GuardianId> guardianId(Context ctx) {
    try {
      return Optional.of(GuardianId.of(ctx.pathParam("id")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void file(Context ctx) {
    Optional<Agent> agent = agent(ctx);
    if (agent.isEmpty()) {
      return;
    }
    Optional<GuardianId> id = guardianId(ctx);
    Optional<GuardianFile> file = id.flatMap(g -> latchkey.helpdesk().file(agent.get(), g));
    if (file.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND);
      PortalWeb.html(ctx, web.page(ctx, "message", "No such guardian", model("heading", "No such guardian",
          "text", "There is no guardian with that id in this district.")));
      return;
    }
    District district = web.district();
    GuardianFile f = file.get();
    List<Map<String, Object>> students = new ArrayList<>();
    for (StudentAccess s : f.students()) {
      students.add(model("name", s.student().displayName(), "grade",
          s.student().grade().toString(), "school", s.student().school(),
          "relationship", s.link().relationship().name(),
          "portalAccess", s.link().portalAccess() ? "yes" : "no",
          "visible", Wording.visibility(s.visibility()),
          "birthDate", s.birthDateMissing() ? "missing: ask the school to complete the record"
              : "on file"));
    }
    List<Map<String, Object>> keys = new ArrayList<>();
    for (GuardianFile.KeyHistory k : f.keys()) {
      keys.add(model("issuedAt", web.when(k.issuedAt(), district), "sentTo", k.sentTo(),
          "state", k.state().name(), "expiresAt", web.when(k.expiresAt(), district),
          "redeemed", k.redeemedAt().map(t -> web.when(t, district)
              + k.redeemedLoginName().map(n -> " as " + n).orElse("")).orElse(""),
          "revokedAt", k.revokedAt().map(t -> web.when(t, district)).orElse("")));
    }
    Map<String, Object> account = f.account().map(a -> model(
        "status", a.status().name(), "locked", a.locked() ? "yes" : "no",
        "failedAttempts", a.failedAttempts(),
        "lastSignInAt", a.lastSignInAt().map(t -> web.when(t, district)).orElse("never"),
        "createdAt", web.when(a.createdAt(), district))).orElse(null);
    Verification verification = web.session(ctx).verifications.get(f.guardian().id());
    boolean verified = verification != null
        && verification.expiresAt().isAfter(web.now());
    Guardian g = f.guardian();
    PortalWeb.html(ctx, web.page(ctx, "helpdesk-guardian", g.displayName(), model(
        "id", g.id().value(), "name", g.displayName(),
        "email", g.email().map(e -> e.value()).orElse("(none on file)"),
        "students", students, "keys", keys, "noKeys", keys.isEmpty(),
        "account", account, "noAccount", account == null,
        "verified", verified, "notVerified", !verified,
        "verifiedUntil", verified ? web.when(verification.expiresAt(), district) : "")));
  }

  private void verify(Context ctx) {
    Optional<Agent> agent = agent(ctx);
    Optional<GuardianId> id = guardianId(ctx);
    if (agent.isEmpty() || id.isEmpty()) {
      return;
    }
    Session session = web.session(ctx);
    Optional<LocalDate> birthDate;
    try {
      birthDate = optional(form(ctx, "birthDate")).map(LocalDate::parse);
    } catch (DateTimeParseException e) {
      session.flash = "Write the date of birth as YYYY-MM-DD.";
      back(ctx, id.get());
      return;
    }
    CallerAnswers answers = new CallerAnswers(birthDate, optional(form(ctx, "studentNumber")),
        optional(form(ctx, "postalCode")), optional(form(ctx, "phone")));
    VerificationResult result = latchkey.helpdesk().verifyCaller(agent.get(), id.get(), answers);
    if (result instanceof VerificationResult.Verified verified) {
      session.verifications.put(id.get(),
          new Verification(verified.verificationId(), verified.expiresAt()));
      session.flash = "Caller verified.";
    } else if (result instanceof VerificationResult.Throttled) {
      session.flash = "Too many verification attempts for this guardian. Try again later.";
    } else {
      session.flash = "Not verified: the answers do not match the roster.";
    }
    back(ctx, id.get());
  }

  private void act(Context ctx) {
    Optional<Agent> agent = agent(ctx);
    Optional<GuardianId> id = guardianId(ctx);
    if (agent.isEmpty() || id.isEmpty()) {
      return;
    }
    Session session = web.session(ctx);
    Verification verification = session.verifications.get(id.get());
    String verificationId = verification == null ? "" : verification.id();
    String reason = form(ctx, "reason").isBlank() ? "caller request" : form(ctx, "reason");
    HelpdeskResult result;
    String done;
    switch (ctx.pathParam("action")) {
      case "read-login":
        result = latchkey.helpdesk().readLoginName(agent.get(), id.get(), verificationId, reason);
        done = "Login name: " + (result instanceof HelpdeskResult.Done d
            ? d.loginName().orElse("") : "") + ". The owner has been told it was read out.";
        break;
      case "send-reset":
        result = latchkey.helpdesk().sendPasswordReset(agent.get(), id.get(), verificationId,
            reason);
        done = "A reset link was sent to the address on file.";
        break;
      case "unlock":
        result = latchkey.helpdesk().unlock(agent.get(), id.get(), verificationId, reason);
        done = "The account is unlocked.";
        break;
      case "issue-key":
        result = latchkey.helpdesk().issueKey(agent.get(), id.get(), reason);
        done = "A new activation key was sent to the address on file; any older key stops "
            + "working.";
        break;
      case "reset-activation":
        result = latchkey.helpdesk().resetActivation(agent.get(), id.get(), verificationId,
            reason);
        done = "The login made with the misused key is disabled and a new key was sent to the "
            + "address on file.";
        break;
      default:
        ctx.status(HttpStatus.NOT_FOUND);
        return;
    }
    session.flash = result.code() == HelpdeskResult.Code.DONE ? done : refused(result.code());
    back(ctx, id.get());
  }

  private static String refused(HelpdeskResult.Code code) {
    switch (code) {
      case NOT_VERIFIED:
        return "Verify the caller first (or again: a verification lasts a few minutes).";
      case UNKNOWN_GUARDIAN:
        return "There is no such guardian.";
      case NO_ACCOUNT:
        return "This guardian has no login yet: issue a key instead.";
      case NO_EMAIL:
        return "There is no email on file for this guardian.";
      case INVALID_EMAIL:
        return "That is not one email address.";
      case ACCOUNT_EXISTS:
        return "This guardian already has a login. If someone else used the key, reset the "
            + "activation instead.";
      case CONFLICT:
        return "The record changed meanwhile. Look again and retry.";
      default:
        return code.name();
    }
  }

  private static Optional<String> optional(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static void back(Context ctx, GuardianId id) {
    ctx.redirect("/helpdesk/guardians/" + id.value(), HttpStatus.SEE_OTHER);
  }
}
