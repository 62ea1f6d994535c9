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

  /** RFC 3261 §19.1.4: the section's own examples of equivalent URIs, and its rules around them. */
  @Test
  void equivalentUrisOfRfc3261Section19_1_4() throws SipParseException {
    assertEquivalent("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp");
    assertEquivalent("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5");
    assertEquivalent("sip:carol@chicago.com", "sip:carol@chicago.com;security=on");
    assertEquivalent("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on");
    assertEquivalent("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
        "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com");
    assertEquivalent("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
        "sip:alice@atlanta.com?priority=urgent&subject=project%20x");
    assertEquivalent("sip:alice@atlanta.com;maddr=239.255.255.1;ttl=15;method=register;user=ip",
        "sip:alice@atlanta.com;MADDR=239.255.255.1;TTL=15;METHOD=REGISTER;USER=IP");
    assertEquivalent("sip:alice@atlanta.com?Subject=Project%20X", "sip:alice@atlanta.com?subject=project%20x");
    assertEquivalent("sip:bob@biloxi.com;lr", "sip:bob@biloxi.com;LR;ob");
  }

  @Test
  void nonEquivalentUrisOfRfc3261Section19_1_4() throws SipParseException {
    assertNotEquivalent("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP");
    assertNotEquivalent("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060");
    assertNotEquivalent("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp");
    assertNotEquivalent("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp");
    assertNotEquivalent("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting");
    assertNotEquivalent("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4");
    assertNotEquivalent("sip:alice@atlanta.com", "sips:alice@atlanta.com");
    assertNotEquivalent("sip:alice@atlanta.com", "sip:alice:secret@atlanta.com");
    // user, ttl, method and maddr on one side only never match, even with a default value.
    assertNotEquivalent("sip:alice@atlanta.com", "sip:alice@atlanta.com;user=ip");
    assertNotEquivalent("sip:alice@atlanta.com", "sip:alice@atlanta.com;ttl=1");
    assertNotEquivalent("sip:alice@atlanta.com", "sip:alice@atlanta.com;method=INVITE");
    assertNotEquivalent("sip:alice@atlanta.com", "sip:alice@atlanta.com;maddr=atlanta.com");
    // a parameter on both sides must match; the user part compares case-sensitively, reserved escapes kept.
    assertNotEquivalent("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;newparam=6");
    assertNotEquivalent("sip:a%3Bb@chicago.com", "sip:a;b@chicago.com");
    assertNotEquivalent("sip:alice@atlanta.com?subject=a", "sip:alice@atlanta.com?subject=a&priority=urgent");
  }

  private static void assertEquivalent(String a, String b) throws SipParseException {
    SipUri x = SipUri.parse(a);
    SipUri y = SipUri.parse(b);
    assertThat(x).as(a + " = " + b).isEqualTo(y);
    assertThat(y).as(b + " = " + a).isEqualTo(x);
    assertThat(x.hashCode()).as("hash of " + a + " and " + b).isEqualTo(y.hashCode());
  }

  private static void assertNotEquivalent(String a, String b) throws SipParseException {
    assertThat(SipUri.parse(a)).as(a + " != " + b).isNotEqualTo(SipUri.parse(b));
    assertThat(SipUri.parse(b)).as(b + " != " + a).isNotEqualTo(SipUri.parse(a));
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
