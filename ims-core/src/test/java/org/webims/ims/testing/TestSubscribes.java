package org.webims.ims.testing;

import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;

/** reg event SUBSCRIBEs (RFC 3680, TS 24.229 §5.1.1.3 and §5.2.3) as builders. */
public final class TestSubscribes {

  /** The eP-CSCF's own URI, the From and Contact of its subscription (EPC-32). */
  public static final String EPCSCF_URI = "sip:epcscf.ims.example.net:5060;transport=tcp";

  private TestSubscribes() {
  }

  /**
   * A SUBSCRIBE from the WIC as the eP-CSCF forwards it: From and To are {@code impu}, the Contact
   * is the registered WIC contact, no Record-Route (the NOTIFY then follows the binding's Path).
   */
  public static SipRequest.Builder fromUe(String impu, String transport, long cseq, long expires) {
    return subscribe(impu, "<" + impu + ">;tag=sb-31415", "<" + TestRegisters.CONTACT_URI + ">", transport, cseq,
        expires, "s9x2reg-sub@df7jal23ls0d.invalid");
  }

  /** The eP-CSCF's subscription (EPC-32): From and Contact are the eP-CSCF URI. */
  public static SipRequest.Builder fromEpcscf(String impu, String contact, String transport, long cseq,
      long expires) {
    return subscribe(impu, "<" + EPCSCF_URI + ">;tag=ep-2718", "<" + contact + ">", transport, cseq, expires,
        "ep-reg-sub@epcscf.ims.example.net")
        .header(HeaderNames.P_ASSERTED_IDENTITY, "<" + EPCSCF_URI + ">");
  }

  public static SipRequest.Builder subscribe(String impu, String from, String contact, String transport, long cseq,
      long expires, String callId) {
    SipRequest.Builder b;
    try {
      b = SipRequest.builder(SipRequest.SUBSCRIBE, org.webims.sip.uri.Uri.parse(impu));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    return b.header(HeaderNames.VIA, "SIP/2.0/" + transport + " epcscf.ims.example.net:5060;branch=z9hG4bKsub" + cseq
            + Long.toHexString(System.nanoTime()))
        .header(HeaderNames.MAX_FORWARDS, "69")
        .header(HeaderNames.FROM, from)
        .header(HeaderNames.TO, "<" + impu + ">")
        .header(HeaderNames.CALL_ID, callId)
        .header(HeaderNames.CSEQ, cseq + " SUBSCRIBE")
        .header(HeaderNames.EVENT, "reg")
        .header(HeaderNames.EXPIRES, Long.toString(expires))
        .header(HeaderNames.CONTACT, contact)
        .header(HeaderNames.ACCEPT, "application/reginfo+xml");
  }
}
