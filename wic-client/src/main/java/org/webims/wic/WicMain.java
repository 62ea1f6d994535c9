package org.webims.wic;

import org.webims.sip.syntax.Utf8;
import java.security.SecureRandom;
import org.teavm.jso.JSExport;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Hex;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.wic.browser.BrowserSessionSource;
import org.webims.wic.browser.BrowserStorage;
import org.webims.wic.browser.BrowserTimers;
import org.webims.wic.browser.BrowserWebSocket;
import org.webims.wic.browser.ClientPage;
import org.webims.wic.ua.RegistrationAgent;
import org.webims.wic.ua.SessionSource;

/**
 * Entry point of {@code wic.js}, the WebRTC IMS Client (3GPP TS 24.371) compiled by TeaVM.
 *
 * <p>Every {@code public static} method annotated with {@link JSExport} becomes a JavaScript function
 * of the same name: a global under a plain {@code <script>} tag, a property of {@code require("wic.js")}
 * in Node. Names start with {@code wic} because they land on {@code window}. Parameters and results
 * stay JS-friendly ({@code String}, numbers, {@code boolean}).
 *
 * <p>The registration agent puts sip-core's parser, typed views and Digest into the bundle, so the build
 * fails when sip-core stops compiling to JavaScript; {@code wicDigestResponse} and {@code wicHash} let
 * {@code WicJsSmokeTest} compare the compiled Digest and hashes with the JVM. (Issue 5 removed the
 * {@code wicParse} export, a test-only JSON view of the parser, to make room for scenario 1.)
 */
public final class WicMain {

    private WicMain() {
    }

    /**
     * Wires the client page (issue 4 contract: {@code #register}, {@code #deregister}, {@code #signout},
     * {@code #state}, {@code #impus}, {@code #log-entries}) to a registration agent that fetches its
     * token and identity from {@code sessionUrl} (normally {@code "/wic/session"}).
     */
    @JSExport
    public static void wicStart(String sessionUrl) {
        ClientPage page = ClientPage.current();
        bind(page, new BrowserSessionSource(sessionUrl));
    }

    /**
     * Scenario 1 (SIP Digest with IMS credentials): wires the same hooks plus {@code #impi}, {@code #impu}
     * and {@code #password}, read at each Register click; the WIC connects to {@code epcscfUrl} and
     * registers in {@code realm} (the home domain).
     */
    @JSExport
    public static void wicStartDigest(String epcscfUrl, String realm) {
        ClientPage page = ClientPage.current();
        bind(page, callback -> page.credentials(epcscfUrl, realm, callback));
    }

    private static void bind(ClientPage page, SessionSource sessions) {
        page.bind(new RegistrationAgent(BrowserWebSocket::open, sessions, new BrowserTimers(),
                System::currentTimeMillis, new BrowserStorage(), new SecureRandom(), page));
    }

    /** Version of the WebIMS build that produced this {@code wic.js}. */
    @JSExport
    public static String wicVersion() {
        return WicVersion.VERSION;
    }

    /** The RFC 7616 §3.4.1 response; algorithm is a wire token such as {@code SHA-256}. */
    @JSExport
    public static String wicDigestResponse(String algorithm, String username, String realm, String password,
            String method, String uri, String nonce, String nc, String cnonce, String qop) {
        DigestAlgorithm alg = DigestAlgorithm.fromToken(algorithm);
        if (alg == null) {
            return "unsupported algorithm";
        }
        return Rfc7616Response.compute(alg, username, realm, password, method, uri, nonce, nc, cnonce, qop, null);
    }

    /** Lower-case hex of the algorithm's hash of the UTF-8 text; lets tests compare JS with the JVM. */
    @JSExport
    public static String wicHash(String algorithm, String text) {
        DigestAlgorithm alg = DigestAlgorithm.fromToken(algorithm);
        if (alg == null) {
            return "unsupported algorithm";
        }
        return Hex.encode(alg.newHashFunction().digest(Utf8.encode(text)));
    }
}
