package org.webims.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.proxy.ProxyHarness.request;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;

/**
 * RFC 3261 §16.9 with an asynchronous hop (issue 13): the element's transport accepted the request
 * (a connect was under way) and learns later, on the loop, that it could not be sent. The branch
 * answers 503 instead of waiting out Timer F or Timer C (EPC-63); a failed RFC 5626 flow is 430.
 */
class ProxyTransportFailureTest {

  private final ProxyHarness h = ProxyHarness.reliable();
  private ProxyHarness.FakeTransport bob;

  @BeforeEach
  void bobIsTheOnlyTarget() throws Exception {
    bob = h.host("bob.test");
    h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));
  }

  /** The branch's 503 is the only final; §16.7 step 6 sends it upstream as 500. */
  @Test
  void aNonInviteWhoseTransportFailsLaterEndsAtOnce() {
    h.fromUac(request(SipRequest.MESSAGE, "sip:bob@ims.test").build());
    assertThat(bob.requests(SipRequest.MESSAGE)).hasSize(1);

    h.clock.advance(1_000);
    h.proxy.transportFailed(bob, new TransportException("connect to bob.test refused"));

    assertThat(h.uac.statusCodes()).containsExactly(500);
    assertThat(h.proxy.layer().size()).isZero(); // the client transaction too: nothing waits for Timer F
  }

  @Test
  void anInviteWhoseTransportFailsLaterEndsWithoutWaitingForTimerC() {
    h.fromUac(request(SipRequest.INVITE, "sip:bob@ims.test").build());

    h.proxy.transportFailed(bob, new TransportException("connect to bob.test timed out"));

    assertThat(h.uac.statusCodes()).containsExactly(100, 500);
  }

  /** The element's own request on one branch ({@link ProxyCore#send}) hears the branch's 503 itself. */
  @Test
  void theElementsOwnRequestHears503WhenItsTransportFailsLater() throws Exception {
    List<SipResponse> heard = new ArrayList<>();
    SipRequest register = request(SipRequest.REGISTER, "sip:ims.test").build();
    h.proxy.send(register, h.uac, Target.of(SipUri.parse("sip:bob@bob.test")), heard::add);
    assertThat(bob.requests(SipRequest.REGISTER)).hasSize(1);

    h.proxy.transportFailed(bob, new TransportException("connect to bob.test refused"));

    assertThat(heard).extracting(SipResponse::statusCode).containsExactly(503);
    assertThat(heard.get(0).headerLines(HeaderNames.VIA)).containsExactly(register.header(HeaderNames.VIA));
  }

  @Test
  void aFailedFlowIsAnswered430_Rfc5626() {
    h.fromUac(request(SipRequest.MESSAGE, "sip:bob@ims.test").build());

    h.proxy.transportFailed(bob, TransportException.flowFailed("the WebSocket closed"));

    assertThat(h.uac.statusCodes()).containsExactly(430);
    assertThat(h.uac.lastResponse().reasonPhrase()).isEqualTo("Flow Failed");
  }

  @Test
  void aFailureOnAnotherTransportLeavesTheBranchWaiting() {
    h.fromUac(request(SipRequest.MESSAGE, "sip:bob@ims.test").build());

    h.proxy.transportFailed(h.host("carol.test"), new TransportException("closed"));

    assertThat(h.uac.statusCodes()).isEmpty();
    h.clock.advance(32_000); // Timer F
    assertThat(h.uac.statusCodes()).containsExactly(408);
  }

  /** RFC 3261 §8.2.6.2: a final the proxy makes itself (here 430) carries a To tag of its own. */
  @Test
  void aResponseTheProxyMakesCarriesAToTag() throws Exception {
    h.fromUac(request(SipRequest.MESSAGE, "sip:bob@ims.test").build());

    h.proxy.transportFailed(bob, TransportException.flowFailed("the WebSocket closed"));

    assertThat(h.uac.lastResponse().to().tag()).isNotBlank();
  }

  /** The client's flow failed while its INVITE rang: the proxy stops ringing phones for it (§16.10). */
  @Test
  void aFailedInboundFlowCancelsThePendingInvite() throws Exception {
    h.fromUac(request(SipRequest.INVITE, "sip:bob@ims.test").build());
    h.receive(ProxyHarness.answer(bob.lastRequest(SipRequest.INVITE), 180), bob);

    h.proxy.transportFailed(h.uac, TransportException.flowFailed("the WebSocket closed"));

    assertThat(bob.requests(SipRequest.CANCEL)).hasSize(1);
    assertThat(bob.requests(SipRequest.CANCEL).get(0).topVia().branch())
        .isEqualTo(bob.lastRequest(SipRequest.INVITE).topVia().branch());
  }
}
