package org.webims.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.parser.SipParser;

/**
 * Parse and serialize a typical IMS REGISTER: the eP-CSCF's Trusted Node REGISTER of conformance
 * checklist §5.2 (two Vias, Contact with +sip.instance, Path, P-Charging-Vector, Digest
 * Authorization; 880 bytes). The goal for the foundation issue is 300,000 parse+serialize per
 * second on one core: {@link #parseTextSerializeBytes} is that figure for the eP-CSCF's path (WebSocket
 * text in, TCP bytes out).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SipCodecBenchmark {

    static final String REGISTER = "REGISTER sip:ims.example.net SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bKep0001\r\n"
            + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport=52810;received=198.51.100.23;branch=z9hG4bK56sdasks\r\n"
            + "Max-Forwards: 69\r\n"
            + "From: <sip:alice@ims.example.net>;tag=4fa3b2\r\n"
            + "To: <sip:alice@ims.example.net>\r\n"
            + "Call-ID: ro5f0ohad43lkhevfara26\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\";reg-id=1\r\n"
            + "Expires: 600000\r\n"
            + "Path: <sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>\r\n"
            + "Require: path\r\n"
            + "Supported: path, gruu, outbound\r\n"
            + "P-Visited-Network-ID: \"ims.example.net\"\r\n"
            + "P-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"\r\n"
            + "Authorization: Digest username=\"alice_private@ims.example.net\", realm=\"ims.example.net\", "
            + "uri=\"sip:ims.example.net\", nonce=\"\", response=\"\", integrity-protected=\"auth-done\"\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    private final SipParser parser = SipParser.DEFAULT;
    private byte[] bytes;
    private SipMessage parsed;

    @Setup
    public void setUp() throws SipParseException {
        bytes = REGISTER.getBytes(StandardCharsets.UTF_8);
        parsed = parser.parse(REGISTER);
    }

    /** The headline figure: WebSocket text in, bytes for TCP/UDP out. */
    @Benchmark
    public byte[] parseTextSerializeBytes() throws SipParseException {
        return parser.parse(REGISTER).toBytes();
    }

    /** TCP/UDP bytes in and out (the IMS core's path). */
    @Benchmark
    public byte[] parseBytesSerializeBytes() throws SipParseException {
        return parser.parse(bytes, 0, bytes.length).toBytes();
    }

    /** As the headline, plus {@code validate()}: every typed header parsed once. */
    @Benchmark
    public byte[] parseTextValidateSerializeBytes() throws SipParseException {
        SipMessage m = parser.parse(REGISTER);
        m.validate();
        return m.toBytes();
    }

    @Benchmark
    public SipMessage parseText() throws SipParseException {
        return parser.parse(REGISTER);
    }

    @Benchmark
    public byte[] serializeBytes() {
        return parsed.toBytes();
    }

    @Benchmark
    public String serializeText() {
        return parsed.encode();
    }
}
