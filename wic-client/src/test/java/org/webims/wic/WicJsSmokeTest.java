package org.webims.wic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the test-only bundle {@code wic-test.js} (the same sip-core Digest code as wic.js, with the
 * exports of {@link WicTestExports}; a second TeaVM execution) in Node, both as Node loads it ({@code require}) and as a plain {@code <script>}
 * tag sees it (exports on the global object), and checks that every exported function gives exactly
 * what the same Java method gives on the JVM: the Digest responses of the checklist's §5.4 vector for
 * every algorithm the WIC answers with in the browser (the registration agent's own code path), and each hash
 * for every input length up to 300 bytes. SHA-512-256 is sip-core's on the JVM only: the bundles are built
 * without it ({@code BrowserHashFunctions}), so in JavaScript it is an unsupported algorithm (WIC-23). The SIP
 * parser in JavaScript is exercised by {@code WicPageWiringTest}.
 */
class WicJsSmokeTest {

    private static final long NODE_TIMEOUT_SECONDS = 60;
    private static final List<String[]> CALLS = new ArrayList<>();
    private static final Map<String, String> JS_RESULTS = new HashMap<>();

    @BeforeAll
    static void runHarness(@TempDir Path tmp) throws Exception {
        for (String alg : new String[] {"MD5", "SHA-256", "SHA-256-sess"}) {
            CALLS.add(new String[] {"wicDigestResponse", alg, "alice_private@ims.example.net", "ims.example.net",
                "s3cret-webrtc", "REGISTER", "sip:ims.example.net", "5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c", "00000001",
                "0a4f113b", "auth"});
            StringBuilder text = new StringBuilder();
            for (int n = 0; n <= 300; n++) {
                CALLS.add(new String[] {"wicHash", alg, text.toString()});
                text.append((char) ('a' + n % 26));
            }
        }
        CALLS.add(new String[] {"wicHash", "SHA-256", "h\u00e9llo \u20ac \ud83d\ude00"});
        CALLS.add(new String[] {"wicVersion"});
        CALLS.add(new String[] {"wicHash", "SHA-512-256", "abc"});
        CALLS.add(new String[] {"wicDigestResponse", "SHA-512-256", "alice_private@ims.example.net", "ims.example.net",
            "s3cret-webrtc", "REGISTER", "sip:ims.example.net", "5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c", "00000001",
            "0a4f113b", "auth"});

        Path calls = tmp.resolve("calls.txt");
        StringBuilder lines = new StringBuilder();
        for (String[] call : CALLS) {
            lines.append(call[0]);
            for (int i = 1; i < call.length; i++) {
                lines.append('\t').append(Base64.getEncoder().encodeToString(call[i].getBytes(StandardCharsets.UTF_8)));
            }
            lines.append('\n');
        }
        Files.writeString(calls, lines.toString());

        Path output = tmp.resolve("node-output.txt");
        Process node = new ProcessBuilder(WicJsFile.nodeExecutable(), harnessScript().toString(),
                WicJsFile.TEST_PATH.toAbsolutePath().toString(), calls.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            node.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("node finished within %d s; output:%n%s", NODE_TIMEOUT_SECONDS, text).isTrue();
        assertThat(node.exitValue()).as("node exit code; output:%n%s", text).isZero();
        for (String line : text.split("\n")) {
            String[] cols = line.split("\t");
            if (cols.length == 3) {
                JS_RESULTS.put(cols[0] + " " + cols[1],
                        new String(Base64.getDecoder().decode(cols[2]), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void everyCallGivesTheJvmResultWhenRequiredInNode() {
        assertSameAsJvm("node");
    }

    @Test
    void everyCallGivesTheJvmResultWhenLoadedAsAPlainScript() {
        assertSameAsJvm("script");
    }

    @Test
    void checklistVectorsGiveTheChecklistResponses() {
        // §5.4: SHA-256 and MD5 of the same inputs (conformance checklist).
        assertThat(jvm(CALLS.get(0))).isEqualTo("cb26142a5d7f13150e112cd1c6da6e7b");
        assertThat(jvm(CALLS.get(302))).isEqualTo("184a6ce536be2bb86580e428b53a5142a64a9f55176929b6bd29b03319a5d49a");
        assertThat(JS_RESULTS.get("script 302")).isEqualTo(jvm(CALLS.get(302)));
    }

    /** WIC-23: the browser's bundles have no SHA-512/256 (the JVM's sip-core has); the exports say so. */
    @Test
    void sha512t256IsAnUnsupportedAlgorithmInJavaScript() {
        int last = CALLS.size() - 1;
        for (String how : new String[] {"node", "script"}) {
            assertThat(JS_RESULTS.get(how + " " + (last - 1))).as(how + " wicHash").isEqualTo("unsupported algorithm");
            assertThat(JS_RESULTS.get(how + " " + last)).as(how + " wicDigestResponse")
                    .isEqualTo("unsupported algorithm");
        }
    }

    private static void assertSameAsJvm(String how) {
        for (int i = 0; i < CALLS.size() - 2; i++) {
            String[] call = CALLS.get(i);
            assertThat(JS_RESULTS.get(how + " " + i)).as("%s %s #%d", how, call[0], i).isEqualTo(jvm(call));
        }
    }

    private static String jvm(String[] c) {
        switch (c[0]) {
            case "wicDigestResponse":
                return WicTestExports.wicDigestResponse(c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10]);
            case "wicHash":
                return WicTestExports.wicHash(c[1], c[2]);
            case "wicVersion":
                return WicTestExports.wicVersion();
            default:
                throw new IllegalArgumentException(c[0]);
        }
    }

    private static Path harnessScript() throws URISyntaxException {
        return Path.of(WicJsSmokeTest.class.getResource("/wic-harness.cjs").toURI());
    }
}
