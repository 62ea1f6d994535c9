package org.webims.wic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class WicBundleSizeTest {

    /** Size budget: 25 kB from issue "Foundation", raised to 30 kB by issue 4 for the registration client
     * (JsSIP is 55 kB, SIP.js 60 kB gzip, measured the same way), and by 128 bytes by issue 12 point 8 for
     * sip-core's ReasonPhrase (every built reason phrase one line of valid UTF-8; 30,624 bytes before it,
     * about 30,810 after, the smallest form measured), and by 9,327 bytes by issue 13 point 1 for sharing
     * sip-core's SIP stack (TransactionLayer with its tables, non-INVITE client and server transactions,
     * the subscriber Dialog and RouteSet, the message builders and encode(), a 400 to a NOTIFY that does
     * not parse; 30,837 bytes before, 40,138 after, docs/wic.md "Size"; 40,165 after merging the proxy point's
     * RouteSet refactor, +27); lowered by issue 13's size pass by 1,289 (sip-core's enums TransactionState,
     * DialogState, InDialogVerdict and ParseProblem as int constants); raised by 4,096 bytes for sip-core's one
     * reginfo model (a namespace-aware XML reader replacing the WIC's indexOf scan, RFC 5626 contact matching)
     * and the typed header views kept per message. Set to the merged tree's measure, 42,953, + 128.
     * Kept by issue 13's second size pass: RFC 3261 URI equality and the SipMessage/SipParser split had taken
     * wic.js to 43,755, the pass (ReadOnlyList for Collections' wrappers, one Tick class for the transaction
     * timers, fewer lambdas) brought it to 43,010 (docs/wic.md "Size"), 71 under; not raised to measure + 128.
     * Raise only with a reason written here. */
    static final int GZIP_BUDGET_BYTES = 35_000;

    /** Below this the file cannot hold the TeaVM runtime plus WicMain: the build wrote something else. */
    static final int MIN_RAW_BYTES = 1024;

    @Test
    void builtBundleExistsAndExportsTheWicApi() throws IOException {
        assertThat(WicJsFile.PATH).isRegularFile();
        String js = Files.readString(WicJsFile.PATH, StandardCharsets.UTF_8);
        assertThat(js.length()).isGreaterThan(MIN_RAW_BYTES);
        assertThat(js).contains(".wicVersion=", ".wicStart=", ".wicStartDigest=");
        // The test-only exports live in target/wic-test/wic-test.js (issue 7).
        assertThat(js).doesNotContain(".wicDigestResponse=", ".wicHash=");
    }

    @Test
    void gzippedBundleStaysWithinBudget() throws IOException {
        byte[] raw = Files.readAllBytes(WicJsFile.PATH);
        int gzipped = gzip(raw).length;
        System.out.println("wic.js: " + raw.length + " bytes raw, " + gzipped + " bytes gzip -9 (budget "
                + GZIP_BUDGET_BYTES + ")");
        assertThat(gzipped).isLessThanOrEqualTo(GZIP_BUDGET_BYTES);
    }

    /** {@code gzip -9}: Deflater level 9 (the measure), not GZIPOutputStream's default level 6. */
    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
