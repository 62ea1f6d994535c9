package org.webims.wic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;

/**
 * Runs the built wic.js as a plain script in Node against a fake client page (the issue 4 contract's
 * ids), fake XMLHttpRequest, WebSocket and localStorage ({@code wic-page-harness.cjs}), and checks that
 * {@code wicStart} wires the page: Register, the REGISTER on the wire, the state and IMPUs shown, the
 * sign-out form held until the deregistration's 200, the WebSocket closed with 1000, the log shortened.
 * Also a signed-out browser (401 from {@code /wic/session}), a server that does not select {@code sip}, and
 * scenario 1: {@code wicStartDigest} with IMPI, IMPU and password typed into the page, the Digest answer
 * computed in JavaScript compared with the JVM's.
 * The JSON the harness prints is checked as text, so the test needs no JSON library.
 */
class WicPageWiringTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload-payload.signature";
    private static String result;
    private static String signedOut;
    private static String noSip;
    private static String digest;
    private static String pageHide;
    private static String options;
    private static String digestImsOrder;
    private static String digestSha512Only;

    @BeforeAll
    static void runHarness(@TempDir Path tmp) throws Exception {
        result = run(tmp, "register");
        signedOut = run(tmp, "signed-out");
        noSip = run(tmp, "no-sip");
        digest = run(tmp, "digest");
        pageHide = run(tmp, "pagehide");
        options = run(tmp, "options");
        digestImsOrder = run(tmp, "digest-ims-order");
        digestSha512Only = run(tmp, "digest-sha512-only");
    }

    private static String run(Path tmp, String scenario) throws Exception {
        Path output = tmp.resolve(scenario + ".txt");
        Process node = new ProcessBuilder(WicJsFile.nodeExecutable(), harness().toString(),
                WicJsFile.PATH.toAbsolutePath().toString(), scenario)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = node.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            node.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("node finished; output:%n%s", text).isTrue();
        assertThat(node.exitValue()).as("node exit code; output:%n%s", text).isZero();
        return text;
    }

    /**
     * "registered until" with date, time and the browser's UTC offset (issue 12 item 9):
     * {@code Fri Dec 04 2026 18:37:48 GMT+0100}.
     */
    static final String DATE_TIME_ZONE = "[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d GMT[+-]\\d{4}";

    @Test
    void signedOutBrowserShowsNotSignedInAndOpensNoSocket() {
        assertThat(signedOut).contains("\"sockets\":[]").contains("\"sent\":[]")
                .contains("\"error|error: not signed in\"");
    }

    @Test
    void socketWithoutSubprotocolSipIsClosedBeforeAnySip() {
        assertThat(noSip).contains("\"sent\":[]").contains("\"closeCode\":1000")
                .contains("\"error|error: server did not select subprotocol sip\"");
    }

    @Test
    void registerClickFetchesTheSessionOnceAndOpensOneSocketWithSubprotocolSip() {
        assertThat(result).contains("\"xhr\":[\"GET /wic/session\"]")
                .contains("\"sockets\":[\"wss://localhost:7443 sip\"]");
    }

    @Test
    void stateGoesThroughTheContractStatesWithTheRegisteredUntilTime() {
        assertThat(result).containsPattern("\"states\":\\[\"idle\\|idle\",\"connecting\\|connecting\","
                + "\"registering\\|registering\",\"registered\\|registered until " + DATE_TIME_ZONE + "\","
                + "\"deregistering\\|deregistering\",\"deregistered\\|deregistered\"]");
    }

    @Test
    void associatedUrisAreListedOneLiEach() {
        assertThat(result).contains("\"impus\":[\"LI sip:alice@ims.example.net\",\"LI tel:+15551230001\"]");
    }

    @Test
    void registerThenDeregisterGoOnTheWireAndTheSocketClosesWith1000() {
        assertThat(result).contains("REGISTER sip:ims.example.net SIP/2.0\\r\\nVia: SIP/2.0/WSS ")
                .contains("Expires: 600000\\r\\n").contains("Expires: 0\\r\\n").contains("CSeq: 2 REGISTER")
                .contains("Authorization: Bearer " + TOKEN + "\\r\\n").contains("\"closeCode\":1000");
    }

    @Test
    void signOutWaitsForTheDeregistrationThenSubmits() {
        assertThat(result).contains("\"signoutPrevented\":true").contains("\"submittedBeforeOk\":0")
                .contains("\"submittedAfterOk\":1");
    }

    @Test
    void logShowsEveryMessageWithTheTokenShortened() {
        String log = result.substring(result.indexOf("\"log\":"));
        assertThat(log).doesNotContain(TOKEN).contains("Authorization: Bearer eyJhbGci\u2026\\r\\n")
                .contains("\u2192 sent ", "\u2190 received ");
    }

    @Test
    void digestModeReadsTheInputsAtRegisterAndNeedsNoSession() {
        assertThat(digest).contains("\"xhr\":[]").contains("\"sockets\":[\"wss://localhost:7443 sip\"]")
                .contains("\"passwordFieldAfterRegister\":\"\"")
                .contains("From: <sip:alice@ims.example.net>;tag=");
    }

    @Test
    void digestModeSendsTheEmptyResponseThenTheAnswerThenTheDeregistrationWithNc2() {
        String[] sent = sent(digest);
        assertThat(sent).hasSize(3);
        assertThat(sent[0]).contains("CSeq: 1 REGISTER\\r\\n").contains("Authorization: Digest "
                + "username=\\\"alice_private@ims.example.net\\\", realm=\\\"ims.example.net\\\", "
                + "uri=\\\"sip:ims.example.net\\\", nonce=\\\"\\\", response=\\\"\\\"\\r\\n");
        assertThat(sent[1]).contains("CSeq: 2 REGISTER").contains("Expires: 600000")
                .contains("algorithm=SHA-256, cnonce=").contains("opaque=\\\"e3b0c442\\\", qop=auth, nc=00000001");
        assertThat(sent[2]).contains("CSeq: 3 REGISTER").contains("Expires: 0").contains("nc=00000002");
        for (int i = 1; i < 3; i++) {
            String cnonce = between(sent[i], "cnonce=\\\"", "\\\"");
            assertThat(between(sent[i], "response=\\\"", "\\\"")).as("response %d", i).isEqualTo(
                    Rfc7616Response.compute(DigestAlgorithm.SHA_256, "alice_private@ims.example.net", "ims.example.net",
                            "s3cret-webrtc", "REGISTER", "sip:ims.example.net", "5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c",
                            "0000000" + i, cnonce, "auth", null));
        }
        assertThat(digest).contains("\"closeCode\":1000");
    }

    /**
     * WIC-23 as served: wic.js answers Digest with MD5 and SHA-256 only (SHA-512/256 stays on the servers,
     * docs/wic.md "Size"), so of the IMS core's default challenges SHA-512-256, SHA-256, MD5 it answers the
     * topmost it supports, SHA-256.
     */
    @Test
    void wic23OfTheImsCoresDefaultChallengesTheBrowserAnswersSha256() {
        String[] sent = sent(digestImsOrder);
        assertThat(sent).hasSize(3);
        assertThat(sent[1]).contains("CSeq: 2 REGISTER").contains("algorithm=SHA-256, cnonce=");
        String cnonce = between(sent[1], "cnonce=\\\"", "\\\"");
        assertThat(between(sent[1], "response=\\\"", "\\\"")).isEqualTo(Rfc7616Response.compute(
                DigestAlgorithm.SHA_256, "alice_private@ims.example.net", "ims.example.net", "s3cret-webrtc",
                "REGISTER", "sip:ims.example.net", "5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c", "00000001", cnonce, "auth", null));
        assertThat(digestImsOrder).contains("\"registered|registered until ");
    }

    /** WIC-23: a 401 whose only challenge is SHA-512-256 is not answered by wic.js; the page says why. */
    @Test
    void wic23ASha512t256ChallengeAloneIsAClearFailureInTheBrowser() {
        assertThat(sent(digestSha512Only)).hasSize(1);
        assertThat(digestSha512Only)
                .contains("\"error|error: 401 Unauthorized without a supported Digest challenge\"");
    }

    @Test
    void digestModeShowsTheStatesAndNeverShowsOrStoresThePassword() {
        assertThat(digest).containsPattern("\"states\":\\[\"idle\\|idle\",\"registering\\|registering\","
                + "\"registering\\|registering\",\"registered\\|registered until " + DATE_TIME_ZONE + "\","
                + "\"deregistering\\|deregistering\",\"deregistered\\|deregistered\"]")
                .contains("\"impus\":[\"LI sip:alice@ims.example.net\",\"LI tel:+15551230001\"]")
                .contains("\"stored\":{\"webims.wic.instance\":")
                .doesNotContain("s3cret-webrtc");
    }

    /**
     * Issue 12 item 9: each tab is its own UA instance. The +sip.instance lives in the tab's sessionStorage (kept
     * across reloads), not in localStorage, which every tab of the browser shares.
     */
    @Test
    void theInstanceLivesInTheTabsSessionStorageNotInLocalStorage() {
        assertThat(digest).containsPattern("\"stored\":\\{\"webims.wic.instance\":\"[0-9a-f-]{36}\"}")
                .contains("\"local\":{}");
    }

    @Test
    void afterTheFirstRegistrationTheRegSubscribeGoesOut() {
        // WIC-16 from the compiled agent: Event reg, Accept reginfo, Expires 600000, along the Service-Route.
        String subscribe = Arrays.stream(all(result)).filter(m -> m.startsWith("SUBSCRIBE ")).findFirst().orElseThrow();
        assertThat(subscribe).startsWith("SUBSCRIBE sip:alice@ims.example.net SIP/2.0").contains("Event: reg\\r\\n")
                .contains("Accept: application/reginfo+xml\\r\\n").contains("Expires: 600000\\r\\n")
                .contains("CSeq: 1 SUBSCRIBE");
    }

    @Test
    void pageHideSendsTheDeregistrationAndClosesTheSocket() {
        // Closing or reloading the tab (issue 7): REGISTER Expires 0 goes out, then the socket closes with 1000.
        String[] registers = sent(pageHide);
        assertThat(registers).hasSize(2);
        assertThat(registers[1]).contains("Expires: 0\\r\\n").contains("CSeq: 2 REGISTER");
        assertThat(pageHide).contains("\"closeCode\":1000").contains("\"deregistered|deregistered\"");
    }

    @Test
    void startOptionsSetTheTrustedWafAndTheKeepAliveTimes() {
        // WIC-32 with the WAF named in the options: one more session fetch, the REGISTER again with CSeq 2.
        assertThat(options).contains("\"xhr\":[\"GET /wic/session\",\"GET /wic/session\"]");
        String[] registers = sent(options);
        assertThat(registers).hasSize(2);
        assertThat(registers[1]).contains("CSeq: 2 REGISTER");
        // Keep-alive every 20 ms, no pong within 30 ms: the connection counts as lost.
        assertThat(Arrays.asList(all(options))).contains("\\r\\n\\r\\n");
        assertThat(options).contains("\"reconnecting|reconnecting (attempt 1): connection lost\"")
                .contains("\"attempt\":\"1\"").contains("\"closeCode\":1000");
    }

    /** The REGISTERs of the "sent" array of the harness's JSON, still JSON-escaped. */
    private static String[] sent(String json) {
        return Arrays.stream(all(json)).filter(m -> m.startsWith("REGISTER ")).toArray(String[]::new);
    }

    /** Every message of the "sent" array, still JSON-escaped. */
    private static String[] all(String json) {
        String list = between(json, "\"sent\":[\"", "\"],");
        return list.split("\",\"");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static Path harness() throws URISyntaxException {
        return Path.of(WicPageWiringTest.class.getResource("/wic-page-harness.cjs").toURI());
    }
}
