package org.webims.bench;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.registration.TrustedNodeRegister;
import org.webims.epcscf.token.AccessToken;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.parser.SipParser;

/**
 * The Trusted Node rewrite of a WIC's Bearer REGISTER into the REGISTER the eP-CSCF sends to the S-CSCF
 * (checklist §5.1 in, §5.2 out: Bearer credentials removed, Digest {@code integrity-protected="auth-done"}, Path with
 * the flow token, {@code received}/{@code rport}, P-Visited-Network-ID, P-Charging-Vector). {@link #parseRewriteSerialize}
 * is the eP-CSCF's whole codec work per REGISTER: WebSocket text in, TCP bytes out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TnaRewriteBenchmark {

    static final String BEARER_REGISTER = "REGISTER sip:ims.example.net SIP/2.0\r\n"
            + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bK56sdasks\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@ims.example.net>;tag=4fa3b2\r\n"
            + "To: <sip:alice@ims.example.net>\r\n"
            + "Call-ID: ro5f0ohad43lkhevfara26\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\";reg-id=1\r\n"
            + "Expires: 600000\r\n"
            + "Supported: path, gruu, outbound\r\n"
            + "Authorization: Bearer " + "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0." + "x".repeat(600) + "." + "y".repeat(342)
            + "\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    private final TrustedNodeRegister tna = new TrustedNodeRegister("ims.example.net", "ims.example.net", true,
            new CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "127.0.0.1", 5062));
    private final AccessToken token = new AccessToken("https://localhost:8443", "alice",
            "alice_private@ims.example.net", List.of("sip:alice@ims.example.net"), Instant.now().plusSeconds(3600),
            null);
    private final WicFlow flow = new BenchFlow();
    private SipRequest request;

    @Setup
    public void setUp() throws SipParseException {
        request = (SipRequest) SipParser.DEFAULT.parse(BEARER_REGISTER);
        request.validate();
    }

    @Benchmark
    public SipRequest rewrite() throws SipParseException {
        return tna.rewrite(request, token, flow);
    }

    @Benchmark
    public byte[] parseRewriteSerialize() throws SipParseException {
        SipRequest in = (SipRequest) SipParser.DEFAULT.parse(BEARER_REGISTER);
        in.validate();
        return tna.rewrite(in, token, flow).toBytes();
    }

    /** A WIC's flow as the rewrite sees it: a flow token and the address the connection came from. */
    private static final class BenchFlow implements WicFlow {
        private final InetSocketAddress remote = new InetSocketAddress("198.51.100.23", 52810);

        @Override
        public String id() {
            return "fl-7Q2xYc";
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public void send(SipMessage message) {
            // nothing goes back to a WIC here
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public String tlsSessionId() {
            return null;
        }

        @Override
        public void close(int code, String reason) {
            // never closed here
        }
    }
}
