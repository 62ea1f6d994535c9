package org.webims.ims.testing;

import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.uri.SipUri;

/**
 * The Trusted Node REGISTER of checklist §5.2 (eP-CSCF to S-CSCF), as a builder so a test changes
 * only what it is about.
 */
public final class TestRegisters {

  public static final String CONTACT =
      "<sip:k2not68h@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\";reg-id=1";
  public static final String CONTACT_URI = "sip:k2not68h@df7jal23ls0d.invalid;transport=ws";
  public static final String PATH = "<sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>";
  public static final String ICID = "icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"";

  private TestRegisters() {
  }

  /** TNA credentials for {@code impi}, optionally with the EPC-25 WAF identity. */
  public static String tnaAuthorization(String impi, String wafIdentityOrNull) {
    DigestCredentials.Builder b = DigestCredentials.builder().username(impi).realm(TestSubscribers.REALM)
        .uri("sip:ims.example.net").nonce("").response("").integrityProtected("auth-done");
    if (wafIdentityOrNull != null) {
      b.parameter("authorization-entity", "\"" + wafIdentityOrNull + "\"");
    }
    return b.build().toString();
  }

  /** §5.2 for alice with CSeq {@code cseq} and a fresh branch; {@code transport} names the top Via. */
  public static SipRequest.Builder alice(String transport, long cseq) {
    return register(transport, TestSubscribers.ALICE_SIP, TestSubscribers.ALICE_IMPI, cseq);
  }

  public static SipRequest.Builder register(String transport, String impu, String impi, long cseq) {
    return SipRequest.builder(SipRequest.REGISTER, SipUri.of(null, "ims.example.net"))
        .header(HeaderNames.VIA, "SIP/2.0/" + transport + " epcscf.ims.example.net:5060;branch=z9hG4bKep" + cseq
            + Long.toHexString(System.nanoTime()))
        .header(HeaderNames.VIA, "SIP/2.0/WSS df7jal23ls0d.invalid;rport=52810;received=198.51.100.23;branch=z9hG4bK56sdasks")
        .header(HeaderNames.MAX_FORWARDS, "69")
        .header(HeaderNames.FROM, "<" + impu + ">;tag=4fa3b2")
        .header(HeaderNames.TO, "<" + impu + ">")
        .header(HeaderNames.CALL_ID, "ro5f0ohad43lkhevfara26-" + impi)
        .header(HeaderNames.CSEQ, cseq + " REGISTER")
        .header(HeaderNames.CONTACT, CONTACT)
        .header(HeaderNames.EXPIRES, "600000")
        .header(HeaderNames.PATH, PATH)
        .header(HeaderNames.REQUIRE, "path")
        .header(HeaderNames.SUPPORTED, "path, gruu, outbound")
        .header(HeaderNames.P_VISITED_NETWORK_ID, "\"ims.example.net\"")
        .header(HeaderNames.P_CHARGING_VECTOR, ICID)
        .header(HeaderNames.AUTHORIZATION, tnaAuthorization(impi, null));
  }
}
