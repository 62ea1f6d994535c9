package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webims.epcscf.testing.TestMessages;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * EPC-30, WIC-13: which Contact of a 200 to REGISTER is the WIC's, by sip-core's one contact rule
 * (ContactIdentity, docs/sip-core.md "Contact matching"), so the granted expiry is the WIC's own.
 */
class GrantedExpiresTest {

  static final String URI = "sip:k2not68h@df7jal23ls0d.invalid;transport=ws";
  static final String INSTANCE = ";+sip.instance=\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\"";
  static final String OTHER_INSTANCE = ";+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-000000000001>\"";

  static long granted(String requestContact, String okContacts) throws Exception {
    SipRequest register = TestMessages.parse(TestMessages.register(null)
        .replace("<" + URI + ">" + INSTANCE + ";reg-id=1", requestContact));
    SipResponse ok = SipResponse.to(register, 200, "OK").header(HeaderNames.CONTACT, okContacts)
        .header(HeaderNames.EXPIRES, "3600").build();
    return RegisterResults.grantedExpires(register, ok);
  }

  @Test
  void instanceAndRegIdOnBothSides() throws Exception {
    assertThat(granted("<" + URI + ">" + INSTANCE + ";reg-id=1",
        "<sip:replaced@x.invalid;transport=ws>;expires=1800" + INSTANCE + ";reg-id=1")).isEqualTo(1800);
    assertThat(granted("<" + URI + ">" + INSTANCE + ";reg-id=1", "<" + URI + ">;expires=1800" + INSTANCE + ";reg-id=2"))
        .as("another reg-id is another flow: the header's expiry").isEqualTo(3600);
  }

  @Test
  void instanceWithoutRegIdOnBothSides() throws Exception {
    assertThat(granted("<" + URI + ">" + INSTANCE, "<sip:moved@x.invalid;transport=ws>;expires=1800" + INSTANCE))
        .isEqualTo(1800);
    assertThat(granted("<" + URI + ">" + INSTANCE, "<" + URI + ">;expires=1800" + OTHER_INSTANCE))
        .as("same URI, another instance: not this WIC").isEqualTo(3600);
  }

  @Test
  void neitherHasAnInstance() throws Exception {
    assertThat(granted("<" + URI + ">", "<sip:k2not68h@DF7JAL23LS0D.invalid;transport=WS>;expires=1800"))
        .as("RFC 3261 §19.1.4: host and transport value case-insensitive").isEqualTo(1800);
  }

  @Test
  void anInstanceTheRegistrarDidNotEchoFallsBackToTheUri() throws Exception {
    assertThat(granted("<" + URI + ">" + INSTANCE + ";reg-id=1", "<" + URI + ">;expires=1800")).isEqualTo(1800);
  }
}
