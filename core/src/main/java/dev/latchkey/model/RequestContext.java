package dev.latchkey.model;

import java.util.Objects;

/**
 * What the host knows of the caller, for throttling and audit. Values are free text from the
 * outside world: they are capped in length here and escaped wherever they are logged.
 *
 * @param sourceAddress the caller's network address as the host sees it
 * @param userAgent the caller's user agent
 */
public record RequestContext(String sourceAddress, String userAgent) {
  private static final int MAX_ADDRESS = 64;
  private static final int MAX_AGENT = 256;

  public RequestContext {
    sourceAddress = cap(Objects.requireNonNullElse(sourceAddress, "unknown"), MAX_ADDRESS);
    userAgent = cap(Objects.requireNonNullElse(userAgent, ""), MAX_AGENT);
  }

  public static RequestContext of(String sourceAddress, String userAgent) {
    return new RequestContext(sourceAddress, userAgent);
  }

  /** For calls made by the host itself (batch jobs, administrative calls). */
  public static RequestContext system() {
    return new RequestContext("system", "latchkey");
  }

  private static String cap(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
