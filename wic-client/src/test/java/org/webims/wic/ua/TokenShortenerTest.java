package org.webims.wic.ua;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenShortenerTest {

  @Test
  void keepsEightCharactersAndAnEllipsis() {
    assertThat(TokenShortener.shorten("abcdefghijkl")).isEqualTo("abcdefgh\u2026");
    assertThat(TokenShortener.shorten("abcdefgh")).isEqualTo("\u2026");
  }

  @Test
  void redactsEveryOccurrenceAndLeavesTheRest() {
    assertThat(TokenShortener.redact("a tok-0123456789 b tok-0123456789", "tok-0123456789"))
        .isEqualTo("a tok-0123\u2026 b tok-0123\u2026");
    assertThat(TokenShortener.redact("nothing here", "tok-0123456789")).isEqualTo("nothing here");
    assertThat(TokenShortener.redact("x", null)).isEqualTo("x");
  }
}
