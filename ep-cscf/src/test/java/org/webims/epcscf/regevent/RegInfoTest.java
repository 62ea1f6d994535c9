package org.webims.epcscf.regevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** EPC-42 and EPC-28: which AORs a reg NOTIFY ends for a flow, and whether the UE or the network ended them. */
class RegInfoTest {

  private static final String CONTACT = "sip:wic@flow.invalid;transport=ws";

  private static RegInfo reginfo(String contactState, String event) throws Exception {
    String xml = "<?xml version=\"1.0\"?>\n"
        + "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"1\" state=\"full\">\n"
        + " <registration aor=\"sip:guest-001@ims.example.net\" id=\"a\" state=\"" + contactState + "\">\n"
        + "  <contact id=\"c\" state=\"" + contactState + "\" event=\"" + event + "\"><uri>" + CONTACT + "</uri></contact>\n"
        + " </registration>\n"
        + "</reginfo>\n";
    return RegInfo.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theUesOwnDeregistrationIsNotANetworkDeregistration() throws Exception {
    RegInfo info = reginfo("terminated", "unregistered");
    assertThat(info.terminatedAors(CONTACT)).containsExactly("sip:guest-001@ims.example.net");
    assertThat(info.unregisteredByUe(CONTACT)).isTrue();
  }

  @Test
  void deactivatedRejectedAndExpiredAreTheNetworks() throws Exception {
    for (String event : new String[] {"deactivated", "rejected", "expired"}) {
      RegInfo info = reginfo("terminated", event);
      assertThat(info.terminatedAors(CONTACT)).hasSize(1);
      assertThat(info.unregisteredByUe(CONTACT)).as(event).isFalse();
    }
  }

  @Test
  void anActiveContactEndsNothing() throws Exception {
    RegInfo info = reginfo("active", "registered");
    assertThat(info.terminatedAors(CONTACT)).isEmpty();
    assertThat(info.unregisteredByUe(CONTACT)).isFalse();
    assertThat(info.unregisteredByUe("sip:other@flow.invalid")).isFalse();
  }

  @Test
  void eachDocumentIsReadAfreshWhenTheParserIsReused() throws Exception {
    // RegInfo keeps one parser per thread: a second document must not see anything of the first.
    RegInfo first = reginfo("active", "registered");
    RegInfo second = reginfo("terminated", "expired");
    assertThat(first.terminatedAors(CONTACT)).isEmpty();
    assertThat(second.terminatedAors(CONTACT)).containsExactly("sip:guest-001@ims.example.net");
  }

  @Test
  void refusesADoctypeAndStillReadsTheNextDocument() throws Exception {
    byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\">&x;</reginfo>").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegInfo.parse(xxe)).hasMessageContaining("DOCTYPE");
    assertThat(reginfo("terminated", "deactivated").terminatedAors(CONTACT)).hasSize(1);
  }

  @Test
  void refusesAnotherDocument() {
    assertThatThrownBy(() -> RegInfo.parse("<other/>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a reginfo document");
  }
}
