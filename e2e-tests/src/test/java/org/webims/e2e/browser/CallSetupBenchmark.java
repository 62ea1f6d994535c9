package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.JsSipPhoneServer;
import org.webims.e2e.support.WebImsSystem;

/**
 * Issue 14 point 6, run on demand (tag {@code benchmark}, not in the default run): the time from a click on Call to
 * {@code connected} with media flowing (the first inbound RTP bytes in the caller's {@code getStats()}), two headless
 * Chromiums on loopback through the eP-CSCF and the IMS core, median and p90 over {@code webims.bench.calls} calls
 * (30) after 3 warm-up calls. The callee's page answers as soon as it rings (a MutationObserver clicks
 * {@code #answer}), so the figure is the system's, not a user's. Clients: {@code -Dwebims.bench.client=wic} (default:
 * the WIC, Alice with her token, Bob with Digest on {@code /ims}) or {@code jssip} (JsSIP 3.13.8 on both sides: the
 * server path with a third-party client).
 *
 * <p>Steps, each from the click, all measured in the caller's page with {@code performance.now()}: camera and
 * microphone granted ({@code getUserMedia} resolved), ICE gathering complete (the offer is complete, no trickle),
 * INVITE sent and 180 and 200 received (read off the page's SIP WebSocket), {@code #call-state} connected, ICE connected
 * and DTLS done ({@code iceConnectionState}, {@code connectionState} of {@code window.wicPeer}), the first RTP packet
 * (a receiver's synchronization sources) and the first inbound RTP bytes in {@code getStats()}.
 *
 * <pre>mvn -B -ntp -pl e2e-tests -am verify -Dtest=CallSetupBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DexcludedGroups=none [-Dwebims.bench.client=jssip]</pre>
 */
@Tag("benchmark")
class CallSetupBenchmark {

  private static final int WARM_UP = 3;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ALICE = "sip:alice@ims.example.net";
  private static final String BOB = "sip:bob@ims.example.net";
  private static final List<String> STEPS = List.of("devices", "gathered", "invite", "180", "200", "connected", "ice",
      "dtls", "rtp", "media");

  /** The callee answers the moment its page rings. */
  private static final String AUTO_ANSWER = ""
      + "const state = document.getElementById('call-state');"
      + "if (window.benchAnswer) { window.benchAnswer.disconnect(); }"
      + "window.benchAnswer = new MutationObserver(() => {"
      + "  if (state.getAttribute('data-state') === 'ringing') { document.getElementById('answer').click(); }"
      + "});"
      + "window.benchAnswer.observe(state, {attributes: true});";

  /**
   * One call from the caller's page: clicks Call and resolves with the step times (ms from the click), once connected
   * and the first inbound RTP bytes are in; or with the state if the call fails.
   */
  private static final String MEASURE = ""
      + "const done = arguments[arguments.length - 1];"
      + "const t = {}; const t0 = performance.now();"
      + "const at = (k) => { if (!(k in t)) { t[k] = performance.now() - t0; } };"
      + "const state = document.getElementById('call-state');"
      // The SIP on the page's WebSocket: INVITE out, 180 and 200 to it in.
      + "const send = WebSocket.prototype.send;"
      + "WebSocket.prototype.send = function (data) {"
      + "  if (typeof data === 'string' && data.startsWith('INVITE ')) {"
      + "    at('invite');"
      + "    this.addEventListener('message', (e) => {"
      + "      const m = String(e.data);"
      + "      if (/^CSeq:\\s*\\d+\\s+INVITE/mi.test(m)) {"
      + "        if (m.startsWith('SIP/2.0 180')) { at('180'); }"
      + "        if (m.startsWith('SIP/2.0 200')) { at('200'); }"
      + "      }"
      + "    });"
      + "  }"
      + "  return send.call(this, data);"
      + "};"
      // The camera and microphone: getUserMedia resolved.
      + "const gum = navigator.mediaDevices.getUserMedia;"
      + "navigator.mediaDevices.getUserMedia = function (c) {"
      + "  return gum.call(navigator.mediaDevices, c).then((s) => { at('devices'); return s; });"
      + "};"
      + "let finished = false;"
      + "const finish = (outcome) => {"
      + "  if (finished) { return; } finished = true;"
      + "  WebSocket.prototype.send = send; navigator.mediaDevices.getUserMedia = gum;"
      + "  obs.disconnect(); done([outcome, t]);"
      + "};"
      + "const obs = new MutationObserver(() => {"
      + "  const s = state.getAttribute('data-state');"
      + "  if (s === 'connected') { at('connected'); }"
      + "  if (s === 'failed' || s === 'ended') { finish(s); }"
      + "});"
      + "obs.observe(state, {attributes: true});"
      + "const deadline = t0 + 20000;"
      + "const poll = () => {"
      + "  if (finished) { return; }"
      + "  const pc = window.wicPeer;"
      + "  if (pc && pc.iceGatheringState === 'complete') { at('gathered'); }"
      + "  if (pc && pc.iceConnectionState === 'connected' || pc && pc.iceConnectionState === 'completed') { at('ice'); }"
      // A receiver lists a synchronization source once the first RTP packet of its track is in: unlike getStats()
      // (whose report Chromium caches for tens of milliseconds) it shows the packet at once.
      + "  if (pc && pc.getReceivers().some((r) => r.getSynchronizationSources().length > 0)) { at('rtp'); }"
      + "  if (pc && pc.connectionState === 'connected') { at('dtls'); }"
      + "  if (performance.now() > deadline) { finish('timeout'); return; }"
      + "  if (!pc || !('dtls' in t)) { setTimeout(poll, 2); return; }"
      + "  pc.getStats().then((stats) => {"
      + "    let bytes = 0;"
      + "    stats.forEach((r) => { if (r.type === 'inbound-rtp') { bytes += r.bytesReceived; } });"
      + "    if (bytes > 0) { at('media'); }"
      + "    if ('media' in t && 'connected' in t) { finish('connected'); } else { setTimeout(poll, 2); }"
      + "  });"
      + "};"
      + "window.wicPeer = null;"
      + "document.getElementById('call').click();"
      + "poll();";

  @TempDir
  Path dir;

  @Test
  void clickOnCallToConnectedWithMediaFlowing() throws Exception {
    String client = System.getProperty("webims.bench.client", "wic");
    int calls = Integer.getInteger("webims.bench.calls", 30);
    String loadBefore = loadAverage();
    try (JsSipPhoneServer jssip = JsSipPhoneServer.start(dir);
        WebImsSystem system = WebImsSystem.start(dir, List.of(), List.of(),
            List.of("--webims.epcscf.websocket.allowed-origins=" + jssip.origin()));
        Browser alice = Browser.start();
        Browser bob = Browser.start()) {
      if (client.equals("jssip")) {
        jssip.register(alice, system.epcscfUrl(), ALICE, "alice_private@ims.example.net", "s3cret-webrtc", WAIT);
        jssip.register(bob, system.epcscfUrl(), BOB, "bob_private@ims.example.net", "bob-webrtc", WAIT);
      } else {
        alice.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
        alice.awaitPresent("#register", WAIT);
        alice.find("#register").click();
        alice.awaitAttribute("#state", "data-state", "registered", WAIT);
        bob.registerWithDigest(system.wwsfUrl(), "bob_private@ims.example.net", BOB, "bob-webrtc", WAIT);
      }
      alice.type("#callee", BOB);
      Map<String, List<Double>> steps = new LinkedHashMap<>();
      STEPS.forEach(s -> steps.put(s, new ArrayList<>()));
      List<Double> total = new ArrayList<>();
      for (int i = 0; i < WARM_UP + calls; i++) {
        ((JavascriptExecutor) bob.driver()).executeScript(AUTO_ANSWER);
        @SuppressWarnings("unchecked")
        List<Object> r = (List<Object>) ((JavascriptExecutor) alice.driver()).executeAsyncScript(MEASURE);
        assertThat(r.get(0)).as("call %d: %s", i, r).isEqualTo("connected");
        @SuppressWarnings("unchecked")
        Map<String, Number> t = (Map<String, Number>) r.get(1);
        if (i >= WARM_UP) {
          STEPS.forEach(s -> steps.get(s).add(t.containsKey(s) ? t.get(s).doubleValue() : Double.NaN));
          total.add(Math.max(t.get("connected").doubleValue(), t.get("media").doubleValue()));
        }
        alice.find("#hangup").click();
        alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
        bob.awaitAttribute("#call-state", "data-state", "ended", WAIT);
      }
      System.out.printf("%s -> %s, %d calls on loopback; load average before: %s, after: %s%n", client, client,
          calls, loadBefore, loadAverage());
      System.out.printf("click -> connected with media flowing: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n",
          percentile(total, 50), percentile(total, 90), percentile(total, 0), percentile(total, 100));
      for (String s : STEPS) {
        List<Double> seen = steps.get(s).stream().filter(v -> !v.isNaN()).toList();
        System.out.printf("  click -> %-9s median %7.1f ms, p90 %7.1f ms (seen in %d calls)%n", s,
            seen.isEmpty() ? Double.NaN : percentile(seen, 50), seen.isEmpty() ? Double.NaN : percentile(seen, 90),
            seen.size());
      }
    }
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  /** Nearest rank. */
  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.round(p / 100.0 * (sorted.size() - 1));
    return sorted.get(index);
  }
}
