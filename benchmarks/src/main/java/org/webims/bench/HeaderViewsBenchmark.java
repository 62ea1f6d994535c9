package org.webims.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.parser.SipParser;

/**
 * Issue 13: typed header views parsed once per message. One REGISTER ({@link SipCodecBenchmark#REGISTER})
 * parsed, validated, then read as the eP-CSCF's REGISTER path reads it (transaction key from the top
 * Via and CSeq, the dialog's From/To/Call-ID, the Contact several times in the WIC checks and in
 * RegisterResults, Via count, Require, Authorization, Route, Expires, Max-Forwards). Before the
 * cache every access parsed its header again; after it, validate() parses each once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HeaderViewsBenchmark {

    @Benchmark
    public void parseValidateAndRegisterAccesses(Blackhole bh) throws SipParseException {
        SipMessage m = SipParser.DEFAULT.parse(SipCodecBenchmark.REGISTER);
        m.validate();
        bh.consume(m.topVia());
        bh.consume(m.cseq());
        bh.consume(m.callId());
        bh.consume(m.from());
        bh.consume(m.to());
        bh.consume(m.to());
        bh.consume(m.to());
        for (int i = 0; i < 5; i++) {
            bh.consume(m.contacts());
        }
        bh.consume(m.vias().size());
        bh.consume(m.vias());
        bh.consume(m.require());
        bh.consume(m.authValues(HeaderNames.AUTHORIZATION));
        bh.consume(m.authValues(HeaderNames.AUTHORIZATION));
        bh.consume(m.routes());
        bh.consume(m.paths());
        bh.consume(m.expires());
        bh.consume(m.maxForwards());
    }
}
