package org.webims.wic;

import org.teavm.jso.JSExport;

/**
 * Entry point of {@code wic.js}, the WebRTC IMS Client (3GPP TS 24.371) compiled by TeaVM.
 *
 * <p>Every {@code public static} method annotated with {@link JSExport} becomes a JavaScript function
 * of the same name: a global under a plain {@code <script>} tag, a property of {@code require("wic.js")}
 * in Node. To export more, add such a method here; keep parameters and results to JS-friendly types
 * ({@code String}, {@code int}, {@code double}, {@code boolean}, or a JSO interface).
 */
public final class WicMain {

    private WicMain() {
    }

    /** Version of the WebIMS build that produced this {@code wic.js}. */
    @JSExport
    public static String version() {
        return WicVersion.VERSION;
    }

    /**
     * Runs {@link WicSelfTest} inside the compiled client: {@code "ok"} when the Java features the SIP
     * codec relies on behave as on the JVM, otherwise {@code "fail: "} and the name of the first failed check.
     */
    @JSExport
    public static String wicSelfTest() {
        return WicSelfTest.run();
    }
}
