package org.webims.e2e.browser;

import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.WebImsSystem;

/**
 * Makes the user guide's screenshot of a call ({@code docs/images/call.png}): Alice's and Bob's call panels side by
 * side while they talk (Chromium's fake camera), on demand (tag {@code docs}):
 *
 * <pre>mvn -B -ntp -pl e2e-tests -am verify -Dtest=CallScreenshot -Dsurefire.failIfNoSpecifiedTests=false -DexcludedGroups=none</pre>
 */
@Tag("docs")
class CallScreenshot {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void twoBrowsersInACall() throws Exception {
    try (WebImsSystem system = WebImsSystem.start(dir); Browser alice = Browser.start(); Browser bob = Browser.start()) {
      alice.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
      alice.awaitPresent("#register", WAIT);
      alice.find("#register").click();
      alice.awaitAttribute("#state", "data-state", "registered", WAIT);
      bob.registerWithDigest(system.wwsfUrl(), "bob_private@ims.example.net", "sip:bob@ims.example.net",
          "bob-webrtc", WAIT);
      alice.type("#callee", "sip:bob@ims.example.net");
      alice.find("#call").click();
      bob.awaitAttribute("#call-state", "data-state", "ringing", WAIT);
      bob.find("#answer").click();
      alice.awaitAttribute("#call-state", "data-state", "connected", WAIT);
      for (Browser b : new Browser[] {alice, bob}) {
        await().atMost(WAIT).until(() -> b.inboundMediaBytes().get("video") > 50_000);
      }
      for (Browser b : new Browser[] {alice, bob}) { // tall enough for the whole call panel
        b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(900, 2000));
      }
      BufferedImage left = ImageIO.read(new ByteArrayInputStream(alice.screenshotOf("#call-panel")));
      BufferedImage right = ImageIO.read(new ByteArrayInputStream(bob.screenshotOf("#call-panel")));
      int gap = 16;
      BufferedImage both = new BufferedImage(left.getWidth() + gap + right.getWidth(),
          Math.max(left.getHeight(), right.getHeight()), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = both.createGraphics();
      g.setColor(new Color(0xf4, 0xf6, 0xf9)); // the page's background
      g.fillRect(0, 0, both.getWidth(), both.getHeight());
      g.drawImage(left, 0, 0, null);
      g.drawImage(right, left.getWidth() + gap, 0, null);
      g.dispose();
      Path out = Path.of("..", "docs", "images", "call.png");
      Files.createDirectories(out.getParent());
      ImageIO.write(both, "png", out.toFile());
      System.out.println("wrote " + out.toAbsolutePath().normalize());
    }
  }
}
