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

    /** Size budget, in bytes of {@code gzip -9} (Deflater level 9; issue 14's measure, before it Java's default
     * level 6). History (docs/wic.md "Size"): 25 kB from issue "Foundation", 30 kB for the registration client
     * (issue 4), +128 for sip-core's ReasonPhrase (issue 12), +9,327 for sip-core's SIP stack (issue 13), -1,289
     * by its size pass, +4,096 for the reginfo reader and header views, 43,081 at level 6 after its second pass.
     * Issue 14's size pass (KeyTable instead of HashMap, HeaderNames and StatusCodes as one string each, the
     * hash constants as hex strings) took the registration-only wic.js from 42,870 to 41,308 bytes gzip -9;
     * set to that + 128. Calls (WIC-60..66) and the browser side added about 5.2 kB; the trim of the call code, the
     * reginfo XML read by the browser's DOMParser and the hash constants computed took 3.8 kB back: 44,444 with
     * calls, + 128. sip-core's Utf8 compiled as the browser's TextEncoder/TextDecoder (BrowserUtf8, a TeaVM
     * class substitution; the JVM keeps sip-core's codec) and five programming-error messages said shorter: 43,768.
     * +476 for answering re-INVITE and UPDATE inside a call (WIC-64: JsSIP's and an IMS phone's hold ended the
     * call with 488): 44,357 merged. Issue 14's second pass: the served wic.js is terser's rewrite of TeaVM's
     * output (-3,133), sip-core writes longs as text through SipChars.decimal (-174), terser hoists functions and
     * renames TeaVM's short members (-299): 40,748, + 128. Issue 14 asks for 40,000 with calls: 748 bytes short
     * (docs/wic.md "Size").
     * Raise only with a reason written here. */
    static final int GZIP_BUDGET_BYTES = 40_748 + 128;

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
