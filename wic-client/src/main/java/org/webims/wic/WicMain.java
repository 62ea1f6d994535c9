package org.webims.wic;

import org.webims.sip.syntax.Utf8;
import java.security.SecureRandom;
import java.util.List;
import org.teavm.jso.JSExport;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Hex;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.wic.browser.BrowserSessionSource;
import org.webims.wic.browser.BrowserStorage;
import org.webims.wic.browser.BrowserTimers;
import org.webims.wic.browser.BrowserWebSocket;
import org.webims.wic.browser.ClientPage;
import org.webims.wic.ua.RegistrationAgent;

/**
 * Entry point of {@code wic.js}, the WebRTC IMS Client (3GPP TS 24.371) compiled by TeaVM.
 *
 * <p>Every {@code public static} method annotated with {@link JSExport} becomes a JavaScript function
 * of the same name: a global under a plain {@code <script>} tag, a property of {@code require("wic.js")}
 * in Node. Names start with {@code wic} because they land on {@code window}. Parameters and results
 * stay JS-friendly ({@code String}, numbers, {@code boolean}).
 *
 * <p>These exports put sip-core's parser, typed views and Digest into the bundle, so the build fails
 * when sip-core stops compiling to JavaScript; the registration client builds on the same code.
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
        page.bind(new RegistrationAgent(BrowserWebSocket::open, new BrowserSessionSource(sessionUrl),
                new BrowserTimers(), System::currentTimeMillis, new BrowserStorage(), new SecureRandom(), page));
    }

    /** Version of the WebIMS build that produced this {@code wic.js}. */
    @JSExport
    public static String wicVersion() {
        return WicVersion.VERSION;
    }

    /**
     * Parses one SIP message as a WebSocket text message carries it (RFC 7118) and returns JSON:
     * {@code {"ok":true,...}} with the start line, Call-ID, CSeq, top Via branch and challenges, or
     * {@code {"ok":false,"status":400,"reason":"..."}}.
     */
    @JSExport
    public static String wicParse(String text) {
        try {
            SipMessage m = SipParser.DEFAULT.parse(text);
            m.validate();
            Via via = m.topVia();
            Json json = new Json().field("ok", true).field("request", m.isRequest()).field("startLine", m.startLine())
                    .field("callId", m.callId()).field("cseq", m.cseq().toString()).field("branch", via.branch())
                    .field("transport", via.transport()).field("bodyLength", m.bodyLength());
            if (m instanceof SipRequest) {
                json.field("method", ((SipRequest) m).method()).field("requestUri", ((SipRequest) m).requestUri().toString());
            } else {
                json.field("status", ((SipResponse) m).statusCode());
            }
            return json.raw("challenges", challenges(m.authValues(HeaderNames.WWW_AUTHENTICATE))).toString();
        } catch (SipParseException e) {
            return new Json().field("ok", false).field("status", e.statusCode()).field("reason", e.reason()).toString();
        }
    }

    private static String challenges(List<AuthValue> values) throws SipParseException {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            AuthValue v = values.get(i);
            Json json = new Json().field("scheme", v.scheme());
            if (v.isScheme("Digest")) {
                DigestChallenge d = DigestChallenge.from(v);
                json.field("realm", d.realm()).field("nonce", d.nonce()).field("algorithm", d.algorithm())
                        .field("stale", d.stale());
            }
            sb.append(i == 0 ? "" : ",").append(json);
        }
        return sb.append(']').toString();
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
