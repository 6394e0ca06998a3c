package dev.latchkey.mail;

import java.util.Locale;
import java.util.Objects;

/**
 * A finished message: subject, plain text and HTML in one language, ready for a mail adapter to
 * send as {@code multipart/alternative}. It may hold the notification's secret (an activation
 * key, a reset token), so {@link #toString()} prints only the template and the language.
 */
public final class RenderedMessage {
  private final String template;
  private final Locale language;
  private final String subject;
  private final String text;
  private final String html;

  RenderedMessage(String template, Locale language, String subject, String text, String html) {
    this.template = Objects.requireNonNull(template, "template");
    this.language = Objects.requireNonNull(language, "language");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.text = Objects.requireNonNull(text, "text");
    this.html = Objects.requireNonNull(html, "html");
  }

  /**
   * The template it was made from, e.g. {@code "activation-key"} or {@code "helpdesk-action-unlocked"}.
   *
   * @return the template's name
   */
  public String template() {
    return template;
  }

  /**
   * The language it is written in, for a {@code Content-Language} header.
   *
   * @return the language
   */
  public Locale language() {
    return language;
  }

  /**
   * The subject: one line, no markup.
   *
   * @return the subject
   */
  public String subject() {
    return subject;
  }

  /**
   * The plain-text body.
   *
   * @return the plain text
   */
  public String text() {
    return text;
  }

  /**
   * The HTML body, a whole document, every value in it escaped.
   *
   * @return the HTML document
   */
  public String html() {
    return html;
  }

  /** The template and language only: the bodies may carry a secret. */
  @Override
  public String toString() {
    return "RenderedMessage[" + template + ", " + language.toLanguageTag() + "]";
  }
}
