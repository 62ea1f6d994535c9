package org.webims.sip.reginfo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one "is this contact mine" rule of a reg event (EPC-42, WIC-44, SCS-11). */
class ContactIdentityTest {

  static final String WIC_URI = "sip:k2not68h@df7jal23ls0d.invalid;transport=ws";
  static final String INSTANCE = "<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>";

  static Contact contact(String state, String event, String uri, String instance, String regId) {
    Contact.Builder b = Contact.builder("1", state, uri).event(event);
    if (instance != null) {
      b.unknownParam("+sip.instance", instance);
    }
    if (regId != null) {
      b.unknownParam("reg-id", regId);
    }
    return b.build();
  }

  static RegInfo reginfo(Contact... contacts) {
    Registration.Builder r = Registration.builder("sip:alice@ims.example.net", "r", Registration.ACTIVE);
    for (Contact c : contacts) {
      r.contact(c);
    }
    return RegInfo.builder(0, RegInfo.FULL).registration(r.build()).build();
  }

  @Test
  void instanceAndRegIdDecideWhenBothSidesHaveThem() {
    ContactIdentity me = ContactIdentity.of(WIC_URI, "\"" + INSTANCE + "\"", 1);
    assertThat(me.sameAs(contact("active", null, "sip:other@host.invalid", "\"" + INSTANCE.toUpperCase() + "\"", "1")))
        .as("same instance and reg-id on another URI: the same binding").isTrue();
    assertThat(me.sameAs(contact("active", null, WIC_URI, "\"" + INSTANCE + "\"", "2")))
        .as("another reg-id: another flow").isFalse();
    assertThat(me.sameAs(contact("active", null, WIC_URI, "\"<urn:uuid:00000000-0000-0000-0000-000000000000>\"", "1")))
        .isFalse();
  }

  @Test
  void otherwiseTheUrisCompareByRfc3261() {
    ContactIdentity me = ContactIdentity.of(WIC_URI, INSTANCE, 1);
    assertThat(me.sameAs(contact("active", null, "sip:k2not68h@DF7JAL23LS0D.invalid;TRANSPORT=ws", INSTANCE, null)))
        .as("no reg-id in the document: URI equality, host and parameter names case-insensitive").isTrue();
    assertThat(me.sameAs(contact("active", null, "sip:k2not68h@df7jal23ls0d.invalid", null, null)))
        .as("a transport parameter on one side only").isFalse();
    assertThat(ContactIdentity.of("not a uri", null, -1).sameAs(contact("active", null, "not a uri", null, null)))
        .isTrue();
  }

  /** RFC 5627 §7.1.2.1 (issue 13): a +sip.instance without reg-id on both sides names the binding. */
  @Test
  void anInstanceWithoutRegIdOnBothSidesDecidesAlone() {
    ContactIdentity me = ContactIdentity.of(WIC_URI, INSTANCE, -1);
    assertThat(me.sameAs(contact("active", null, "sip:moved@elsewhere.invalid;transport=ws", INSTANCE.toUpperCase(), null)))
        .as("same instance, another URI: the same binding (the UA moved)").isTrue();
    assertThat(me.sameAs(contact("active", null, WIC_URI, "<urn:uuid:00000000-0000-0000-0000-000000000000>", null)))
        .as("same URI, another instance: another UA").isFalse();
  }

  /** RFC 5626 §6: an outbound binding (instance and reg-id) and a plain one are told apart by URI. */
  @Test
  void mixedKindsAndNoInstanceCompareUris() {
    ContactIdentity outbound = ContactIdentity.of(WIC_URI, INSTANCE, 1);
    assertThat(outbound.sameAs(ContactIdentity.of("sip:other@host.invalid", INSTANCE, -1)))
        .as("instance and reg-id against instance only: URIs differ").isFalse();
    assertThat(outbound.sameAs(ContactIdentity.of(WIC_URI, INSTANCE, -1))).as("same URI").isTrue();
    assertThat(ContactIdentity.of(WIC_URI, null, -1).sameAs(ContactIdentity.of("sip:k2not68h@DF7JAL23LS0D.INVALID;transport=WS", null, -1)))
        .as("neither has an instance: RFC 3261 URI equality").isTrue();
    assertThat(ContactIdentity.of(WIC_URI, null, -1).sameAs(ContactIdentity.of(WIC_URI, INSTANCE, -1)))
        .as("instance on one side only: URI equality").isTrue();
  }

  @Test
  void aBindingReplacedByANewFlowOfTheSameInstanceIsNotEnded() {
    ContactIdentity me = ContactIdentity.of(WIC_URI, INSTANCE, 1);
    RegInfo replaced = reginfo(contact("terminated", "unregistered", WIC_URI, INSTANCE, "1"),
        contact("active", "created", "sip:new@flow.invalid;transport=ws", INSTANCE, "1"));
    assertThat(replaced.endedEvent(me)).isNull();
    RegInfo rejected = reginfo(contact("terminated", "rejected", WIC_URI, INSTANCE, "1"),
        contact("active", "registered", "sip:someone@else.invalid", "\"<urn:uuid:other>\"", "1"));
    assertThat(rejected.endedEvent(me)).isEqualTo("rejected");
    assertThat(reginfo(contact("terminated", null, WIC_URI, null, null)).endedEvent(me)).isEmpty();
    assertThat(reginfo(contact("active", "registered", WIC_URI, null, null)).endedEvent(me)).isNull();
  }

  @Test
  void terminatedAorsUseTheSameRule() {
    ContactIdentity me = ContactIdentity.of(WIC_URI, null, -1);
    RegInfo ueLeft = reginfo(contact("terminated", "unregistered", WIC_URI, null, null),
        contact("active", "registered", "sip:other@flow.invalid", null, null));
    assertThat(ueLeft.terminatedAors(me)).containsExactly("sip:alice@ims.example.net");
    assertThat(ueLeft.terminatedAors(null)).as("any contact: one is still active").isEmpty();
    assertThat(reginfo(contact("active", "registered", WIC_URI, null, null)).terminatedAors(me)).isEmpty();
  }
}
