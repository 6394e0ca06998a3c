package dev.latchkey.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testkit.MutableClock;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The FAQ's story in a real browser: Debian's Chromium, headless, driven by Selenium against the
 * demo portal on a random port with a fresh H2 database. The tests run in order, one story;
 * screenshots of the main pages land in {@code target/screenshots/} on every run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The demo portal, in Chromium")
class PortalBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String ANA = "ana.rivera@example.org";
  private static final String DANIEL = "daniel.rivera@example.org";
  private static final String PASSWORD = "orange kite under seven bridges";
  private static final String NEXT_PASSWORD = "violet harbor drums at midnight";
  /** A Tuesday, 10:00 in Chicago: the helpdesk is open. */
  private static final Instant TUESDAY_MORNING = Instant.parse("2026-09-08T15:00:00Z");

  private DemoPortal portal;
  private ChromeDriver browser;
  private String anasKey;

  @BeforeAll
  void start(@TempDir Path temp) throws IOException {
    // A missing browser is a failure, never a skip: scripts/test installs it.
    assertThat(CHROMIUM).as("Debian's chromium (scripts/test installs it)").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver (scripts/test installs it)")
        .isExecutable();
    portal = DemoPortal.start(PortalConfig.demo(temp.resolve("data"), 0)
        .withClock(MutableClock.at(TUESDAY_MORNING)));
    assertThat(portal.issueDemoKey()).isPresent();

    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage", "--window-size=412,1400",
        "--user-data-dir=" + Files.createDirectories(temp.resolve("profile")));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (portal != null) {
      portal.close();
    }
  }

  @Test
  @Order(1)
  void theKeyEmailIsInTheDevelopmentMailbox() {
    openMailboxWith("ACTIVATION_KEY", ANA);
    assertThat(text(".dev-banner")).contains("Development aid");
    anasKey = newestSecret("ACTIVATION_KEY", ANA);
    assertThat(anasKey).matches("[0-9A-Z-]{20,}");
    shoot("01-development-mailbox");
  }

  @Test
  @Order(2)
  void newUserRedeemsTheKeyAndCreatesALogin() {
    open("signin");
    assertThat(text("#tab-parent")).isEqualTo("Campus Parent");
    assertThat(text("#tab-student")).isEqualTo("Campus Student");
    shoot("02-sign-in");
    click("#new-user");
    type("#key", anasKey);
    shoot("03-new-user-key");
    click("#submit-key");
    type("#loginName", "ana.rivera");
    type("#password", PASSWORD);
    type("#confirmation", PASSWORD);
    shoot("04-create-login");
    click("#create-login");
    assertThat(text("#flash")).contains("Your login ana.rivera was created");
  }

  @Test
  @Order(3)
  void homeListsTheStudentsTheGuardianMaySee() {
    signIn("ana.rivera", PASSWORD);
    assertThat(studentNames()).containsExactly("Lucia Rivera", "Mateo Rivera", "Sofia Rivera");
    assertThat(text("main")).doesNotContain("Diego");   // linked without portal access
    shoot("05-home-students");
    click("#signout");
    assertThat(browser.getCurrentUrl()).contains("/signin");
  }

  @Test
  @Order(4)
  void aUsedKeySaysKeyAlreadyUsed() {
    open("new-user");
    type("#key", anasKey);
    click("#submit-key");
    type("#loginName", "someone.else");
    type("#password", PASSWORD);
    type("#confirmation", PASSWORD);
    click("#create-login");
    assertThat(text("#error")).contains("activation key has already been used")
        .contains("someone else in your family used YOUR key");
    shoot("06-key-already-used");
  }

  @Test
  @Order(5)
  void fiveWrongPasswordsLockTheAccountAndMailTheOwner() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      signIn("ana.rivera", "not my password " + attempt);
      assertThat(text("#error")).contains("login name or password is incorrect");
    }
    signIn("ana.rivera", PASSWORD);
    assertThat(text("#error")).as("locked: the right password fails the same way")
        .contains("login name or password is incorrect");
    shoot("07-sign-in-failed");
    openMailboxWith("ACCOUNT_LOCKED", ANA);
    assertThat(messages("ACCOUNT_LOCKED", ANA)).hasSize(1);
  }

  @Test
  @Order(6)
  void theHelpdeskVerifiesTheCallerAndUnlocks() {
    open("helpdesk");
    type("#agent", "Dana (helpdesk)");
    type("#passcode", portal.agentPasscode());
    click("#agent-signin");
    type("#q", "Rivera");
    click("#find");
    clickAndWait(browser.findElement(By.linkText("Ana Rivera")));
    assertThat(text("#locked")).isEqualTo("yes");
    click("#unlock");
    assertThat(text("#flash")).contains("Verify the caller first");
    type("#studentNumber", "204002");
    type("#postalCode", "60540");
    type("#phone", "(630) 555-0101");
    click("#verify");
    assertThat(text("#flash")).isEqualTo("Caller verified.");
    click("#unlock");
    assertThat(text("#flash")).isEqualTo("The account is unlocked.");
    assertThat(text("#locked")).isEqualTo("no");
    assertThat(text("#keys")).contains("REDEEMED").contains("as ana.rivera");
    shoot("08-helpdesk-guardian");
    open("helpdesk/guardians/g-2002");
    click("#issue-key");
    assertThat(text("#flash")).contains("A new activation key was sent");
  }

  @Test
  @Order(7)
  void aTakenLoginNameSaysSoAndSuggestsFreeOnes() {
    openMailboxWith("ACTIVATION_KEY", DANIEL);
    String danielsKey = newestSecret("ACTIVATION_KEY", DANIEL);
    open("new-user");
    type("#key", danielsKey);
    click("#submit-key");
    type("#loginName", "ana.rivera");
    type("#password", "maple lantern over quiet rivers");
    type("#confirmation", "maple lantern over quiet rivers");
    click("#create-login");
    assertThat(text("#error")).contains("login name has already been used");
    assertThat(browser.findElements(By.cssSelector("#suggestions li"))).isNotEmpty();
    assertThat(browser.findElement(By.id("password")).getAttribute("value"))
        .as("a password is never written back into the page").isEmpty();
    shoot("09-login-name-taken");
  }

  @Test
  @Order(8)
  void afterTheUnlockTheOwnerSignsInAndChangesThePasswordWatchingTheMeter() {
    signIn("ana.rivera", PASSWORD);
    assertThat(studentNames()).hasSize(3);
    click("a[href='/account']");
    click("#update-password");
    type("#current", PASSWORD);
    WebElement field = browser.findElement(By.id("password"));
    List<Integer> readings = new ArrayList<>();
    StringBuilder typed = new StringBuilder();
    for (String piece : new String[] {"vio", "let ", "harbor ", "drums ", "at midnight"}) {
      field.sendKeys(piece);
      typed.append(piece);
      readings.add(meterFor(typed.length()));
    }
    assertThat(readings.get(readings.size() - 1)).isGreaterThan(readings.get(0));
    assertThat(readings).as("the meter rises as the phrase grows").isSorted();
    assertThat(readings.get(readings.size() - 1)).isGreaterThanOrEqualTo(60);
    type("#confirmation", NEXT_PASSWORD);
    shoot("10-update-password-meter");
    click("#save-password");
    assertThat(text("#flash")).isEqualTo("Your password was updated.");
    click("#signout");
    signIn("ana.rivera", PASSWORD);
    assertThat(text("#error")).contains("incorrect");
    signIn("ana.rivera", NEXT_PASSWORD);
    assertThat(studentNames()).hasSize(3);
  }

  @Test
  @Order(9)
  void helpShowsTheContactAndWhenToExpectAnAnswer() {
    open("help");
    assertThat(text("#help-email")).isEqualTo("parentsupport@lakeview204.example.org");
    assertThat(text("#help-now")).isEqualTo("The helpdesk is open.");
    assertThat(text("#help-due")).contains("Wednesday, September 9 at 3:30 PM");
    shoot("11-help");
    open("districts");
    type("#q", "lakeview 204");
    type("#state", "il");
    click("#search");
    assertThat(text("#districts")).contains("Lakeview Community Unit School District 204")
        .doesNotContain("Lakeview Unified");
    shoot("12-district-search");
  }

  // ---- helpers ----

  private void open(String path) {
    browser.get(portal.url() + path);
  }

  private void signIn(String loginName, String password) {
    open("signin");
    type("#loginName", loginName);
    type("#password", password);
    click("#signin");
  }

  /** Clicks a link or button and waits for the page it leads to (every click here navigates). */
  private void click(String css) {
    settle();
    WebElement page = browser.findElement(By.tagName("html"));
    // The page may still be settling from the last navigation (a redirect after a POST): find
    // the element again if Chromium says it belongs to a document that is gone. The click has
    // not happened then.
    for (int attempt = 1; ; attempt++) {
      try {
        browser.findElement(By.cssSelector(css)).click();
        break;
      } catch (WebDriverException e) {
        if (attempt == 3 || !gone(e)) {
          throw e;
        }
        settle();
        page = browser.findElement(By.tagName("html"));
      }
    }
    awaitGone(page);
  }

  private void clickAndWait(WebElement element) {
    WebElement page = browser.findElement(By.tagName("html"));
    element.click();
    awaitGone(page);
  }

  /** Waits until {@code page} is no longer the document shown: the click has navigated. */
  private void awaitGone(WebElement page) {
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> {
      try {
        page.isEnabled();
        return false;
      } catch (WebDriverException e) {
        if (gone(e)) {
          return true;
        }
        throw e;
      }
    });
  }

  /** Chromium's two ways of saying an element's document has been replaced. */
  private static boolean gone(WebDriverException e) {
    return e instanceof org.openqa.selenium.StaleElementReferenceException
        || (e.getMessage() != null && e.getMessage().contains("does not belong to the document"));
  }

  private void settle() {
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "complete".equals(
        ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  private void type(String css, String text) {
    WebElement field = browser.findElement(By.cssSelector(css));
    field.clear();
    field.sendKeys(text);
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText().strip();
  }

  private List<String> studentNames() {
    return browser.findElements(By.cssSelector("#students .student-name")).stream()
        .map(WebElement::getText).collect(Collectors.toList());
  }

  /**
   * Opens the development mailbox once it shows a {@code type} message to {@code to}: the
   * portal's relay sends mail on its own threads, a moment after the page that queued it.
   */
  private void openMailboxWith(String type, String to) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    open("dev/mailbox");
    while (browser.findElements(By.cssSelector("li.message[data-type='" + type
        + "'][data-to='" + to + "']")).isEmpty() && System.nanoTime() < deadline) {
      open("dev/mailbox");
    }
  }

  private List<WebElement> messages(String type, String to) {
    return browser.findElements(By.cssSelector(
        "li.message[data-type='" + type + "'][data-to='" + to + "']"));
  }

  private String newestSecret(String type, String to) {
    List<WebElement> found = messages(type, to);
    assertThat(found).as(type + " to " + to).isNotEmpty();
    return found.get(0).findElement(By.cssSelector("code.secret")).getText().strip();
  }

  /** The meter's percentage once it reflects the first {@code length} characters typed. */
  private int meterFor(int length) {
    WebElement value = browser.findElement(By.id("strength-value"));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(
        b -> String.valueOf(length).equals(value.getAttribute("data-checked-length")));
    return Integer.parseInt(value.getAttribute("data-percent"));
  }

  private void shoot(String name) {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("could not save the screenshot " + name, e);
    }
  }
}
