package org.webims.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void encodesEveryByteValueAsTwoLowercaseDigits() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat(Hex.encode(all)).isEqualTo(HexFormat.of().formatHex(all));
    }

    @Test
    void encodesAnEmptyArrayAsAnEmptyString() {
        assertThat(Hex.encode(new byte[0])).isEmpty();
    }
}
