package dev.latchkey.examples.portal;

import dev.latchkey.Latchkey;
import dev.latchkey.account.PasswordChangeResult;
import dev.latchkey.activation.RedeemCode;
import dev.latchkey.activation.RedeemResult;
import dev.latchkey.activation.Redemption;
import dev.latchkey.activation.ResendResult;
import dev.latchkey.directory.DistrictListing;
import dev.latchkey.examples.portal.WebSessions.Session;
import dev.latchkey.mail.RenderedMessage;
import dev.latchkey.model.AccountView;
import dev.latchkey.model.District;
import dev.latchkey.model.DistrictId;
import dev.latchkey.model.RequestContext;
import dev.latchkey.model.Role;
import dev.latchkey.model.SecretText;
import dev.latchkey.model.Student;
import dev.latchkey.notify.Notification;
import dev.latchkey.password.PasswordContext;
import dev.latchkey.password.Strength;
import dev.latchkey.password.StrengthSuggestion;
import dev.latchkey.recovery.RecoveryAnswer;
import dev.latchkey.recovery.ResetCode;
import dev.latchkey.recovery.ResetResult;
import dev.latchkey.signin.Credentials;
import dev.latchkey.signin.SignInResult;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's pages, the FAQ's screens. Each handler reads the form, asks the facade, and shows
 * the answer in words ({@link Wording}); none decides anything itself. Passwords and keys are
 * never written back into a page or a log line.
 */
final class PortalWeb {
  private static final Logger LOG = LoggerFactory.getLogger(PortalWeb.class);
  private static final String SESSION = "session";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a z", Locale.US);
  private static final Map<String, String> STATIC = Map.of(
      "portal.css", "text/css; charset=utf-8",
      "strength.js", "text/javascript; charset=utf-8");

  private final Latchkey latchkey;
  private final DistrictId districtId;
  private final Optional<DevMailbox> mailbox;
  private final Clock clock;
  private final WebSessions sessions;
  private final Views views = new Views();
  private final HelpdeskConsole helpdesk;

  PortalWeb(Latchkey latchkey, DistrictId districtId, Optional<DevMailbox> mailbox,
      String agentPasscode, Clock clock, SecureRandom random) {
    this.latchkey = Objects.requireNonNull(latchkey, "latchkey");
    this.districtId = Objects.requireNonNull(districtId, "districtId");
    this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sessions = new WebSessions(random, clock);
    this.helpdesk = new HelpdeskConsole(this, latchkey, districtId, agentPasscode, sessions);
  }

  Javalin create() {
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = 64 * 1024;
      var routes = config.routes;
      routes.before(this::beforeEveryRequest);

      routes.get("/", ctx -> ctx.redirect(signedIn(ctx).isPresent() ? "/home" : "/signin"));
      routes.get("/static/{name}", this::staticFile);
      routes.get("/signin", ctx -> signInPage(ctx, null, ""));
      routes.post("/signin", this::signIn);
      routes.post("/signout", this::signOut);

      routes.get("/new-user", ctx -> keyPage(ctx, null));
      routes.post("/new-user", this::takeKey);
      routes.get("/new-user/login", ctx -> createLoginPage(ctx, null, List.of(), List.of(), ""));
      routes.post("/new-user/login", this::createLogin);

      routes.get("/forgot-password", ctx -> recoveryPage(ctx, "forgot-password", null));
      routes.post("/forgot-password", this::forgotPassword);
      routes.get("/forgot-username", ctx -> recoveryPage(ctx, "forgot-username", null));
      routes.post("/forgot-username", this::forgotUsername);
      routes.get("/lost-key", ctx -> recoveryPage(ctx, "lost-key", null));
      routes.post("/lost-key", this::lostKey);
      routes.get("/reset", this::resetPage);
      routes.post("/reset/code", this::takeResetCode);
      routes.post("/reset", this::reset);

      routes.get("/home", this::home);
      routes.get("/account", this::accountSettings);
      routes.get("/account/password", ctx -> passwordPage(ctx, null, List.of()));
      routes.post("/account/password", this::changePassword);
      routes.post("/api/strength", this::strength);

      routes.get("/help", this::help);
      routes.get("/districts", this::districts);

      helpdesk.routes(routes);

      if (mailbox.isPresent()) {
        routes.get("/dev/mailbox", this::devMailbox);
      }

      routes.exception(Exception.class, (e, ctx) -> {
        // The type only: an exception's message may quote what a user typed.
        LOG.error("request to {} failed: {}", ctx.path(), e.getClass().getName());
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
        html(ctx, page(ctx, "message", "Something went wrong", model(
            "heading", "Something went wrong",
            "text", "The portal could not finish that. Please try again in a moment.")));
      });
      routes.error(404, ctx -> html(ctx, page(ctx, "message", "Page not found", model(
          "heading", "Page not found", "text", "There is no page at this address."))));
    });
  }

  // ---- every request ----

  private void beforeEveryRequest(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
        + "style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        + "base-uri 'none'");
    if (ctx.path().startsWith("/static/")) {
      return;
    }
    ctx.header("Cache-Control", "no-store");
    Session session = sessions.require(ctx);
    ctx.attribute(SESSION, session);
    if (ctx.method() == HandlerType.POST) {
      String sent = Optional.ofNullable(ctx.header(WebSessions.CSRF_HEADER))
          .orElseGet(() -> ctx.formParam(WebSessions.CSRF_FIELD));
      if (!WebSessions.csrfMatches(session, sent)) {
        ctx.status(HttpStatus.FORBIDDEN);
        html(ctx, page(ctx, "message", "Please try again", model(
            "heading", "This form has expired",
            "text", "Go back, reload the page and try again.")));
        ctx.skipRemainingHandlers();
        return;
      }
    }
    if (session.account != null) {
      // A password change elsewhere bumps the credential version: end this session then.
      Optional<AccountView> account = latchkey.accounts().find(session.account);
      if (account.isEmpty() || account.get().credentialVersion() != session.credentialVersion) {
        Session fresh = sessions.rotate(ctx, session);
        fresh.flash = "Please sign in again.";
        ctx.attribute(SESSION, fresh);
      }
    }
  }

  Session session(Context ctx) {
    return Objects.requireNonNull(ctx.attribute(SESSION), "no session");
  }

  private Optional<AccountView> signedIn(Context ctx) {
    Session session = session(ctx);
    return session.account == null ? Optional.empty() : latchkey.accounts().find(session.account);
  }

  static RequestContext request(Context ctx) {
    return RequestContext.of(ctx.ip(), ctx.userAgent());
  }

  static String form(Context ctx, String name) {
    return Objects.requireNonNullElse(ctx.formParam(name), "");
  }

  District district() {
    return latchkey.roster().district(districtId)
        .orElseThrow(() -> new IllegalStateException("the portal's district is not on the roster"));
  }

  String page(Context ctx, String template, String title, Map<String, Object> model) {
    Session session = ctx.attribute(SESSION);
    Map<String, Object> layout = new HashMap<>();
    layout.put("title", title);
    layout.put("districtName", latchkey.roster().district(districtId).map(District::name)
        .orElse("Parent Portal"));
    layout.put("demo", mailbox.isPresent());
    if (session != null) {
      layout.put("csrf", session.csrf);
      layout.put("flash", session.takeFlash());
      layout.put("agent", session.agent);
      if (session.account != null) {
        latchkey.accounts().find(session.account)
            .ifPresent(a -> layout.put("loginName", a.loginName().value()));
      }
    }
    model.put("csrf", session == null ? "" : session.csrf);
    return views.page(template, model, layout);
  }

  static void html(Context ctx, String page) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  static Map<String, Object> model(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private void staticFile(Context ctx) {
    String name = ctx.pathParam("name");
    String type = STATIC.get(name);
    if (type == null) {
      ctx.status(HttpStatus.NOT_FOUND);
      return;
    }
    try (InputStream in = PortalWeb.class.getClassLoader()
        .getResourceAsStream("portal/static/" + name)) {
      ctx.contentType(type).result(Objects.requireNonNull(in, name).readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- sign-in ----

  private void signInPage(Context ctx, String error, String loginName) {
    boolean student = "student".equals(ctx.queryParam("tab"))
        || "student".equals(ctx.formParam("tab"));
    html(ctx, page(ctx, "signin", "Sign in", model(
        "student", student, "parent", !student, "tab", student ? "student" : "parent",
        "error", error, "loginName", loginName,
        "signedOut", ctx.queryParam("signedOut") != null)));
  }

  private void signIn(Context ctx) {
    String loginName = form(ctx, "loginName");
    SignInResult result = latchkey.signIn().signIn(
        new Credentials(districtId, loginName, form(ctx, "password")), request(ctx));
    Wording words = new Wording(district());
    switch (result.code()) {
      case SIGNED_IN:
        SignInResult.SignedIn signed = (SignInResult.SignedIn) result;
        Session fresh = sessions.rotate(ctx, session(ctx));
        fresh.account = signed.account().id();
        fresh.credentialVersion = signed.account().credentialVersion();
        if (signed.passwordChangeRequired()) {
          fresh.flash = "Please choose a new password before you go on.";
          ctx.redirect("/account/password", HttpStatus.SEE_OTHER);
        } else {
          ctx.redirect("/home", HttpStatus.SEE_OTHER);
        }
        return;
      case THROTTLED:
        signInPage(ctx, words.throttled(), loginName);
        return;
      default:
        signInPage(ctx, words.signInFailed(), loginName);
    }
  }

  private void signOut(Context ctx) {
    sessions.end(ctx, session(ctx));
    ctx.redirect("/signin?signedOut", HttpStatus.SEE_OTHER);
  }

  // ---- "New User?" ----

  private void keyPage(Context ctx, String error) {
    html(ctx, page(ctx, "new-user-key", "New User?", model("error", error)));
  }

  private void takeKey(Context ctx) {
    String key = form(ctx, "key").strip();
    if (key.isEmpty()) {
      keyPage(ctx, "Enter the portal activation key from your key email.");
      return;
    }
    // Kept in the session, never in the page: the next step's form does not carry the key.
    session(ctx).pendingKey = key;
    ctx.redirect("/new-user/login", HttpStatus.SEE_OTHER);
  }

  private void createLoginPage(Context ctx, String error, List<String> suggestions,
      List<String> reasons, String loginName) {
    if (session(ctx).pendingKey == null) {
      ctx.redirect("/new-user");
      return;
    }
    html(ctx, page(ctx, "new-user-login", "Create your login", model(
        "error", error, "suggestions", suggestions, "hasSuggestions", !suggestions.isEmpty(),
        "reasons", reasons, "loginName", loginName,
        "minLength", latchkey.passwords().policy().minLength())));
  }

  private void createLogin(Context ctx) {
    Session session = session(ctx);
    String key = session.pendingKey;
    if (key == null) {
      ctx.redirect("/new-user", HttpStatus.SEE_OTHER);
      return;
    }
    String loginName = form(ctx, "loginName");
    RedeemResult result = latchkey.activation().redeem(new Redemption(key, loginName,
        form(ctx, "password"), form(ctx, "confirmation")), request(ctx));
    Wording words = new Wording(district());
    RedeemCode code = result.code();
    if (code == RedeemCode.REDEEMED) {
      session.pendingKey = null;
      session.flash = "Your login " + ((RedeemResult.Redeemed) result).account().loginName()
          .value() + " was created. Sign in with it below.";
      ctx.redirect("/signin", HttpStatus.SEE_OTHER);
      return;
    }
    if (Wording.aboutTheKey(code)) {
      session.pendingKey = null;
      keyPage(ctx, words.redeem(code));
      return;
    }
    RedeemResult.Rejected rejected = (RedeemResult.Rejected) result;
    createLoginPage(ctx, words.redeem(code), rejected.suggestions(),
        Wording.rejections(rejected.passwordRejections()), loginName);
  }

  // ---- recovery ----

  private void recoveryPage(Context ctx, String which, String message) {
    html(ctx, page(ctx, which, title(which), model("message", message)));
  }

  private static String title(String which) {
    switch (which) {
      case "forgot-password":
        return "Forgot Password?";
      case "forgot-username":
        return "Forgot Username?";
      default:
        return "Lost your activation key?";
    }
  }

  private void forgotPassword(Context ctx) {
    RecoveryAnswer answer = latchkey.recovery().forgotPassword(districtId,
        form(ctx, "loginNameOrEmail"), request(ctx));
    recoveryAnswer(ctx, "forgot-password", answer, "that login name or email address",
        "Enter your login name or the email address the district has on file.");
  }

  private void forgotUsername(Context ctx) {
    RecoveryAnswer answer = latchkey.recovery().forgotUsername(districtId, form(ctx, "email"),
        request(ctx));
    recoveryAnswer(ctx, "forgot-username", answer, "that email address",
        "Enter one email address: the one the district has on file.");
  }

  private void recoveryAnswer(Context ctx, String which, RecoveryAnswer answer, String what,
      String invalid) {
    Wording words = new Wording(district());
    switch (answer) {
      case ACCEPTED:
        recoveryPage(ctx, which, words.recoveryAccepted(what));
        return;
      case THROTTLED:
        recoveryPage(ctx, which, words.throttled());
        return;
      default:
        recoveryPage(ctx, which, invalid);
    }
  }

  private void lostKey(Context ctx) {
    ResendResult answer = latchkey.activation().resend(districtId, form(ctx, "email"),
        request(ctx));
    Wording words = new Wording(district());
    switch (answer) {
      case ACCEPTED:
        recoveryPage(ctx, "lost-key", "If that email address is on file for a parent or "
            + "guardian without a login, a new key is on its way; any older key stops working. "
            + "If you already have a login, use \"Forgot Password?\" instead.");
        return;
      case THROTTLED:
        recoveryPage(ctx, "lost-key", words.throttled());
        return;
      default:
        recoveryPage(ctx, "lost-key",
            "Enter one email address: the one the district has on file.");
    }
  }

  private void resetPage(Context ctx) {
    Session session = session(ctx);
    String token = ctx.queryParam("token");
    if (token != null) {
      // Out of the address bar (and history) at once; the session keeps it.
      session.pendingResetToken = token;
      ctx.redirect("/reset");
      return;
    }
    resetForm(ctx, null, List.of());
  }

  private void takeResetCode(Context ctx) {
    String code = form(ctx, "code").strip();
    session(ctx).pendingResetToken = code.isEmpty() ? null : code;
    ctx.redirect("/reset", HttpStatus.SEE_OTHER);
  }

  private void resetForm(Context ctx, String error, List<String> reasons) {
    Session session = session(ctx);
    if (session.pendingResetToken == null) {
      html(ctx, page(ctx, "reset-code", "Reset your password", model()));
      return;
    }
    ResetCode check = latchkey.recovery().checkResetToken(session.pendingResetToken);
    if (check != ResetCode.VALID) {
      session.pendingResetToken = null;
      html(ctx, page(ctx, "reset-code", "Reset your password",
          model("error", new Wording(district()).reset(check))));
      return;
    }
    html(ctx, page(ctx, "reset", "Reset your password", model("error", error,
        "reasons", reasons, "minLength", latchkey.passwords().policy().minLength())));
  }

  private void reset(Context ctx) {
    Session session = session(ctx);
    if (session.pendingResetToken == null) {
      ctx.redirect("/reset", HttpStatus.SEE_OTHER);
      return;
    }
    ResetResult result = latchkey.recovery().resetPassword(session.pendingResetToken,
        form(ctx, "password"), form(ctx, "confirmation"), request(ctx));
    Wording words = new Wording(district());
    if (result.code() == ResetCode.VALID) {
      session.pendingResetToken = null;
      session.flash = words.reset(ResetCode.VALID);
      ctx.redirect("/signin", HttpStatus.SEE_OTHER);
      return;
    }
    ResetResult.Rejected rejected = (ResetResult.Rejected) result;
    resetForm(ctx, words.reset(result.code()),
        Wording.rejections(rejected.passwordRejections()));
  }

  // ---- signed in ----

  private Optional<AccountView> requireSignedIn(Context ctx) {
    Optional<AccountView> account = signedIn(ctx);
    if (account.isEmpty()) {
      session(ctx).flash = "Please sign in first.";
      ctx.redirect("/signin");
    }
    return account;
  }

  private void home(Context ctx) {
    Optional<AccountView> signed = requireSignedIn(ctx);
    if (signed.isEmpty()) {
      return;
    }
    AccountView account = signed.get();
    List<Student> students = new ArrayList<>();
    account.guardian().ifPresent(g -> students.addAll(latchkey.roster().visibleStudents(g)));
    account.student().flatMap(s -> latchkey.roster().student(s)).ifPresent(students::add);
    List<Map<String, Object>> rows = students.stream().map(s -> model(
        "name", s.displayName(), "grade", s.grade().toString(), "school", s.school(),
        "number", s.studentNumber())).collect(Collectors.toList());
    String name = account.guardian().flatMap(g -> latchkey.roster().guardian(g))
        .map(g -> g.displayName()).orElse(account.loginName().value());
    html(ctx, page(ctx, "home", "Home", model("name", name, "students", rows,
        "none", rows.isEmpty(), "guardian", account.role() == Role.GUARDIAN)));
  }

  private void accountSettings(Context ctx) {
    Optional<AccountView> account = requireSignedIn(ctx);
    if (account.isPresent()) {
      html(ctx, page(ctx, "account", "Account Settings",
          model("account", account.get().loginName().value())));
    }
  }

  private void passwordPage(Context ctx, String error, List<String> reasons) {
    if (requireSignedIn(ctx).isPresent()) {
      html(ctx, page(ctx, "password", "Update Password", model("error", error,
          "reasons", reasons, "minLength", latchkey.passwords().policy().minLength())));
    }
  }

  private void changePassword(Context ctx) {
    Optional<AccountView> account = requireSignedIn(ctx);
    if (account.isEmpty()) {
      return;
    }
    PasswordChangeResult result = latchkey.accounts().changePassword(account.get().id(),
        form(ctx, "current"), form(ctx, "password"), form(ctx, "confirmation"), request(ctx));
    Wording words = new Wording(district());
    if (result instanceof PasswordChangeResult.Changed changed) {
      Session session = session(ctx);
      session.credentialVersion = changed.credentialVersion();
      session.flash = words.change(result.code());
      ctx.redirect("/account", HttpStatus.SEE_OTHER);
      return;
    }
    PasswordChangeResult.Rejected rejected = (PasswordChangeResult.Rejected) result;
    passwordPage(ctx, words.change(result.code()),
        Wording.rejections(rejected.passwordRejections()));
  }

  /** The meter's endpoint: the library's estimate of what is typed so far, as JSON. */
  private void strength(Context ctx) {
    Session session = session(ctx);
    PasswordContext context = session.account == null ? PasswordContext.empty()
        : latchkey.passwords().contextOf(session.account);
    Strength strength = latchkey.passwords().strength(form(ctx, "password"), context);
    String suggestions = strength.suggestions().stream()
        .map(StrengthSuggestion::message).map(PortalWeb::json)
        .collect(Collectors.joining(",", "[", "]"));
    ctx.contentType("application/json").result("{\"percent\":" + strength.percent()
        + ",\"score\":" + strength.score()
        + ",\"warning\":" + json(strength.warning().message())
        + ",\"suggestions\":" + suggestions + "}");
  }

  static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  // ---- help and district search ----

  private void help(Context ctx) {
    District district = district();
    Instant now = clock.instant();
    boolean open = latchkey.schedule().isOpen(districtId, now);
    html(ctx, page(ctx, "help", "Help", model(
        "email", district.helpdeskEmail().value(), "phone", district.helpdeskPhone(),
        "hours", latchkey.schedule().of(districtId).summary(),
        "open", open, "closed", !open,
        "nextOpening", when(latchkey.schedule().nextOpening(districtId, now), district),
        "responseDueBy", when(latchkey.schedule().responseDueBy(districtId, now), district))));
  }

  Instant now() {
    return clock.instant();
  }

  String when(Instant instant, District district) {
    return WHEN.format(ZonedDateTime.ofInstant(instant, district.timeZone()));
  }

  private void districts(Context ctx) {
    String query = Objects.requireNonNullElse(ctx.queryParam("q"), "");
    String state = Objects.requireNonNullElse(ctx.queryParam("state"), "");
    boolean searched = ctx.queryParam("q") != null;
    List<Map<String, Object>> results = new ArrayList<>();
    if (searched) {
      for (DistrictListing listing : latchkey.directory().search(query, state)) {
        results.add(model("name", listing.displayName(), "state", listing.state(),
            "email", listing.helpdeskEmail().value(), "phone", listing.helpdeskPhone(),
            "hours", listing.hoursSummary(), "here", listing.id().equals(districtId)));
      }
    }
    html(ctx, page(ctx, "districts", "Find your district", model("q", query, "state", state,
        "searched", searched, "results", results, "none", searched && results.isEmpty())));
  }

  // ---- the development mailbox (demo mode only) ----

  private void devMailbox(Context ctx) {
    DevMailbox box = mailbox.orElseThrow();
    District district = district();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Notification n : box.newestFirst()) {
      Optional<RenderedMessage> rendered = box.render(n);
      rows.add(model("type", n.type().name(), "to", n.recipient().value(),
          "at", when(n.createdAt(), district),
          "subject", rendered.map(RenderedMessage::subject).orElse(n.type().name()),
          "text", rendered.map(RenderedMessage::text).orElse(n.fields().toString()),
          "secret", n.secret().map(SecretText::reveal).orElse(null)));
    }
    html(ctx, page(ctx, "mailbox", "Development mailbox", model("messages", rows,
        "empty", rows.isEmpty(), "agentPasscode", helpdesk.passcode())));
  }
}
