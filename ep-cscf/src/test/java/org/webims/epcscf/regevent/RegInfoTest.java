package org.webims.epcscf.regevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reg-event body of a NOTIFY (EPC-32, EPC-42), read with one reused parser per thread. */
class RegInfoTest {

  private static byte[] reginfo(String aor, String state) {
    return ("<?xml version=\"1.0\"?>\n<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"1\" state=\"full\">"
        + "<registration aor=\"" + aor + "\" id=\"r1\" state=\"" + state + "\">"
        + "<contact id=\"c1\" state=\"" + state + "\" event=\"registered\"><uri>sip:k2not68h@df7.invalid</uri></contact>"
        + "</registration></reginfo>").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryDocumentWhenTheParserIsReused() throws Exception {
    RegInfo first = RegInfo.parse(reginfo("sip:alice@ims.example.net", "active"));
    RegInfo second = RegInfo.parse(reginfo("sip:bob@ims.example.net", "terminated"));
    assertThat(first.registrations()).singleElement().satisfies(r -> {
      assertThat(r.aor()).isEqualTo("sip:alice@ims.example.net");
      assertThat(r.isTerminated()).isFalse();
      assertThat(r.contacts()).containsExactly(new RegInfo.ContactState("sip:k2not68h@df7.invalid", "active"));
    });
    assertThat(second.registrations().get(0).aor()).isEqualTo("sip:bob@ims.example.net");
    assertThat(second.registrations().get(0).isTerminated()).isTrue();
  }

  @Test
  void refusesADoctypeAndStillReadsTheNextDocument() throws Exception {
    byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\">&x;</reginfo>").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegInfo.parse(xxe)).hasMessageContaining("DOCTYPE");
    assertThat(RegInfo.parse(reginfo("sip:alice@ims.example.net", "active")).registrations()).hasSize(1);
  }

  @Test
  void refusesAnotherDocument() {
    assertThatThrownBy(() -> RegInfo.parse("<other/>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a reginfo document");
  }
}
