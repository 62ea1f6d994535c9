package org.webims.sip.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SipChars#decimal(long)}: the one long-to-text writer of sip-core, written as {@link Long#toString} is. */
class SipCharsDecimalTest {

  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, 9, 10, 2147483647L, 2147483648L, -2147483648L, -2147483649L, 999999999L,
      1000000000L, 1000000001L, -1000000000L, -999999999L, 4294967295L, 10000000000L, -10000000000L,
      123456789012345678L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1})
  void writesEveryLongAsLongToStringDoes(long value) {
    assertThat(SipChars.decimal(value)).isEqualTo(Long.toString(value));
  }
}
