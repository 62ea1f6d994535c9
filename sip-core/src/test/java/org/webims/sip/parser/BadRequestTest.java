package org.webims.sip.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.TestMessages;
import org.webims.sip.message.SipResponse;

class BadRequestTest {

  @Test
  void answersAnUnparsableRequestWithItsOwnDialogLinesAndTheParserReason() throws SipParseException {
    String text = TestMessages.checklist("5.1-register-bearer").replace("CSeq: 1 REGISTER", "CSeq: 99999999999 REGISTER");
    SipParseException e = catchThrowableOfType(SipParseException.class, () -> SipParser.DEFAULT.parse(text).validate());
    SipResponse r = SipParser.badRequest(text, e);
    assertThat(r.startLine()).isEqualTo("SIP/2.0 400 Bad CSeq: value too large");
    assertThat(r.topVia().branch()).isEqualTo("z9hG4bK56sdasks");
    assertThat(r.header("CSeq")).isEqualTo("99999999999 REGISTER");
    assertThat(r.header("Authorization")).isNull();
    assertThat(SipParser.DEFAULT.parse(r.encode())).isEqualTo(r);
  }

  @Test
  void noAnswerForAResponseOrWithoutDialogLines() {
    SipParseException e = new SipParseException(org.webims.sip.ParseProblem.BAD_HEADER, "Bad X");
    assertThat(SipParser.badRequest("SIP/2.0 200 OK\r\nVia: x\r\n\r\n", e)).isNull();
    assertThat(SipParser.badRequest("OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n", e)).isNull();
  }
}
