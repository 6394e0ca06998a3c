package dev.latchkey.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The portal's web hygiene, over plain HTTP: cookies, CSRF, bad input, secrets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The demo portal over HTTP")
class PortalHttpTest {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private DemoPortal portal;
  private final HttpClient http = HttpClient.newBuilder()
      .cookieHandler(new java.net.CookieManager()).build();

  @BeforeAll
  void start(@TempDir Path temp) {
    portal = DemoPortal.start(PortalConfig.demo(temp, 0));
  }

  @AfterAll
  void stop() {
    portal.close();
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSite() throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(portal.url() + "signin")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).contains("HttpOnly").contains("SameSite=Lax"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
    get("signin");
    HttpResponse<String> response = post("signin", "loginName=x&password=y");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("This form has expired");
  }

  @Test
  void garbageInputGetsAClearMessageNotAStackTrace() throws Exception {
    String csrf = csrf(get("new-user").body());
    post("new-user", "_csrf=" + csrf + "&key=" + enc("<script>alert(1)</script>"));
    HttpResponse<String> response = post("new-user/login", "_csrf=" + csrf
        + "&loginName=" + enc("\u0000\u202e") + "&password=a&confirmation=b");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("not a valid portal activation key")
        .doesNotContain("<script>alert").doesNotContain("Exception");

    HttpResponse<String> guardian = get("helpdesk/guardians/%00");
    assertThat(guardian.body()).doesNotContain("Exception").doesNotContain("at dev.");
  }

  @Test
  void theStrengthEndpointAnswersWithTheLibrarysEstimate() throws Exception {
    String csrf = csrf(get("signin").body());
    HttpResponse<String> weak = post("api/strength", "_csrf=" + csrf + "&password=password");
    HttpResponse<String> strong = post("api/strength", "_csrf=" + csrf + "&password="
        + enc("violet harbor drums at midnight"));
    assertThat(percent(weak.body())).isLessThan(percent(strong.body()));
  }

  @Test
  void keysAppearOnlyInTheDevelopmentMailboxNeverInTheLog() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String key;
    try {
      key = portal.issueDemoKey().orElseThrow().key();
      String csrf = csrf(get("new-user").body());
      post("new-user", "_csrf=" + csrf + "&key=" + enc(key));
      HttpResponse<String> next = get("new-user/login");
      assertThat(next.body()).doesNotContain(key);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(key);
    assertThat(get("dev/mailbox").body()).contains(key);
  }

  private static int percent(String json) {
    Matcher m = Pattern.compile("\"percent\":(\\d+)").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a CSRF field").isTrue();
    return enc(m.group(1));
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(portal.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(portal.url() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
