package org.webims.epcscf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.transaction.TransactionTimers;

/** The Mw hop (EPC-01) with a slow S-CSCF: forwarding never waits for a connect (issue 13). */
class CoreProxyTest {

  private static final String REGISTER = "REGISTER sip:ims.example.net SIP/2.0\r\n"
      + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKwic1\r\n"
      + "Max-Forwards: 70\r\n"
      + "From: <sip:alice@ims.example.net>;tag=1\r\n"
      + "To: <sip:alice@ims.example.net>\r\n"
      + "Call-ID: proxy-test\r\n"
      + "CSeq: 1 REGISTER\r\n"
      + "Content-Length: 0\r\n\r\n";

  private final FakeCoreNetwork core = new FakeCoreNetwork();
  private final CoreProxy proxy = new CoreProxy(core,
      new CoreProxy.CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "epcscf.ims.example.net", 5062),
      TransactionTimers.DEFAULT);

  /**
   * forward() is called on the WIC's connection's thread; a connect to the S-CSCF that takes long must
   * not hold that thread (or a loop): forward returns at once and the request leaves when the connect is done.
   */
  @Test
  void forwardReturnsBeforeTheConnectToTheCoreIsDone() throws Exception {
    core.connectPending();
    SipRequest register = (SipRequest) SipParser.DEFAULT.parse(REGISTER);
    CompletableFuture<SipResponse> answer = new CompletableFuture<>();

    CompletableFuture<Void> returned = CompletableFuture.runAsync(() -> proxy.forward(register, answer::complete));

    try {
      returned.get(2, TimeUnit.SECONDS);
      assertThat(core.sent()).isEmpty();
    } finally {
      core.connectEstablished();
    }
    returned.get(5, TimeUnit.SECONDS);
    assertThat(core.sent()).hasSize(1);
    assertThat(core.lastRequest().topVia().host()).isEqualTo("epcscf.ims.example.net");
  }
}
