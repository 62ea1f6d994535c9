package org.webims.sip.reginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3680 documents as the IMS core, Kamailio and others write them (EPC-42, WIC-44, SCS-11). */
class RegInfoReaderTest {

  static final int MAX = RegInfoReader.DEFAULT_MAX_BYTES;

  /** Kamailio 5.x ims_registrar_scscf (notify.c): tabs, LF, id="%p", expires, the Contact's params as unknown-params. */
  static final String KAMAILIO_SCSCF = "<?xml version=\"1.0\"?>\n"
      + "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"3\" state=\"full\">\n"
      + "\t<registration aor=\"sip:alice@ims.example.net\" id=\"0x7f3a1c2b8e40\" state=\"active\">\n"
      + "\t\t<contact id=\"0x7f3a1c2b9f10\" state=\"active\" event=\"registered\" expires=\"3599\">\n"
      + "\t\t\t<uri>sip:k2not68h@df7jal23ls0d.invalid;transport=ws</uri>\n"
      + "\t\t\t<unknown-param name=\"+sip.instance\">&quot;&lt;urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252&gt;&quot;"
      + "</unknown-param>\n"
      + "\t\t\t<unknown-param name=\"reg-id\">1</unknown-param>\n"
      + "\t\t</contact>\n"
      + "\t</registration>\n"
      + "\t<registration aor=\"tel:+15551234567\" id=\"0x7f3a1c2b8f00\" state=\"terminated\">\n"
      + "\t\t<contact id=\"0x7f3a1c2ba000\" state=\"terminated\" event=\"rejected\" expires=\"0\">\n"
      + "\t\t\t<uri>sip:k2not68h@df7jal23ls0d.invalid;transport=ws</uri>\n"
      + "\t\t</contact>\n"
      + "\t</registration>\n"
      + "</reginfo>\n";

  /** pua_reginfo-style partial state with a prefix, single quotes, attributes in another order, a comment, GRUU. */
  static final String PREFIXED_PARTIAL = "<?xml version='1.0' encoding='UTF-8'?>\r\n"
      + "<!-- written by a proxy -->\r\n"
      + "<ri:reginfo xmlns:ri='urn:ietf:params:xml:ns:reginfo' xmlns:gr='urn:ietf:params:xml:ns:gruuinfo'"
      + " state='partial' version='7'>"
      + "<ri:registration state='active' id='a7' aor='sip:bob@example.com'>"
      + "<ri:contact event='unregistered' state='terminated' id='76' callid='xy&amp;z' cseq='4' q='0.5'"
      + " duration-registered='120' retry-after='30'>"
      + "<ri:uri><![CDATA[sip:bob@192.0.2.4]]></ri:uri>"
      + "<ri:display-name xml:lang='en'>Bob &#x1F600; &#233;</ri:display-name>"
      + "<gr:pub-gruu uri='sip:bob@example.com;gr=urn:uuid:f81d4fae'/>"
      + "<ext:whatever xmlns:ext='urn:example:ext'><ext:deep>text</ext:deep></ext:whatever>"
      + "</ri:contact></ri:registration></ri:reginfo>";

  @Test
  void readsKamailioScscfFullState() throws Exception {
    RegInfo info = RegInfoReader.read(KAMAILIO_SCSCF, MAX);
    assertThat(info.version()).isEqualTo(3);
    assertThat(info.state()).isEqualTo(RegInfo.FULL);
    assertThat(info.registrations()).extracting(Registration::aor)
        .containsExactly("sip:alice@ims.example.net", "tel:+15551234567");
    Contact c = info.registration("sip:alice@ims.example.net").contacts().get(0);
    assertThat(c.id()).isEqualTo("0x7f3a1c2b9f10");
    assertThat(c.state()).isEqualTo(Contact.ACTIVE);
    assertThat(c.event()).isEqualTo("registered");
    assertThat(c.expires()).isEqualTo(3599);
    assertThat(c.uri()).isEqualTo("sip:k2not68h@df7jal23ls0d.invalid;transport=ws");
    assertThat(c.unknownParam("+sip.instance")).isEqualTo("\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\"");
    assertThat(c.unknownParam("REG-ID")).isEqualTo("1");
    assertThat(info.registration("tel:+15551234567").isTerminated()).isTrue();
  }

  @Test
  void readsPrefixesSingleQuotesEntitiesAndSkipsUnknownElements() throws Exception {
    RegInfo info = RegInfoReader.read(PREFIXED_PARTIAL.getBytes(StandardCharsets.UTF_8), MAX);
    assertThat(info.version()).isEqualTo(7);
    assertThat(info.state()).isEqualTo(RegInfo.PARTIAL);
    Registration r = info.registrations().get(0);
    assertThat(r.id()).isEqualTo("a7");
    Contact c = r.contacts().get(0);
    assertThat(c.uri()).isEqualTo("sip:bob@192.0.2.4");
    assertThat(c.isTerminated()).isTrue();
    assertThat(c.event()).isEqualTo("unregistered");
    assertThat(c.callId()).isEqualTo("xy&z");
    assertThat(c.cseq()).isEqualTo(4);
    assertThat(c.q()).isEqualTo("0.5");
    assertThat(c.durationRegistered()).isEqualTo(120);
    assertThat(c.retryAfter()).isEqualTo(30);
    assertThat(c.displayName()).isEqualTo("Bob \uD83D\uDE00 \u00E9");
    assertThat(c.unknownParamCount()).isZero();
  }

  @Test
  void readsTheDefaultNamespaceRedeclaredAndElementsOfOtherNamespacesAreNotReginfo() throws Exception {
    String xml = "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='0' state='full'>"
        + "<registration xmlns='urn:example:other' aor='sip:x@y' id='1' state='active'/>"
        + "<registration aor='sip:a@b' id='2' state='init'/></reginfo>";
    RegInfo info = RegInfoReader.read(xml, MAX);
    assertThat(info.registrations()).extracting(Registration::aor).containsExactly("sip:a@b");
    assertThat(info.registrations().get(0).contacts()).isEmpty();
  }

  @Test
  void writerOutputReadsBackUnchanged() throws Exception {
    RegInfo original = RegInfo.builder(42, RegInfo.FULL)
        .registration(Registration.builder("sip:a&b@example.com", "r\"1", Registration.ACTIVE)
            .contact(Contact.builder("c<1>", Contact.ACTIVE, "sip:x@y;transport=ws").event("registered").expires(60)
                .durationRegistered(5).retryAfter(7).q("0.8").callId("id\r\n'x'").cseq(9).displayName("A & B \"C\"")
                .unknownParam("+sip.instance", "\"<urn:uuid:1>\"").unknownParam("reg-id", "2").build())
            .contact(Contact.builder("c2", Contact.TERMINATED, "sip:z@w").event("expired").build())
            .build())
        .registration(Registration.builder("tel:+1", "r2", Registration.TERMINATED).build())
        .build();
    String xml = RegInfoWriter.write(original);
    RegInfo back = RegInfoReader.read(xml, MAX);
    assertThat(RegInfoWriter.write(back)).isEqualTo(xml);
    Contact c = back.registrations().get(0).contacts().get(0);
    assertThat(c.callId()).isEqualTo("id\r\n'x'");
    assertThat(c.displayName()).isEqualTo("A & B \"C\"");
    assertThat(c.unknownParam("+sip.instance")).isEqualTo("\"<urn:uuid:1>\"");
    assertThat(back.registrations().get(0).aor()).isEqualTo("sip:a&b@example.com");
    assertThat(back.registrations().get(0).contacts().get(1).expires()).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not xml",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'></other>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' version='2' state='full'/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version=1 state='full'/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='-1' state='full'/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' state='full'/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='whole'/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:other' version='1' state='full'/>",
      "<reginfo version='1' state='full'/>",
      "<x:reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'/><reginfo/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'>&bogus;</reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'>&#0;</reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'>&#xZZ;</reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'>& x</reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><!-- open</reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><registration id='1' state='active'/>"
          + "</reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><registration aor='sip:a@b' id='1'"
          + " state='gone'/></reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><registration aor='sip:a@b' id='1'"
          + " state='active'><contact id='c' state='active'/></registration></reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><registration aor='sip:a@b' id='1'"
          + " state='active'><contact id='c' state='active' expires='soon'><uri>sip:a@b</uri></contact>"
          + "</registration></reginfo>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full' a='<'/>",
      "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'stray='1'/>",
      "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><reginfo xmlns='urn:ietf:params:xml:ns:reginfo'"
          + " version='1' state='full'>&x;</reginfo>",
  })
  void malformedDocumentsGiveAClearError(String xml) {
    assertThatThrownBy(() -> RegInfoReader.read(xml, MAX))
        .isInstanceOf(ReginfoException.class)
        .hasMessageStartingWith("Bad reginfo: ");
  }

  @Test
  void aDoctypeIsRefusedByName() {
    assertThatThrownBy(() -> RegInfoReader.read("<!DOCTYPE reginfo><reginfo/>", MAX))
        .hasMessageContaining("DOCTYPE not allowed");
  }

  @Test
  void oversizedDocumentsAreRefusedBeforeParsing() {
    byte[] big = new byte[MAX + 1];
    assertThatThrownBy(() -> RegInfoReader.read(big, MAX))
        .isInstanceOf(ReginfoException.class)
        .hasMessage("Bad reginfo: 65537 bytes, more than the limit of 65536");
  }

  @Test
  void deepNestingIsRefusedWithoutExhaustingTheStack() {
    StringBuilder xml = new StringBuilder("<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'>");
    for (int i = 0; i < 10_000; i++) {
      xml.append("<a>");
    }
    assertThatThrownBy(() -> RegInfoReader.read(xml.toString(), 1 << 20))
        .isInstanceOf(ReginfoException.class)
        .hasMessageContaining("nested deeper than 16");
  }
}
