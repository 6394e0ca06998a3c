package dev.latchkey.examples.portal;

import dev.latchkey.model.AccountId;
import dev.latchkey.model.GuardianId;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's own sessions: a random id in an HttpOnly, SameSite=Lax cookie, the state in
 * memory, a CSRF token per session, a new id at every sign-in and sign-out. This is the host's
 * part, not Latchkey's: the library hands back an account and a credential version, and the
 * host keeps its sessions however it likes.
 */
final class WebSessions {
  static final String COOKIE = "lk_portal";
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Duration IDLE = Duration.ofMinutes(30);

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random;
  private final Clock clock;

  WebSessions(SecureRandom random, Clock clock) {
    this.random = random;
    this.clock = clock;
  }

  /** What the portal remembers between requests of one browser. */
  static final class Session {
    final String id;
    final String csrf;
    volatile Instant lastSeen;
    volatile AccountId account;
    volatile long credentialVersion;
    volatile String agent;
    /** The key typed on "New User?" step 1, kept here so no page ever echoes it. */
    volatile String pendingKey;
    /** The reset token from the emailed link, kept here so it leaves the address bar. */
    volatile String pendingResetToken;
    volatile String flash;
    /** The helpdesk's fresh caller verifications, by guardian. */
    final Map<GuardianId, Verification> verifications = new ConcurrentHashMap<>();

    Session(String id, String csrf, Instant now) {
      this.id = id;
      this.csrf = csrf;
      this.lastSeen = now;
    }

    /** The flash message, once. */
    String takeFlash() {
      String message = flash;
      flash = null;
      return message;
    }
  }

  /** A verification the agent's console holds for a call. */
  record Verification(String id, Instant expiresAt) {
  }

  /** The browser's session, if it has a live one. */
  Optional<Session> current(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    Instant now = clock.instant();
    if (session == null) {
      return Optional.empty();
    }
    if (session.lastSeen.plus(IDLE).isBefore(now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    session.lastSeen = now;
    return Optional.of(session);
  }

  /** The browser's session, made now if it has none. */
  Session require(Context ctx) {
    return current(ctx).orElseGet(() -> create(ctx));
  }

  /** A fresh session in place of {@code old}: at every change of who is signed in. */
  Session rotate(Context ctx, Session old) {
    sessions.remove(old.id);
    return create(ctx);
  }

  /** Ends the session and clears the cookie. */
  void end(Context ctx, Session session) {
    sessions.remove(session.id);
    ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  }

  /** True when the request carries this session's CSRF token, in the form or a header. */
  static boolean csrfMatches(Session session, String sent) {
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        session.csrf.getBytes(StandardCharsets.UTF_8));
  }

  private Session create(Context ctx) {
    Session session = new Session(token(), token(), clock.instant());
    sessions.put(session.id, session);
    String secure = "https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "";
    ctx.res().addHeader("Set-Cookie",
        COOKIE + "=" + session.id + "; Path=/; HttpOnly; SameSite=Lax" + secure);
    return session;
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
