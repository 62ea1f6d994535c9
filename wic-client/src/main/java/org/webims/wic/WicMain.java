package org.webims.wic;

import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.webims.wic.browser.BrowserMedia;
import org.webims.wic.browser.BrowserOptions;
import org.webims.wic.browser.BrowserRandom;
import org.webims.wic.browser.BrowserSessionSource;
import org.webims.wic.browser.BrowserStorage;
import org.webims.wic.browser.BrowserTimers;
import org.webims.wic.browser.BrowserWebSocket;
import org.webims.wic.browser.BrowserXml;
import org.webims.wic.browser.ClientPage;
import org.webims.wic.ua.CallAgent;
import org.webims.wic.ua.RegistrationAgent;
import org.webims.wic.ua.SessionSource;
import org.webims.wic.ua.WicConfig;

/**
 * Entry point of {@code wic.js}, the WebRTC IMS Client (3GPP TS 24.371) compiled by TeaVM.
 *
 * <p>Every {@code public static} method annotated with {@link JSExport} becomes a JavaScript function
 * of the same name: a global under a plain {@code <script>} tag, a property of {@code require("wic.js")}
 * in Node. Names start with {@code wic} because they land on {@code window}. Parameters and results
 * stay JS-friendly ({@code String}, numbers, {@code boolean}).
 *
 * <p>The registration agent puts sip-core's parser, typed views and Digest into the bundle, so the build
 * fails when sip-core stops compiling to JavaScript. The test-only exports ({@code wicDigestResponse},
 * {@code wicHash}) live in {@link WicTestExports}, compiled into a separate {@code wic-test.js} that is
 * not shipped (issue 7 moved them out to make room in the size budget).
 */
public final class WicMain {

    private WicMain() {
    }

    /**
     * Wires the client page (issue 4 contract: {@code #register}, {@code #deregister}, {@code #signout},
     * {@code #state}, {@code #impus}, {@code #log-entries}) to a registration agent that fetches its
     * token and identity from {@code sessionUrl} (normally {@code "/wic/session"}). {@code options} may be
     * left out: see {@link BrowserOptions} for the timers and the trusted WAF. Issue 14: the call panel's hooks
     * ({@code #callee}, {@code #call}, {@code #answer}, {@code #decline}, {@code #mute}, {@code #camera},
     * {@code #hangup}, {@code #call-state}) drive a {@link CallAgent} on the same registration, with
     * {@link BrowserMedia} (options {@code iceServers}, {@code iceGatheringTimeout}) for each call's media.
     */
    @JSExport
    public static void wicStart(String sessionUrl, JSObject options) {
        ClientPage page = ClientPage.current();
        bind(page, new BrowserSessionSource(sessionUrl), options);
    }

    /**
     * Scenario 1 (SIP Digest with IMS credentials): wires the same hooks plus {@code #impi}, {@code #impu}
     * and {@code #password}, read at each Register click; the WIC connects to {@code epcscfUrl} and
     * registers in {@code realm} (the home domain).
     */
    @JSExport
    public static void wicStartDigest(String epcscfUrl, String realm, JSObject options) {
        ClientPage page = ClientPage.current();
        bind(page, page.credentials(epcscfUrl, realm), options);
    }

    private static void bind(ClientPage page, SessionSource sessions, JSObject options) {
        BrowserTimers timers = new BrowserTimers();
        WicConfig config = BrowserOptions.read(options);
        RegistrationAgent agent = new RegistrationAgent(new BrowserWebSocket(), sessions, timers, timers,
                new BrowserStorage(), new BrowserRandom(), page, config, new BrowserXml());
        page.bind(agent, new CallAgent(agent, new BrowserMedia(options), timers, page, config));
    }

    /** Version of the WebIMS build that produced this {@code wic.js}. */
    @JSExport
    public static String wicVersion() {
        return WicVersion.VERSION;
    }
}
