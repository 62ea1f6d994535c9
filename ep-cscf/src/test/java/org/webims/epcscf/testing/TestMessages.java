package org.webims.epcscf.testing;

import org.webims.sip.SipParseException;
import org.webims.sip.message.SipRequest;
import org.webims.sip.parser.SipParser;

/** WIC messages of checklist §5 (5.1 REGISTER, 5.6 deregistration) with a given Authorization line. */
public final class TestMessages {

  private TestMessages() {
  }

  /** §5.1 with {@code authorization} as the whole Authorization value, or no such line when null. */
  public static String register(String authorization) {
    return register(authorization, "z9hG4bK56sdasks", 1, "600000", "sip:alice@ims.example.net");
  }

  public static String register(String authorization, String branch, int cseq, String expires, String to) {
    return "REGISTER sip:ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=4fa3b2\r\n"
        + "To: <" + to + ">\r\n"
        + "Call-ID: ro5f0ohad43lkhevfara26\r\n"
        + "CSeq: " + cseq + " REGISTER\r\n"
        + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\";reg-id=1\r\n"
        + "Expires: " + expires + "\r\n"
        + "Supported: path, gruu, outbound\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: 0\r\n"
        + "\r\n";
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  public static SipRequest parse(String text) {
    try {
      return (SipRequest) SipParser.DEFAULT.parse(text);
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.reason(), e);
    }
  }
}
