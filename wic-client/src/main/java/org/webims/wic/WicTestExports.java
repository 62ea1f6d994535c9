package org.webims.wic;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.HashFunction;
import org.webims.sip.digest.Hex;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.reginfo.Contact;
import org.webims.sip.reginfo.ContactIdentity;
import org.webims.sip.reginfo.RegInfo;
import org.webims.sip.reginfo.RegInfoReader;
import org.webims.sip.reginfo.ReginfoException;
import org.webims.sip.reginfo.Registration;
import org.webims.sip.reginfo.XmlParser;
import org.webims.sip.syntax.Utf8;
import org.webims.wic.browser.BrowserMedia;
import org.webims.wic.ua.MediaSession;
import org.webims.wic.browser.BrowserXml;

/**
 * Test-only exports, compiled by a second TeaVM execution into {@code target/wic-test/wic-test.js}
 * (never into the shipped {@code wic.js}): {@code WicJsSmokeTest} compares the compiled Digest and
 * hashes with the JVM through them; {@code BrowserMediaLoopbackTest} (e2e-tests) runs {@link BrowserMedia}
 * without the call logic through {@link #wicMediaLoopback}.
 */
public final class WicTestExports {

    private WicTestExports() {
    }

    /**
     * The RFC 7616 §3.4.1 response; algorithm is a wire token such as {@code SHA-256}. "unsupported algorithm" for
     * an unknown token and, in JavaScript, for SHA-512-256 (BrowserHashFunctions).
     */
    @JSExport
    public static String wicDigestResponse(String algorithm, String username, String realm, String password,
            String method, String uri, String nonce, String nc, String cnonce, String qop) {
        DigestAlgorithm alg = DigestAlgorithm.fromToken(algorithm);
        if (alg == null || alg.newHashFunction() == null) {
            return "unsupported algorithm";
        }
        return Rfc7616Response.compute(alg, username, realm, password, method, uri, nonce, nc, cnonce, qop, null);
    }

    /** Lower-case hex of the algorithm's hash of the UTF-8 text; lets tests compare JS with the JVM. */
    @JSExport
    public static String wicHash(String algorithm, String text) {
        DigestAlgorithm alg = DigestAlgorithm.fromToken(algorithm);
        HashFunction hash = alg == null ? null : alg.newHashFunction();
        if (hash == null) {
            return "unsupported algorithm";
        }
        return Hex.encode(hash.digest(Utf8.encode(text)));
    }

    /**
     * Two {@link BrowserMedia} sessions of one page connected to each other: the first offers, the second answers,
     * the first accepts. The outcome goes to {@code window.wicLoopback} ({@code connected} or {@code failed: } and
     * the words), the offer to {@code window.wicLoopbackOffer}; {@code window.wicPeer} is the answering side's.
     * {@code options} as {@code wicStart}'s.
     */
    @JSExport
    public static void wicMediaLoopback(org.teavm.jso.JSObject options) {
        BrowserMedia factory = new BrowserMedia(options);
        MediaSession offerer = factory.create();
        offerer.offer(new LoopbackStep(offerer, factory.create(), 0));
    }

    /** One step of {@link #wicMediaLoopback}: 0 the offer, 1 the answer, 2 accepted. */
    private static final class LoopbackStep implements MediaSession.Callback {
        private final MediaSession offerer;
        private final MediaSession answerer;
        private final int step;

        LoopbackStep(MediaSession offerer, MediaSession answerer, int step) {
            this.offerer = offerer;
            this.answerer = answerer;
            this.step = step;
        }

        @Override
        public void onSdp(String sdp) {
            if (step == 0) {
                report("wicLoopbackOffer", sdp);
                answerer.answer(sdp, new LoopbackStep(offerer, answerer, 1));
            } else if (step == 1) {
                offerer.accept(sdp, new LoopbackStep(offerer, answerer, 2));
            } else {
                report("wicLoopback", "connected");
            }
        }

        @Override
        public void onMediaFailure(String reason) {
            report("wicLoopback", "failed: " + reason);
        }
    }

    @JSBody(params = {"k", "v"}, script = "window[k] = v;")
    private static native void report(String k, String v);

    /** WIC-44: the reginfo document as wic.js reads it (the browser's DOMParser), in {@link #regInfo}'s words. */
    @JSExport
    public static String wicRegInfo(String xml) {
        return regInfo(xml, new BrowserXml());
    }

    /**
     * Everything RegInfoReader gives for {@code xml} read by {@code parser}, and the event with which it
     * ends the binding of {@code sip:k2not68h@df7jal23ls0d.invalid;transport=ws}, instance
     * {@code urn:uuid:a384eef3-...}, reg-id 1; "unreadable" when refused.
     */
    static String regInfo(String xml, XmlParser parser) {
        RegInfo info;
        try {
            info = RegInfoReader.read(xml, RegInfoReader.DEFAULT_MAX_BYTES, parser);
        } catch (ReginfoException e) {
            return "unreadable";
        }
        StringBuilder b = new StringBuilder().append(info.version()).append(' ').append(info.state());
        for (Registration r : info.registrations()) {
            b.append("\n").append(r.aor()).append(' ').append(r.id()).append(' ').append(r.state());
            for (Contact c : r.contacts()) {
                b.append("\n ").append(c.id()).append('|').append(c.state()).append('|').append(c.event())
                        .append('|').append(c.uri()).append('|').append(c.displayName()).append('|')
                        .append(c.expires()).append('|').append(c.durationRegistered()).append('|')
                        .append(c.retryAfter()).append('|').append(c.q()).append('|').append(c.callId())
                        .append('|').append(c.cseq());
                for (int i = 0; i < c.unknownParamCount(); i++) {
                    b.append('|').append(c.unknownParamName(i)).append('=').append(c.unknownParamValue(i));
                }
            }
        }
        return b.append("\nended ").append(info.endedEvent(ContactIdentity.of(
                "sip:k2not68h@df7jal23ls0d.invalid;transport=ws", "<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>",
                1))).toString();
    }

    /** The version, as {@code wic.js} has it. */
    @JSExport
    public static String wicVersion() {
        return WicVersion.VERSION;
    }
}
