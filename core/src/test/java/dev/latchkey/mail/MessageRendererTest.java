package dev.latchkey.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.samskivert.mustache.Escapers;
import dev.latchkey.model.DistrictId;
import dev.latchkey.notify.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageRendererTest {
  private static final String HOSTILE =
      "<script>alert(\"x\")</script> O'Brien & \u202Egnp.exe\u202C `=`";
  private static final MessageRenderer RENDERER = Samples.renderer();

  private static RenderedMessage render(String template, String name, String language) {
    return RENDERER.render(Samples.of(template, name, Optional.ofNullable(language)));
  }

  // --- hostile names ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"activation-key", "account-locked", "password-reset",
      "helpdesk-action-email-changed", "username-reminder"})
  @DisplayName("a hostile name is escaped in HTML and loses its bidi override everywhere")
  void hostileNameIsEscapedAndNeutralised(String template) {
    for (String language : new String[] {"en", "es"}) {
      RenderedMessage m = render(template, HOSTILE, language);

      assertThat(m.html()).doesNotContain("<script").doesNotContain("O'Brien")
          .doesNotContain("\u202E").doesNotContain("\u202C")
          .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; "
              + "gnp.exe &#x60;&#x3D;&#x60;");
      assertThat(m.text()).doesNotContain("\u202E").doesNotContain("\u202C")
          .contains("<script>alert(\"x\")</script> O'Brien & gnp.exe `=`");
      assertThat(m.subject()).doesNotContain("\u202E").doesNotContain("\n");
    }
  }

  @Test
  @DisplayName("any name appears in the HTML only escaped, only where a plain name would")
  void anyNameAppearsOnlyEscaped() {
    String placeholder = "\u00ABX\u00BB";
    String expected = render("activation-key", placeholder, "en").html();
    qt().withExamples(300).forAll(strings().betweenCodePoints(0x20, 0x206F).ofLengthBetween(0, 24))
        .checkAssert(raw -> {
          String name = "\u00AB" + raw + "\u00BB";
          String html = render("activation-key", name, "en").html();
          String shown = Escapers.HTML.escape(Values.clean(name));
          // The subject (the HTML title) also folds each run of whitespace into one space.
          String inTitle = Escapers.HTML.escape(
              Values.clean(name).replaceAll("\\s+", " "));
          assertThat(html.replace(inTitle, placeholder).replace(shown, placeholder))
              .isEqualTo(expected);
          assertThat(html.codePoints().filter(Values::isBidiControl)).isEmpty();
        });
  }

  @Test
  @DisplayName("a line break in a name cannot forge a line of the message or the subject")
  void lineBreakInNameIsFlattened() {
    RenderedMessage m = render("activation-key", "Maria\r\nBcc: evil@example.org", "en");

    assertThat(m.subject()).doesNotContain("\r").doesNotContain("\n");
    assertThat(m.text()).doesNotContain("\nBcc:").contains("Maria  Bcc: evil@example.org");
  }

  // --- secrets -------------------------------------------------------------------------------

  @Test
  @DisplayName("the secret appears only in the three messages meant to carry one, never in a subject")
  void secretOnlyWhereMeant() {
    String secret = "S3CRET-VALUE-1234";
    for (String template : Samples.TEMPLATES) {
      RenderedMessage m = RENDERER.render(Samples.withSecret(template, secret));
      boolean carries = template.equals("activation-key") || template.equals("password-reset")
          || template.equals("student-credentials");

      assertThat(m.subject()).as(template).doesNotContain(secret);
      assertThat(m.text().contains(secret)).as("text of %s", template).isEqualTo(carries);
      assertThat(m.html().contains(secret)).as("html of %s", template).isEqualTo(carries);
      assertThat(m.toString()).doesNotContain(secret);
    }
  }

  @Test
  @DisplayName("the reset email shows the code alone when the district has no reset page")
  void resetWithoutResetPageShowsTheCode() {
    MessageRenderer plain = MessageRenderer.builder().schedules(d -> Samples.SCHEDULE).build();

    RenderedMessage m = plain.render(Samples.of("password-reset", Samples.NAME, Optional.empty()));

    assertThat(m.text()).contains(Samples.TOKEN).doesNotContain("token=")
        .contains("If it was you, choose a new password by entering this reset code");
    assertThat(m.html()).contains(Samples.TOKEN).doesNotContain("href=\"http");
  }

  // --- languages -----------------------------------------------------------------------------

  @Test
  @DisplayName("the guardian's language is used, from its most specific form to its plainest")
  void guardianLanguageWithFallbackToItsPlainerForm() {
    RenderedMessage m = render("account-created", Samples.NAME, "es-MX");

    assertThat(m.language()).isEqualTo(Locale.forLanguageTag("es"));
    assertThat(m.subject()).startsWith("Se creó su usuario");
    assertThat(m.html()).contains("<html lang=\"es\">");
  }

  @Test
  @DisplayName("without a preference, or with one no source has, the district's default applies, then the renderer's")
  void districtDefaultThenRendererDefault() {
    MessageRenderer spanishDistrict = MessageRenderer.builder().schedules(d -> Samples.SCHEDULE)
        .defaultLanguage(Samples.DISTRICT, Locale.forLanguageTag("es")).build();
    MessageRenderer spanishEverywhere = MessageRenderer.builder()
        .schedules(d -> Samples.SCHEDULE).defaultLanguage(Locale.forLanguageTag("es"))
        .defaultLanguage(DistrictId.of("elsewhere-1"), Locale.ENGLISH).build();

    assertThat(spanishDistrict.render(Samples.of("account-created", Samples.NAME,
        Optional.empty())).language().getLanguage()).isEqualTo("es");
    assertThat(spanishDistrict.render(Samples.of("account-created", Samples.NAME,
        Optional.of("fr"))).language().getLanguage()).isEqualTo("es");
    assertThat(spanishDistrict.render(Samples.of("account-created", Samples.NAME,
        Optional.of("en"))).language().getLanguage()).isEqualTo("en");
    assertThat(spanishEverywhere.render(Samples.of("account-created", Samples.NAME,
        Optional.empty())).language().getLanguage()).isEqualTo("es");
    assertThat(RENDERER.render(Samples.of("account-created", Samples.NAME,
        Optional.of("not a tag!"))).language().getLanguage()).isEqualTo("en");
  }

  @Test
  @DisplayName("a helpdesk action without a template of its own gets the general notice")
  void unknownHelpdeskActionGetsTheGeneralNotice() {
    RenderedMessage m = render("helpdesk-action", Samples.NAME, "es");

    assertThat(m.template()).isEqualTo("helpdesk-action");
    assertThat(m.subject()).isEqualTo(
        "El servicio de ayuda hizo un cambio en su cuenta del portal para padres");
  }

  // --- host templates ------------------------------------------------------------------------

  @Test
  @DisplayName("a host overrides one subject and one body; everything else stays as shipped")
  void hostOverridesOneSubjectAndOneBody() {
    MessageRenderer renderer = MessageRenderer.builder().schedules(d -> Samples.SCHEDULE)
        .templates(TemplateSource.of(Map.of(
            "es/messages.properties", "subject.activation-key=Clave para {{name}} ({{districtName}})",
            "es/activation-key.html.mustache", "<p>Clave: {{secret}} para <b>{{name}}</b></p>")))
        .build();

    RenderedMessage m = renderer.render(Samples.of("activation-key", "<Ana>", Optional.of("es")));

    assertThat(m.subject()).isEqualTo(
        "Clave para <Ana> (Naperville Community Unit School District 203)");
    assertThat(m.html()).contains("<p>Clave: " + Samples.KEY + " para <b>&lt;Ana&gt;</b></p>")
        .contains("Servicio de ayuda para padres");
    assertThat(m.text()).startsWith("Hola, <Ana>:");
    assertThat(renderer.render(Samples.of("account-created", Samples.NAME, Optional.of("es")))
        .subject()).startsWith("Se creó su usuario");
  }

  @Test
  @DisplayName("a host adds a language from a directory; what it lacks falls back to English")
  void hostAddsALanguage(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("fr"));
    Files.writeString(dir.resolve("fr/messages.properties"), String.join("\n",
        "subject.account-created=Votre identifiant du portail {{districtName}} a été créé",
        "format.dateTime=EEEE d MMMM yyyy 'à' HH:mm",
        "format.time=HH:mm",
        "hours.dayRange=du {0} au {1}",
        "hours.timeRange=de {0} à {1}",
        "hours.holidays=, fermé les jours fériés"));
    Files.writeString(dir.resolve("fr/account-created.text.mustache"),
        "Bonjour {{name}},\n\nVotre identifiant {{loginName}} a été créé le {{sentAt}}.\n");
    MessageRenderer renderer = MessageRenderer.builder().schedules(d -> Samples.SCHEDULE)
        .templates(TemplateSource.directory(dir)).build();

    RenderedMessage m = renderer.render(
        Samples.of("account-created", Samples.NAME, Optional.of("fr-CA")));

    assertThat(m.language()).isEqualTo(Locale.FRENCH);
    assertThat(m.subject()).startsWith("Votre identifiant du portail");
    assertThat(m.text()).startsWith("Bonjour Maria Lopez,")
        .contains("a été créé le vendredi 14 août 2026 à 17:05.")
        .contains("Hours: du lundi au vendredi, de 07:30 à 15:30, fermé les jours fériés");
    assertThat(m.html()).contains("<html lang=\"fr\">").contains("was created for");
    assertThat(renderer.render(Samples.of("activation-key", Samples.NAME, Optional.of("fr")))
        .subject()).isEqualTo("Your portal activation key, for Maria Lopez only");
  }

  @Test
  @DisplayName("a template naming a value that does not exist fails, naming the file but no value")
  void templateWithUnknownValueFails() {
    MessageRenderer renderer = MessageRenderer.builder().schedules(d -> Samples.SCHEDULE)
        .templates(TemplateSource.of(Map.of(
            "en/password-changed.text.mustache", "Hello {{nmae}}, {{secret}}")))
        .build();

    assertThatThrownBy(() -> renderer.render(Samples.withSecret("password-changed", "S3CRET")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("en/password-changed.text.mustache")
        .hasMessageNotContaining("S3CRET").hasMessageNotContaining(Samples.NAME);
  }

  @Test
  @DisplayName("a renderer needs a schedule, and template names may not climb out of their folder")
  void builderAndSourceChecks() {
    assertThatThrownBy(() -> MessageRenderer.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("schedule");
    assertThatThrownBy(() -> TemplateSource.builtIn().read("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Branding.defaults().withPortalUrl("javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Branding.defaults().withAccentColor("red;background:url(x)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the lockout notice says when the helpdesk was open as the lock happened")
  void lockoutWhileTheHelpdeskIsOpen() {
    Notification friday = Samples.of("account-locked", Samples.NAME, Optional.of("en"));
    java.time.Instant noon = java.time.Instant.parse("2026-08-14T17:00:00Z");
    Map<String, String> fields = new java.util.HashMap<>(friday.fields());
    fields.put(Notification.HELPDESK_OPENS, noon.toString());
    Notification open = new Notification(friday.id(), friday.type(), friday.district(),
        friday.recipient(), fields, Optional.empty(), noon);

    assertThat(RENDERER.render(open).text()).contains("It was open when this message was sent.")
        .doesNotContain("It next opens");
    assertThat(RENDERER.render(friday).text())
        .contains("It next opens Monday, August 17, 2026 at 7:30 AM.")
        .contains("expect an answer by Monday, August 17, 2026 at 3:30 PM.");
  }
}
