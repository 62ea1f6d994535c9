package org.webims.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.parser.SipParser;

/**
 * Typed header views are parsed once per message (issue 13): the second access returns the very
 * instance the first one parsed, so validate() and every handler after it share one parse.
 */
class HeaderViewCacheTest {

  static final String REGISTER = "REGISTER sip:ims.example.net SIP/2.0\r\n"
      + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashd92\r\n"
      + "Via: SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK77ef4c2312983.1, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK4\r\n"
      + "Max-Forwards: 70\r\n"
      + "From: <sip:alice@ims.example.net>;tag=ja743ks76zlflH\r\n"
      + "To: <sip:alice@ims.example.net>\r\n"
      + "Call-ID: 1j9FpLxk3uxtm8tn@df7jal23ls0d.invalid\r\n"
      + "CSeq: 2 REGISTER\r\n"
      + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-"
      + "14aa5620b252>\";reg-id=1;expires=600\r\n"
      + "Route: <sip:pcscf.ims.example.net;lr>\r\n"
      + "Record-Route: <sip:rr.example.net;lr>\r\n"
      + "Path: <sip:term@pcscf.ims.example.net;lr;ob>\r\n"
      + "Service-Route: <sip:orig@scscf.ims.example.net;lr>\r\n"
      + "P-Associated-URI: <sip:alice@ims.example.net>\r\n"
      + "Supported: path, outbound, gruu\r\n"
      + "Require: path\r\n"
      + "Expires: 600\r\n"
      + "Event: reg\r\n"
      + "Content-Type: application/sdp\r\n"
      + "P-Charging-Vector: icid-value=1234bc9876e\r\n"
      + "P-Visited-Network-ID: \"Visited network number 1\"\r\n"
      + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x\r\n"
      + "Content-Length: 0\r\n\r\n";

  static SipRequest register() throws SipParseException {
    return (SipRequest) SipParser.DEFAULT.parse(REGISTER);
  }

  static void sameTwice(Callable<?> view) throws Exception {
    Object first = view.call();
    assertThat(first).isNotNull();
    assertThat(view.call()).isSameAs(first);
  }

  @Test
  void eachTypedViewIsParsedOnce() throws Exception {
    SipRequest m = register();
    m.validate();
    sameTwice(m::vias);
    sameTwice(m::topVia);
    sameTwice(m::from);
    sameTwice(m::to);
    sameTwice(m::cseq);
    sameTwice(m::contacts);
    sameTwice(m::routes);
    sameTwice(m::recordRoutes);
    sameTwice(m::paths);
    sameTwice(m::serviceRoutes);
    sameTwice(m::pAssociatedUris);
    sameTwice(m::supported);
    sameTwice(m::require);
    sameTwice(m::event);
    sameTwice(m::contentType);
    sameTwice(m::pChargingVector);
    sameTwice(m::pVisitedNetworkIds);
    sameTwice(m::requestUri);
    sameTwice(() -> m.addresses(HeaderNames.PATH));
    sameTwice(() -> m.authValues(HeaderNames.AUTHORIZATION));
    assertThat(m.topVia()).isSameAs(m.vias().get(0));
    assertThat(m.expires()).isEqualTo(600);
    assertThat(m.maxForwards()).isEqualTo(70);
    assertThat(m.callId()).isEqualTo("1j9FpLxk3uxtm8tn@df7jal23ls0d.invalid");
    assertThat(m.vias()).hasSize(3);
  }

  @Test
  void aTopViaReadFirstIsTheFirstOfTheListReadLater() throws Exception {
    SipRequest m = register();
    assertThat(m.vias().get(0)).isSameAs(m.topVia());
  }

  @Test
  void sharedListsCannotBeChangedByOneReader() throws Exception {
    SipRequest m = register();
    List<Address> routes = m.routes();
    assertThatThrownBy(() -> routes.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.vias().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.contacts().add(null)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(m.routes()).hasSize(1);
  }

  @Test
  void aBadHeaderFailsOnEveryAccess() throws Exception {
    SipRequest m = (SipRequest) SipParser.DEFAULT.parse(REGISTER.replace("CSeq: 2 REGISTER", "CSeq: 2 INVITE x"));
    assertThatThrownBy(m::cseq).isInstanceOf(SipParseException.class);
    assertThatThrownBy(m::cseq).isInstanceOf(SipParseException.class);
  }
}
