package org.webims.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;

class UriTest {

  @Test
  void sipUriWithEveryPartReadsAndRoundTrips() throws SipParseException {
    SipUri u = SipUri.parse("sips:alice:secret@[2001:db8::1]:5061;transport=tls;lr;maddr=x.net?Subject=hi&Priority=urgent");
    assertThat(u.isSecure()).isTrue();
    assertThat(u.user()).isEqualTo("alice");
    assertThat(u.password()).isEqualTo("secret");
    assertThat(u.host()).isEqualTo("[2001:db8::1]");
    assertThat(u.port()).isEqualTo(5061);
    assertThat(u.transport()).isEqualTo("tls");
    assertThat(u.hasParameter("lr")).isTrue();
    assertThat(u.parameter("lr")).isNull();
    assertThat(u.parameter("MADDR")).isEqualTo("x.net");
    assertThat(u.headers()).isEqualTo("Subject=hi&Priority=urgent");
    assertThat(u.toString()).isEqualTo("sips:alice:secret@[2001:db8::1]:5061;transport=tls;lr;maddr=x.net?Subject=hi&Priority=urgent");
  }

  @Test
  void userPartMayHoldSemicolonsAndEscapes() throws SipParseException {
    // RFC 4475 §3.1.1.9
    SipUri u = SipUri.parse("sip:user;par=u%40example.net@example.com");
    assertThat(u.user()).isEqualTo("user;par=u%40example.net");
    assertThat(u.host()).isEqualTo("example.com");
    assertThat(u.parameters().isEmpty()).isTrue();
  }

  @Test
  void builtUriSerializesInRfc3261Order() {
    SipUri u = SipUri.builder().user("fl-7Q2xYc").host("epcscf.ims.example.net").port(5060)
        .parameter("transport", "tcp").parameter("lr", null).parameter("ob", null).build();
    assertThat(u.toString()).isEqualTo("sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob");
    assertThat(u.withoutParameter("ob").toString()).isEqualTo("sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr");
  }

  @Test
  void comparisonIgnoresCaseOfHostAndParameterNames() throws SipParseException {
    assertThat(SipUri.parse("sip:alice@IMS.Example.NET;LR")).isEqualTo(SipUri.parse("sip:alice@ims.example.net;lr"));
    assertThat(SipUri.parse("sip:Alice@ims.example.net")).isNotEqualTo(SipUri.parse("sip:alice@ims.example.net"));
  }

  @Test
  void telUrisGlobalAndLocal() throws SipParseException {
    TelUri global = (TelUri) Uri.parse("tel:+1-555-123-0001;ext=22");
    assertThat(global.isGlobal()).isTrue();
    assertThat(global.number()).isEqualTo("+1-555-123-0001");
    assertThat(global.parameters().get("ext")).isEqualTo("22");
    TelUri local = TelUri.parse("tel:7042;phone-context=example.com");
    assertThat(local.isGlobal()).isFalse();
    assertThat(local.toString()).isEqualTo("tel:7042;phone-context=example.com");
    assertThat(catchThrowableOfType(SipParseException.class, () -> TelUri.parse("tel:7042")).reason())
        .isEqualTo("Bad URI: local number without phone-context");
  }

  @Test
  void otherSchemesAreKeptAsWritten() throws SipParseException {
    Uri u = Uri.parse("urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252");
    assertThat(u).isInstanceOf(AbsoluteUri.class);
    assertThat(u.scheme()).isEqualTo("urn");
    assertThat(u.toString()).isEqualTo("urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sip:", "sip:alice@", "sip:al ice@h", "sip:a@h:99999", "sip:a@h:x", "sip:a@[::1",
      "sip:a%4@h", "sip:a@h;=x", "sip:a@h;p=", "sip:a@h?", "sip:a@h?x", "sip:a@h_x", "tel:", "tel:+", "tel:+1;=2",
      "1abc:x", "nocolon", ":x", "mailto:", "sip:a@h;p=<x>"})
  void malformedUrisAreBadUri(String text) {
    SipParseException e = catchThrowableOfType(SipParseException.class, () -> Uri.parse(text));
    assertThat(e).as(text).isNotNull();
    assertThat(e.problem()).isIn(ParseProblem.BAD_URI, ParseProblem.SCALAR_OVERFLOW);
  }
}
