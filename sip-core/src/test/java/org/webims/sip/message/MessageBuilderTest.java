package org.webims.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.TestMessages;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.header.Via;
import org.webims.sip.parser.SipParser;
import org.webims.sip.uri.SipUri;

class MessageBuilderTest {

  @Test
  void builtRegisterGetsContentLengthAndParsesBack() throws SipParseException {
    SipRequest r = SipRequest.builder(SipRequest.REGISTER, SipUri.of(null, "ims.example.net"))
        .header("Via", Via.of("WSS", "df7jal23ls0d.invalid", -1, "z9hG4bK1").withParameter("rport", null).toString())
        .header("Max-Forwards", "70")
        .header("From", "<sip:alice@ims.example.net>;tag=4fa3b2")
        .header("To", "<sip:alice@ims.example.net>")
        .header("Call-ID", "c1")
        .header("CSeq", "1 REGISTER")
        .build();
    assertThat(r.header("Content-Length")).isEqualTo("0");
    assertThat(r.encode()).startsWith("REGISTER sip:ims.example.net SIP/2.0\r\nVia: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1;rport\r\n")
        .endsWith("Content-Length: 0\r\n\r\n");
    SipRequest back = (SipRequest) SipParser.DEFAULT.parse(r.encode());
    back.validate();
    assertThat(back).isEqualTo(r);
  }

  @Test
  void trustedNodeRewriteOfTheWicRegister() throws SipParseException {
    // The shape of the EPC-04/05/07/08/24 rewrite: the checklist 5.1 REGISTER becomes 5.2.
    SipRequest wic = TestMessages.checklistRequest("5.1-register-bearer");
    Via wicVia = wic.topVia().withRport(52810).withReceived("198.51.100.23");
    DigestCredentials tna = DigestCredentials.builder().username("alice_private@ims.example.net")
        .realm("ims.example.net").uri("sip:ims.example.net").nonce("").response("")
        .integrityProtected("auth-done").build();
    SipRequest forwarded = wic.toBuilder()
        .replaceFirstHeader(HeaderNames.VIA, wicVia.toString())
        .prependHeader(HeaderNames.VIA, "SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bKep0001")
        .setHeader(HeaderNames.MAX_FORWARDS, "69")
        .setHeader(HeaderNames.AUTHORIZATION, tna.toString())
        .header(HeaderNames.PATH, "<sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>")
        .header(HeaderNames.REQUIRE, "path")
        .build();
    assertThat(forwarded.vias()).hasSize(2);
    assertThat(forwarded.vias().get(1).received()).isEqualTo("198.51.100.23");
    assertThat(forwarded.maxForwards()).isEqualTo(69);
    assertThat(forwarded.encode()).doesNotContain("Bearer");
    assertThat(forwarded.header(HeaderNames.CONTENT_LENGTH)).isEqualTo("0");
    forwarded.validate();
  }

  /** RFC 3261 §8.2.6.2: one rule for every element's own answers (eP-CSCF, S-CSCF, proxy core). */
  @Test
  void aResponseMadeHereGetsAToTagOnlyWhenTheRequestHadNone() throws SipParseException {
    SipRequest initial = TestMessages.checklistRequest("5.4-register-digest");
    assertThat(initial.to().tag()).isNull();
    SipResponse answered = SipResponse.to(initial, 403, "Forbidden", "t1").build();
    assertThat(answered.to().tag()).isEqualTo("t1");
    assertThat(answered.to().uri()).isEqualTo(initial.to().uri());
    assertThat(answered.withToTag("t2").to().tag()).isEqualTo("t1");

    SipRequest inDialog = initial.toBuilder().setHeader(HeaderNames.TO, initial.to().withTag("theirs").toString()).build();
    assertThat(SipResponse.to(inDialog, 481, null, "t1").build().to().tag()).isEqualTo("theirs");
    assertThat(SipResponse.to(initial, 408, null).build().withToTag("t3").to().tag()).isEqualTo("t3");
  }

  @Test
  void responseToARequestCopiesTheDialogHeadersInOrder() throws SipParseException {
    SipRequest req = TestMessages.checklistRequest("5.4-register-digest");
    SipResponse r = SipResponse.to(req, 401, null).header(HeaderNames.WWW_AUTHENTICATE, "Digest realm=\"r\", nonce=\"n\"").build();
    assertThat(r.startLine()).isEqualTo("SIP/2.0 401 Unauthorized");
    assertThat(r.headers()).extracting(Header::name)
        .containsExactly("Via", "From", "To", "Call-ID", "CSeq", "WWW-Authenticate", "Content-Length");
    assertThat(r.cseq()).isEqualTo(req.cseq());
    assertThat(r.toString()).isEqualTo("SIP/2.0 401 Unauthorized");
  }

  @Test
  void bodyAndRemovalKeepContentLengthTrue() throws SipParseException {
    SipRequest notify = TestMessages.checklistRequest("5.7-notify-terminated");
    SipRequest shorter = notify.toBuilder().body("application/reginfo+xml", "<reginfo/>").build();
    assertThat(shorter.header(HeaderNames.CONTENT_LENGTH)).isEqualTo("10");
    SipRequest empty = shorter.toBuilder().noBody().removeHeader(HeaderNames.EVENT).build();
    assertThat(empty.header(HeaderNames.CONTENT_LENGTH)).isEqualTo("0");
    assertThat(empty.contentType()).isNull();
    assertThat(empty.event()).isNull();
    assertThat(notify.bodyLength()).isEqualTo(673);
  }

  @Test
  void printingAMessageShowsOnlyItsStartLine() {
    SipRequest r = TestMessages.checklistRequest("5.1-register-bearer");
    assertThat(r.toString()).isEqualTo("REGISTER sip:ims.example.net SIP/2.0");
  }

  @Test
  void headerFirstPutsTheLineAboveEveryOtherAndKeepsTheBody() {
    SipRequest invite = SipRequest.builder(SipRequest.INVITE, SipUri.of("bob", "ims.example.net"))
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.CALL_ID, "c1")
        .body("application/sdp", "v=0\r\n")
        .build();
    SipRequest sent = invite.toBuilder()
        .headerFirst(HeaderNames.VIA, "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1")
        .build();
    assertThat(sent.encode()).startsWith("INVITE sip:bob@ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n")
        .endsWith("Content-Length: 5\r\n\r\nv=0\r\n");
  }
}
