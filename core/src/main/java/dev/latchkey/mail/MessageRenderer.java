package dev.latchkey.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.latchkey.model.DistrictId;
import dev.latchkey.notify.Notification;
import dev.latchkey.notify.NotificationType;
import dev.latchkey.schedule.Schedule;
import dev.latchkey.schedule.SupportSchedule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a {@link Notification} into a finished message — subject, plain text and HTML — in the
 * recipient's language, from Mustache templates. Mail adapters (such as {@code spi-smtp}) call
 * it; a host that sends mail its own way can too.
 *
 * <pre>{@code
 * MessageRenderer renderer = MessageRenderer.builder()
 *     .schedule(latchkey.schedule())                          // zones, hours, "answer by"
 *     .branding(district, Branding.defaults().withPortalUrl("https://portal.example.org/"))
 *     .defaultLanguage(district, Locale.forLanguageTag("es")) // a Spanish-speaking district
 *     .templates(TemplateSource.classpath(loader, "mail"))    // the host's overrides, if any
 *     .build();
 * RenderedMessage message = renderer.render(notification);
 * }</pre>
 *
 * <h2>Language</h2>
 *
 * <p>A message is written in the guardian's preferred language ({@link Notification#LANGUAGE},
 * from the roster), else the district's default set with {@link Builder#defaultLanguage(
 * DistrictId, Locale)}, else the renderer's default ({@link Builder#defaultLanguage(Locale)},
 * English unless set). Each is tried from its most specific form to its plainest ({@code es-MX},
 * then {@code es}); the first language some source has is used. English and Spanish ship.
 *
 * <h2>Templates</h2>
 *
 * <p>Each language is a folder named by its BCP 47 tag, holding:
 *
 * <ul>
 *   <li>{@code messages.properties} (UTF-8): the subjects, {@code subject.<template>}, and the
 *       language's formats: {@code format.dateTime} and {@code format.time} ({@link
 *       java.time.format.DateTimeFormatter} patterns) and the {@code hours.*} words with which
 *       the helpdesk's hours are written out. A language exists when this file does.
 *   <li>{@code <template>.text.mustache} and {@code <template>.html.mustache}: the bodies.
 *   <li>{@code layout.text.mustache} and {@code layout.html.mustache}: what wraps every body
 *       (given as {@code content}, and the {@code subject}): header, footer, branding.
 * </ul>
 *
 * <p>Templates are {@code activation-key}, {@code account-created}, {@code username-reminder},
 * {@code password-reset}, {@code password-changed}, {@code account-locked}, {@code
 * student-credentials}, and for helpdesk notices {@code helpdesk-action-unlocked}, {@code
 * helpdesk-action-login-name-read}, {@code helpdesk-action-email-changed}, with {@code
 * helpdesk-action} for an action without a template of its own. {@code student-credentials}
 * goes to a school, not a guardian: its {@code name} is the student's, {@code loginName} the
 * student's login, and the secret the first password.
 *
 * <p>Every file is looked up in the sources given to {@link Builder#templates}, in the order
 * given, then in the shipped ones; and in the language's folder, then its plainer forms', then
 * {@code en}'s. The properties of all of them are layered the same way, key by key. So a host
 * overrides one subject with a one-line {@code es/messages.properties}, one body with one file,
 * and adds a language with a folder of its own — without forking the shipped ones.
 *
 * <h2>Values</h2>
 *
 * <p>Templates see the notification's fields by their {@link Notification} names ({@code name},
 * {@code districtName}, {@code loginName}, {@code students}, …), every one present (empty when
 * the notification has none); the instants {@code expiresAt}, {@code helpdeskOpens} and {@code
 * responseDueBy} and the notification's time, {@code sentAt}, written out in the language and
 * the district's time zone; {@code helpdeskHours} in the language; {@code helpdeskOpenNow}, true
 * when the helpdesk was open as the message was written; {@code recipient}; {@code language};
 * the district's {@link Branding} as {@code portalUrl}, {@code passwordResetUrl} and {@code
 * accentColor}; and, only in the three messages meant to carry one (activation key, password
 * reset, student credentials), the {@code secret} — with {@code resetLink} for the reset when
 * the branding has a reset page. Values are stripped of control and bidirectional-override
 * characters; HTML templates escape every {@code {{value}}} (Mustache's own escaping), and plain
 * text and subjects are not escaped. A template naming a value that does not exist fails.
 *
 * <p>Thread-safe; templates are compiled once and kept.
 */
public final class MessageRenderer {
  /** The language every message falls back to, and the one every file falls back to. */
  static final String BASE_LANGUAGE = "en";
  private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z_]{0,40}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Mustache.Compiler HTML =
      Mustache.compiler().escapeHTML(true).emptyStringIsFalse(true).zeroIsFalse(true);
  private static final Mustache.Compiler TEXT = HTML.escapeHTML(false);
  /** Every field a template may name: present in every message, empty when not set. */
  private static final List<String> FIELDS = List.of(Notification.NAME, Notification.LOGIN_NAME,
      Notification.DISTRICT_NAME, Notification.HELPDESK_EMAIL, Notification.HELPDESK_PHONE,
      Notification.EXPIRES_AT, Notification.STUDENTS, Notification.LOGIN_NAMES,
      Notification.ACTION, Notification.HELPDESK_OPENS, Notification.RESPONSE_DUE_BY,
      Notification.HELPDESK_HOURS);
  private static final List<String> INSTANTS = List.of(Notification.EXPIRES_AT,
      Notification.HELPDESK_OPENS, Notification.RESPONSE_DUE_BY);

  private final List<TemplateSource> sources;
  private final Function<DistrictId, SupportSchedule> schedules;
  private final Locale defaultLanguage;
  private final Map<DistrictId, Locale> districtLanguages;
  private final Branding defaultBranding;
  private final Map<DistrictId, Branding> brandings;
  private final ConcurrentMap<String, Optional<Language>> languages = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Optional<Template>> templates = new ConcurrentHashMap<>();

  private MessageRenderer(Builder b) {
    List<TemplateSource> all = new ArrayList<>(b.sources);
    all.add(TemplateSource.builtIn());
    this.sources = List.copyOf(all);
    this.schedules = b.schedules;
    this.defaultLanguage = b.defaultLanguage;
    this.districtLanguages = Map.copyOf(b.districtLanguages);
    this.defaultBranding = b.branding;
    this.brandings = Map.copyOf(b.brandings);
  }

  /**
   * A builder with the shipped templates, English as the default language, {@link
   * Branding#defaults()}, and no schedule yet.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the message for {@code notification}.
   *
   * @param notification any notification
   * @return its subject and bodies, in the chosen language
   * @throws NullPointerException if {@code notification} is {@code null}
   * @throws IllegalStateException if a template is missing or broken (naming the file, never a
   *     value), or the schedule lookup returned {@code null}
   * @throws RuntimeException whatever the schedule lookup throws, unchanged: {@link
   *     IllegalArgumentException} for an unknown district, a {@link dev.latchkey.StoreException}
   *     when the store behind {@link Schedule} is down
   */
  public RenderedMessage render(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    Language language = chooseLanguage(notification);
    SupportSchedule schedule = Objects.requireNonNull(schedules.apply(notification.district()),
        "the schedule lookup returned null");
    String template = templateName(notification, language);
    Map<String, Object> values = values(notification, language, schedule);

    String subject = WHITESPACE.matcher(execute(subjectTemplate(language, template),
        language, "subject." + template, values)).replaceAll(" ").strip();
    values.put("subject", subject);
    String text = body(language, template, "text", TEXT, values);
    String html = body(language, template, "html", HTML, values);
    return new RenderedMessage(template, language.locale(), subject, text, html);
  }

  // --- choosing ------------------------------------------------------------------------------

  private Language chooseLanguage(Notification n) {
    List<Locale> wanted = new ArrayList<>(4);
    n.field(Notification.LANGUAGE).map(Locale::forLanguageTag)
        .filter(l -> !l.getLanguage().isEmpty()).ifPresent(wanted::add);
    Optional.ofNullable(districtLanguages.get(n.district())).ifPresent(wanted::add);
    wanted.add(defaultLanguage);
    wanted.add(Locale.forLanguageTag(BASE_LANGUAGE));
    for (Locale locale : wanted) {
      for (String tag : Language.chain(locale.toLanguageTag())) {
        Optional<Language> found = language(tag);
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new IllegalStateException("no template source has " + BASE_LANGUAGE
        + "/messages.properties");
  }

  private Optional<Language> language(String tag) {
    return languages.computeIfAbsent(tag, t -> Language.load(t, sources));
  }

  private String templateName(Notification n, Language language) {
    String base = n.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (n.type() != NotificationType.HELPDESK_ACTION) {
      return base;
    }
    String action = n.field(Notification.ACTION).orElse("");
    if (ACTION.matcher(action).matches()) {
      String specific = base + "-" + action.toLowerCase(Locale.ROOT).replace('_', '-');
      if (language.property("subject." + specific).isPresent()) {
        return specific;
      }
    }
    return base;
  }

  // --- values --------------------------------------------------------------------------------

  private Map<String, Object> values(Notification n, Language language,
      SupportSchedule schedule) {
    Map<String, Object> values = new HashMap<>();
    FIELDS.forEach(field -> values.put(field, ""));
    n.fields().forEach((key, value) -> values.put(key, Values.clean(value)));
    for (String field : INSTANTS) {
      n.field(field).flatMap(MessageRenderer::instant)
          .ifPresent(at -> values.put(field, language.dateTime(at, schedule.zone())));
    }
    Optional<Instant> opens = n.field(Notification.HELPDESK_OPENS)
        .flatMap(MessageRenderer::instant);
    values.put("helpdeskOpenNow", opens.map(at -> !at.isAfter(n.createdAt())).orElse(false));
    values.put(Notification.HELPDESK_HOURS, language.hours(schedule));
    values.put("sentAt", language.dateTime(n.createdAt(), schedule.zone()));
    values.put("recipient", n.recipient().value());
    values.put(Notification.LANGUAGE, language.tag());

    Branding branding = brandings.getOrDefault(n.district(), defaultBranding);
    values.put("portalUrl", branding.portalUrl().orElse(""));
    values.put("passwordResetUrl", branding.passwordResetUrl().orElse(""));
    values.put("accentColor", branding.accentColor());

    String secret = carriesSecret(n.type())
        ? n.secret().map(s -> s.reveal()).orElse("") : "";
    values.put("secret", secret);
    values.put("resetLink", n.type() == NotificationType.PASSWORD_RESET && !secret.isEmpty()
        ? branding.passwordResetUrl().map(url -> url + (url.contains("?") ? "&" : "?")
            + "token=" + secret).orElse("")
        : "");
    return values;
  }

  /** The three messages meant to carry a secret; no other template is ever given one. */
  private static boolean carriesSecret(NotificationType type) {
    return type == NotificationType.ACTIVATION_KEY || type == NotificationType.PASSWORD_RESET
        || type == NotificationType.STUDENT_CREDENTIALS;
  }

  private static Optional<Instant> instant(String value) {
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // --- templates -----------------------------------------------------------------------------

  private String body(Language language, String template, String part,
      Mustache.Compiler compiler, Map<String, Object> values) {
    String file = template + "." + part + ".mustache";
    String content = execute(fileTemplate(language, file, compiler), language, file, values)
        .stripTrailing();
    Map<String, Object> withContent = new HashMap<>(values);
    withContent.put("content", content);
    String layout = "layout." + part + ".mustache";
    return execute(fileTemplate(language, layout, compiler), language, layout, withContent);
  }

  private Template subjectTemplate(Language language, String template) {
    String key = "subject." + template;
    return templates.computeIfAbsent(language.tag() + "|" + key, k -> Optional.of(
        compile(TEXT, language.property(key).orElseThrow(() -> new IllegalStateException(
            "no " + key + " in " + language.tag() + "/messages.properties or its fallbacks")),
            language.tag() + "/messages.properties " + key))).orElseThrow();
  }

  private Template fileTemplate(Language language, String file, Mustache.Compiler compiler) {
    return templates.computeIfAbsent(language.tag() + "|" + file, k -> {
      for (String tag : language.fallbacks()) {
        for (TemplateSource source : sources) {
          Optional<String> text = source.read(tag + "/" + file);
          if (text.isPresent()) {
            return Optional.of(compile(compiler, text.get(), tag + "/" + file));
          }
        }
      }
      return Optional.empty();
    }).orElseThrow(() -> new IllegalStateException(
        "no template " + file + " for " + language.tag() + " or its fallbacks"));
  }

  private static Template compile(Mustache.Compiler compiler, String text, String name) {
    try {
      return compiler.compile(text);
    } catch (MustacheException e) {
      throw new IllegalStateException("template " + name + " does not compile: "
          + e.getMessage(), e);
    }
  }

  private static String execute(Template template, Language language, String name,
      Map<String, Object> values) {
    try {
      return template.execute(values).replace("\r\n", "\n");
    } catch (MustacheException | DateTimeException e) {
      // JMustache's messages name the template's tags and lines, never a value.
      throw new IllegalStateException("template " + language.tag() + "/" + name
          + " cannot be rendered: " + e.getMessage(), e);
    }
  }

  /**
   * Builds a {@link MessageRenderer}. {@link #schedule} (or {@link #schedules}) is required: it
   * gives each district's time zone and hours. Not thread-safe; the renderer it builds is.
   */
  public static final class Builder {
    private final List<TemplateSource> sources = new ArrayList<>();
    private Function<DistrictId, SupportSchedule> schedules;
    private Locale defaultLanguage = Locale.forLanguageTag(BASE_LANGUAGE);
    private final Map<DistrictId, Locale> districtLanguages = new HashMap<>();
    private Branding branding = Branding.defaults();
    private final Map<DistrictId, Branding> brandings = new HashMap<>();

    private Builder() {}

    /**
     * Adds a source of templates and languages, consulted before those added after it and
     * before the shipped ones.
     *
     * @param source the host's templates
     * @return this builder
     */
    public Builder templates(TemplateSource source) {
      sources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /**
     * The facade's support schedules: each district's time zone, hours and response times, as
     * the notices promise them.
     *
     * @param schedule usually {@code latchkey.schedule()}
     * @return this builder
     */
    public Builder schedule(Schedule schedule) {
      Objects.requireNonNull(schedule, "schedule");
      return schedules(schedule::of);
    }

    /**
     * Each district's support schedule, asked at every render: for a host that builds the
     * renderer before the facade (the facade needs its notifier first), e.g. {@code district ->
     * facade.get().schedule().of(district)}. Must not return {@code null}.
     *
     * @param lookup the schedule of a district
     * @return this builder
     */
    public Builder schedules(Function<DistrictId, SupportSchedule> lookup) {
      this.schedules = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /**
     * The language for guardians without a preference in districts without a default of their
     * own. Default: English.
     *
     * @param language a language, e.g. {@code Locale.forLanguageTag("es")}
     * @return this builder
     */
    public Builder defaultLanguage(Locale language) {
      this.defaultLanguage = Objects.requireNonNull(language, "language");
      return this;
    }

    /**
     * The language for the district's guardians without a preference.
     *
     * @param district the district
     * @param language its default language
     * @return this builder
     */
    public Builder defaultLanguage(DistrictId district, Locale language) {
      districtLanguages.put(Objects.requireNonNull(district, "district"),
          Objects.requireNonNull(language, "language"));
      return this;
    }

    /**
     * The branding of districts without one of their own. Default: {@link Branding#defaults()}.
     *
     * @param branding the branding
     * @return this builder
     */
    public Builder branding(Branding branding) {
      this.branding = Objects.requireNonNull(branding, "branding");
      return this;
    }

    /**
     * The district's branding: its portal's address, its reset page, its colour.
     *
     * @param district the district
     * @param branding its branding
     * @return this builder
     */
    public Builder branding(DistrictId district, Branding branding) {
      brandings.put(Objects.requireNonNull(district, "district"),
          Objects.requireNonNull(branding, "branding"));
      return this;
    }

    /**
     * Builds the renderer. Templates are read when first needed.
     *
     * @return a thread-safe renderer
     * @throws IllegalStateException if no schedule was given
     */
    public MessageRenderer build() {
      if (schedules == null) {
        throw new IllegalStateException("a schedule is required: it gives each district's time "
            + "zone and helpdesk hours");
      }
      return new MessageRenderer(this);
    }
  }
}
