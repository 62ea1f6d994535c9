package org.webims.sip.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.webims.sip.TestMessages;

class SipCheckTest {

  private static String check(String message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SipCheck.run(new String[] {"-"}, new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void describesARegisterWithoutPrintingItsToken() throws IOException {
    String out = check(TestMessages.checklist("5.1-register-bearer"));
    assertThat(out).contains("OK REGISTER sip:ims.example.net SIP/2.0")
        .contains("Via        WSS df7jal23ls0d.invalid branch=z9hG4bK56sdasks rport=(asked)")
        .contains("+sip.instance=<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252> reg-id=1")
        .contains("Authorization  Bearer eyJhbGci…")
        .doesNotContain("eyJpc3Mi");
  }

  @Test
  void omitsTheDigestResponse() throws IOException {
    String out = check(TestMessages.checklist("5.4-register-digest"));
    assertThat(out).contains("algorithm=SHA-256 response=(present)").doesNotContain("184a6ce5");
  }

  @Test
  void rejectedMessageShowsStatusAndReason() throws IOException {
    String out = check("OPTIONS sip:a@b SIP/7.0\r\n\r\n");
    assertThat(out).contains("REJECTED 505 Version Not Supported  [UNSUPPORTED_VERSION]");
  }
}
