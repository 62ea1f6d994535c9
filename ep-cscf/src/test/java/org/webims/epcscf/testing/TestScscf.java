package org.webims.epcscf.testing;

import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** What the S-CSCF answers (checklist §5.5, SCS-07/08), for layer and socket tests. */
public final class TestScscf {

  private TestScscf() {
  }

  /** 200 OK to a Trusted Node REGISTER: granted expiry, Path echoed, Service-Route, P-Associated-URI, charging. */
  public static SipResponse ok(SipRequest register, long granted) {
    try {
      String contact = register.header(HeaderNames.CONTACT);
      SipResponse.Builder b = SipResponse.to(register, 200, "OK")
          .setHeader(HeaderNames.TO, register.to().withTag("ab03a0").toString());
      if (contact != null && !contact.equals("*")) {
        b.header(HeaderNames.CONTACT, register.contacts().get(0).withExpires(granted).toString());
      }
      return b.header(HeaderNames.PATH, register.header(HeaderNames.PATH))
          .header(HeaderNames.SERVICE_ROUTE, "<sip:orig@scscf.ims.example.net;lr>")
          .header(HeaderNames.P_ASSOCIATED_URI, "<sip:alice@ims.example.net>, <tel:+15551230001>")
          .header(HeaderNames.REQUIRE, "outbound")
          .header(HeaderNames.SUPPORTED, "path, gruu, outbound")
          .header(HeaderNames.P_CHARGING_VECTOR, "icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"")
          .header(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES, "ccf=192.0.2.10")
          .build();
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.reason(), e);
    }
  }
}
