package org.webims.e2e.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, set up as the toolchain notes say: the distribution's
 * chromedriver (Selenium Manager never runs), a fresh profile, no background networking, and
 * self-signed certificates accepted (the servers of a test make their own). Calls (issue 14) get Chromium's fake
 * microphone and camera (a beep and a moving test picture) and its media permission granted without a prompt.
 */
public final class Browser implements AutoCloseable {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final ChromeDriver driver;
  private final Path profile;
  private final List<String> console = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Browser start() {
    try {
      Path profile = Files.createTempDirectory("webims-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile,
          "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
          // ICE host candidates on loopback too, so calls connect on a machine with only lo (issue 14).
          "--allow-loopback-in-peer-connection");
      options.setAcceptInsecureCerts(true);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Replaces the text of the field {@code css} with {@code text}, as a user typing it. */
  public void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  /** Signs in at the WWSF through the WAF's login form and waits for the client page. */
  public void signIn(String wwsfUrl, String user, String password, Duration timeout) {
    open(wwsfUrl + "/");
    find("#signin").click();
    awaitPresent("input[name=username]", timeout);
    find("input[name=username]").sendKeys(user);
    find("input[name=password]").sendKeys(password);
    find("form button[type=submit], form input[type=submit]").click();
  }

  /** Scenario 1: registers on the {@code /ims} page with IMS credentials (SIP Digest) and waits for registered. */
  public void registerWithDigest(String wwsfUrl, String impi, String impu, String password, Duration timeout) {
    open(wwsfUrl + "/ims");
    find("#impi").sendKeys(impi);
    find("#impu").sendKeys(impu);
    find("#password").sendKeys(password);
    find("#register").click();
    awaitAttribute("#state", "data-state", "registered", timeout);
  }

  /**
   * Issue 14: the bytes of audio and of video received so far on the page's current call, from
   * {@code RTCPeerConnection.getStats()} ({@code inbound-rtp}) of {@code window.wicPeer}; zeros without a call.
   */
  @SuppressWarnings("unchecked")
  public java.util.Map<String, Long> inboundMediaBytes() {
    Object stats = driver.executeAsyncScript("var done = arguments[arguments.length - 1], b = {audio: 0, video: 0};"
        + "if (!window.wicPeer) { done(b); return; }"
        + "window.wicPeer.getStats().then(function (r) { r.forEach(function (s) {"
        + "  if (s.type == 'inbound-rtp') b[s.kind] += s.bytesReceived || 0; }); done(b); },"
        + " function () { done(b); });");
    java.util.Map<String, Long> bytes = new java.util.HashMap<>();
    ((java.util.Map<String, Object>) stats).forEach((k, v) -> bytes.put(k, ((Number) v).longValue()));
    return bytes;
  }

  /** Waits until both the audio and the video bytes received ({@link #inboundMediaBytes}) grow. */
  public void awaitInboundAudioAndVideo(Duration timeout) {
    java.util.Map<String, Long> first = inboundMediaBytes();
    new WebDriverWait(driver, timeout).until(d -> {
      java.util.Map<String, Long> now = inboundMediaBytes();
      return now.get("audio") > first.get("audio") && now.get("video") > first.get("video");
    });
  }

  /** Runs {@code script} in the page (a function body: {@code return} gives the result). */
  public Object script(String script) {
    return driver.executeScript(script);
  }

  /**
   * Waits until the video element {@code id} plays a picture: it has a frame size, is not paused and runs. It is
   * scrolled into view first: Chromium pauses a muted autoplaying video while it is off screen.
   */
  public void awaitVideoPlaying(String id, Duration timeout) {
    String video = "var v = document.getElementById('" + id + "');";
    script(video + "v.scrollIntoView();");
    new WebDriverWait(driver, timeout).withMessage(() -> id + " " + script(video
            + "return {width: v.videoWidth, paused: v.paused, time: v.currentTime, stream: !!v.srcObject};"))
        .until(d -> (Boolean) script(video + "return v.videoWidth > 0 && !v.paused && v.currentTime > 0;"));
  }

  /** Opens a new tab of this browser (its own sessionStorage: its own UA instance) and switches to it. */
  public String newTab() {
    return driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB).getWindowHandle();
  }

  /** The tab the next commands go to. */
  public void switchTo(String tab) {
    driver.switchTo().window(tab);
  }

  /** PNG screenshot of one element (it is scrolled into view). */
  public byte[] screenshotOf(String css) {
    return find(css).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
  }

  /**
   * Kills this browser's processes (the ones started with its profile) without letting the page run any
   * unload code: its WebSocket connections die as in a crash or a lost network, not by a close handshake.
   */
  public void crash() {
    String marker = "--user-data-dir=" + profile;
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
  }

  /** Waits (polling the page, no sleeping) until the element's attribute has the value. */
  public void awaitAttribute(String css, String attribute, String value, Duration timeout) {
    new WebDriverWait(driver, timeout).until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return !found.isEmpty() && value.equals(found.get(0).getDomAttribute(attribute));
    });
  }

  /** Waits (polling the page, no sleeping) until the element's text is {@code text}. */
  public void awaitText(String css, String text, Duration timeout) {
    new WebDriverWait(driver, timeout).until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return !found.isEmpty() && text.equals(found.get(0).getText());
    });
  }

  public void awaitPresent(String css, Duration timeout) {
    new WebDriverWait(driver, timeout).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
  }

  /** The browser console so far (messages and uncaught errors), kept across calls. */
  public List<String> console() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(e.getLevel() + " " + e.getMessage());
    }
    return console;
  }

  /** PNG screenshot of the page. */
  public byte[] screenshot() {
    return driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
