package dev.latchkey.mail;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a district's mail shows beyond its roster data: where its portal is, where a reset link
 * leads, and its colour. The district's name, helpdesk address, phone and hours come from the
 * roster and the support schedule.
 *
 * @param portalUrl the parent portal's sign-in page, shown in every message, if set
 * @param passwordResetUrl the page that takes a reset token; when set, the reset email links to
 *     it with {@code token=…} added to the query, and otherwise shows the code to type in
 * @param accentColor a CSS colour {@code #rgb} or {@code #rrggbb} for the HTML mail's accents
 */
public record Branding(Optional<String> portalUrl, Optional<String> passwordResetUrl,
    String accentColor) {
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`\\\\]{1,2000}");
  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}");
  private static final String DEFAULT_ACCENT = "#1f4e79";

  /**
   * Checks the values.
   *
   * @param portalUrl the portal's sign-in page, if any
   * @param passwordResetUrl the page that takes a reset token, if any
   * @param accentColor {@code #rgb} or {@code #rrggbb}
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if a URL is not an absolute {@code http(s)} URL without
   *     spaces, quotes or angle brackets, or the colour is not {@code #rgb} or {@code #rrggbb}
   */
  public Branding {
    portalUrl = Objects.requireNonNull(portalUrl, "portalUrl").map(u -> url(u, "portalUrl"));
    passwordResetUrl = Objects.requireNonNull(passwordResetUrl, "passwordResetUrl")
        .map(u -> url(u, "passwordResetUrl"));
    Objects.requireNonNull(accentColor, "accentColor");
    if (!COLOR.matcher(accentColor).matches()) {
      throw new IllegalArgumentException("accentColor must be #rgb or #rrggbb");
    }
  }

  /**
   * No portal or reset URL, a dark blue accent.
   *
   * @return the default branding
   */
  public static Branding defaults() {
    return new Branding(Optional.empty(), Optional.empty(), DEFAULT_ACCENT);
  }

  /**
   * This branding with the portal's sign-in page.
   *
   * @param url an absolute {@code http(s)} URL
   * @return a new branding
   */
  public Branding withPortalUrl(String url) {
    return new Branding(Optional.of(url), passwordResetUrl, accentColor);
  }

  /**
   * This branding with the page that takes a reset token.
   *
   * @param url an absolute {@code http(s)} URL; {@code token=…} is added to its query
   * @return a new branding
   */
  public Branding withPasswordResetUrl(String url) {
    return new Branding(portalUrl, Optional.of(url), accentColor);
  }

  /**
   * This branding with another accent colour.
   *
   * @param color {@code #rgb} or {@code #rrggbb}
   * @return a new branding
   */
  public Branding withAccentColor(String color) {
    return new Branding(portalUrl, passwordResetUrl, color);
  }

  private static String url(String value, String name) {
    if (!URL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " must be an absolute http(s) URL without spaces, quotes or angle brackets");
    }
    return value;
  }
}
