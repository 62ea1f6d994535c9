package org.webims.sip.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.uri.SipUri;

class HeaderViewsTest {

  @Test
  void viaToleratesWhitespaceAroundSeparatorsAndReadsRport() throws SipParseException {
    Via v = Via.parse("SIP / 2.0 / WSS  df7jal23ls0d.invalid ; rport ; branch = z9hG4bK56sdasks");
    assertThat(v.protocol()).isEqualTo("SIP/2.0");
    assertThat(v.transport()).isEqualTo("WSS");
    assertThat(v.hasRport()).isTrue();
    assertThat(v.rport()).isEqualTo(-1);
    assertThat(v.branch()).isEqualTo("z9hG4bK56sdasks");
    assertThat(v.isReliable()).isTrue();
  }

  @Test
  void viaReceivedAndRportAreFilledInByTheServer() throws SipParseException {
    // EPC-04, EPC-05: rport gets the source port, received the source address, even when equal.
    Via v = Via.parse("SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bK56sdasks");
    Via stamped = v.withRport(52810).withReceived("198.51.100.23");
    assertThat(stamped.toString())
        .isEqualTo("SIP/2.0/WSS df7jal23ls0d.invalid;rport=52810;branch=z9hG4bK56sdasks;received=198.51.100.23");
    assertThat(Via.parse(stamped.toString())).isEqualTo(stamped);
  }

  @Test
  void viaListWithIpv6SentByAndPort() throws SipParseException {
    List<Via> vias = Via.parseList("SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bKa;received=[2001:db8::9], SIP/2.0/TCP h.net;branch=z9hG4bKb");
    assertThat(vias).hasSize(2);
    assertThat(vias.get(0).host()).isEqualTo("[2001:db8::9]");
    assertThat(vias.get(0).port()).isEqualTo(5070);
    assertThat(vias.get(0).isReliable()).isFalse();
    assertThat(vias.get(0).received()).isEqualTo("[2001:db8::9]");
    assertThat(vias.get(1).transport()).isEqualTo("TCP");
  }

  @Test
  void viaReceivedMayBeABareIpv6Address() throws SipParseException {
    // RFC 3261 §20.42: received = IPv4address / IPv6address, so no brackets; a browser on ::1 gives one.
    Via v = Via.parse("SIP/2.0/WSS a.invalid;rport=58520;received=0:0:0:0:0:0:0:1;branch=z9hG4bK1");
    assertThat(v.received()).isEqualTo("0:0:0:0:0:0:0:1");
    assertThat(v.withReceived("2001:db8::7").toString()).contains(";received=2001:db8::7");
    assertThat(Via.parse(v.withReceived("2001:db8::7").toString()).received()).isEqualTo("2001:db8::7");
  }

  @Test
  void viaWithBadRportOrNoHostIsRefused() {
    assertThat(catchThrowableOfType(SipParseException.class, () -> Via.parse("SIP/2.0/UDP h;rport=x")).reason())
        .isEqualTo("Bad Via rport: not a number");
    assertThat(catchThrowableOfType(SipParseException.class, () -> Via.parse("SIP/2.0/UDP")).problem())
        .isEqualTo(ParseProblem.BAD_HEADER);
    assertThat(catchThrowableOfType(SipParseException.class, () -> Via.parse("SIP/2.0/UDP h:70000")).problem())
        .isEqualTo(ParseProblem.SCALAR_OVERFLOW);
  }

  @Test
  void addressFormsAndDisplayNames() throws SipParseException {
    Address quoted = Address.parse("\"Alice \\\"A\\\" Smith\" <sip:alice@ims.example.net>;tag=9", "From");
    assertThat(quoted.displayName()).isEqualTo("Alice \"A\" Smith");
    assertThat(quoted.tag()).isEqualTo("9");
    Address tokens = Address.parse("Alice  Smith <sip:alice@ims.example.net>", "To");
    assertThat(tokens.displayName()).isEqualTo("Alice  Smith");
    Address spec = Address.parse("sip:alice@ims.example.net;tag=7", "To");
    assertThat(spec.tag()).isEqualTo("7");
    assertThat(((SipUri) spec.uri()).parameters().isEmpty()).isTrue();
    assertThat(spec.toString()).isEqualTo("<sip:alice@ims.example.net>;tag=7");
    assertThat(quoted.toString()).isEqualTo("\"Alice \\\"A\\\" Smith\" <sip:alice@ims.example.net>;tag=9");
  }

  @Test
  void addressListKeepsCommasInsideAngleBracketsAndQuotes() throws SipParseException {
    List<Address> list = Address.parseList("\"a, b\" <sip:x@h;p=1>, <sip:y,z@h>", "Route");
    assertThat(list).hasSize(2);
    assertThat(list.get(0).displayName()).isEqualTo("a, b");
    assertThat(((SipUri) list.get(1).uri()).user()).isEqualTo("y,z");
  }

  @Test
  void contactWildcardExpiresInstanceAndRegId() throws SipParseException {
    assertThat(Contact.parseList(" * ")).containsExactly(Contact.WILDCARD);
    List<Contact> cs = Contact.parseList("<sip:a@h>;expires=0, <sip:b@h;transport=ws>;+sip.instance=\"<urn:uuid:1>\";reg-id=2");
    assertThat(cs.get(0).expires()).isZero();
    assertThat(cs.get(1).expires()).isEqualTo(-1);
    assertThat(cs.get(1).instance()).isEqualTo("<urn:uuid:1>");
    assertThat(cs.get(1).regId()).isEqualTo(2);
    assertThat(cs.get(0).withExpires(3600).toString()).isEqualTo("<sip:a@h>;expires=3600");
    assertThat(catchThrowableOfType(SipParseException.class, () -> Contact.parseList("<sip:a@h>;expires=4294967296")).problem())
        .isEqualTo(ParseProblem.SCALAR_OVERFLOW);
  }

  @Test
  void cseqEventSubscriptionStateContentTypeAndChargingHeaders() throws SipParseException {
    CSeq c = CSeq.parse("2147483647 REGISTER");
    assertThat(c.sequence()).isEqualTo(2147483647L);
    assertThat(catchThrowableOfType(SipParseException.class, () -> CSeq.parse("2147483648 REGISTER")).problem())
        .isEqualTo(ParseProblem.SCALAR_OVERFLOW);
    assertThat(catchThrowableOfType(SipParseException.class, () -> CSeq.parse("1REGISTER")).problem())
        .isEqualTo(ParseProblem.BAD_HEADER);
    Event e = Event.parse("reg;id=7");
    assertThat(e.eventType()).isEqualTo("reg");
    assertThat(e.id()).isEqualTo("7");
    SubscriptionState s = SubscriptionState.parse("Terminated;reason=deactivated");
    assertThat(s.isTerminated()).isTrue();
    assertThat(s.state()).isEqualTo("terminated");
    assertThat(s.reason()).isEqualTo("deactivated");
    assertThat(SubscriptionState.parse("active;expires=600000").expires()).isEqualTo(600000);
    ContentType t = ContentType.parse("application/reginfo+xml;charset=UTF-8");
    assertThat(t.is("Application/Reginfo+XML")).isTrue();
    assertThat(t.parameters().get("charset")).isEqualTo("UTF-8");
    PChargingVector v = PChargingVector.parse("icid-value=1234bc9876e;icid-generated-at=192.0.6.8;orig-ioi=home1.net");
    assertThat(v.icidValue()).isEqualTo("1234bc9876e");
    assertThat(v.parameters().get("orig-ioi")).isEqualTo("home1.net");
    assertThat(PChargingVector.of("AyretyU0dm+6O2IrT5tAFrbHLso=023551024").toString())
        .isEqualTo("icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"");
    assertThat(catchThrowableOfType(SipParseException.class, () -> PChargingVector.parse("orig-ioi=x")).problem())
        .isEqualTo(ParseProblem.BAD_HEADER);
    assertThat(PVisitedNetworkId.parseList("\"Visited net\", other.net;x=1")).extracting(PVisitedNetworkId::network)
        .containsExactly("Visited net", "other.net");
  }

  @Test
  void scalarHeadersAndOptionTags() throws SipParseException {
    assertThat(HeaderValues.maxForwards("0")).isZero();
    assertThat(catchThrowableOfType(SipParseException.class, () -> HeaderValues.maxForwards("256")).problem())
        .isEqualTo(ParseProblem.SCALAR_OVERFLOW);
    assertThat(HeaderValues.deltaSeconds("4294967295", "Expires")).isEqualTo(4294967295L);
    assertThat(HeaderValues.optionTags("", "Supported")).isEmpty();
    assertThat(HeaderValues.optionTags("path ,outbound", "Supported")).containsExactly("path", "outbound");
    assertThat(catchThrowableOfType(SipParseException.class, () -> HeaderValues.callId("a@b@c")).problem())
        .isEqualTo(ParseProblem.BAD_HEADER);
    HeaderValues.checkDate("Sat, 13 Nov 2010 23:29:00 GMT");
    assertThat(catchThrowableOfType(SipParseException.class, () -> HeaderValues.checkDate("Sat, 13 Nov 2010 23:29:00 EST")).problem())
        .isEqualTo(ParseProblem.BAD_DATE);
  }
}
