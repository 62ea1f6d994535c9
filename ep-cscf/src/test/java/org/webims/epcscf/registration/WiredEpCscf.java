package org.webims.epcscf.registration;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.regevent.NetworkDeregistrationClose;
import org.webims.epcscf.regevent.RegEventSubscriptions;
import org.webims.epcscf.terminating.PathRequests;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.TestConfig;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestScscf;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.TestWaf;
import org.webims.epcscf.websocket.WicFlows;
import org.webims.server.events.EventLog;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.testing.MutableClock;
import org.webims.sip.transaction.TransactionTimers;

/**
 * The eP-CSCF wired as {@code EpCscfConfiguration} wires it (proxy core, REGISTER handlers, Path
 * requests, reg-event subscriptions), without sockets: a fake core, one fake flow, a virtual clock.
 */
final class WiredEpCscf implements AutoCloseable {

  final Instant now = Instant.now();
  final MutableClock clock = new MutableClock(now);
  final CoreHop hop = new CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "epcscf.ims.example.net", 5060);
  final FakeWicFlow flow = new FakeWicFlow("fl-7Q2xYc");
  final Registrations registrations = new Registrations();
  final TlsAssociations associations = new TlsAssociations();
  final WicFlows flows = new WicFlows();
  final FakeCoreNetwork core = new FakeCoreNetwork();
  final EpCscfMetrics metrics = EpCscfMetrics.unregistered();
  final CoreProxy proxy;
  final TestWaf waf;
  final PathRequests path;
  final WicRequests wic;

  WiredEpCscf() throws Exception {
    this(16);
  }

  /** @param maxDialogsPerFlow {@code webims.epcscf.calls.max-dialogs-per-flow} (EPC-66) */
  WiredEpCscf(int maxDialogsPerFlow) throws Exception {
    proxy = new CoreProxy(core, hop, TransactionTimers.DEFAULT, maxDialogsPerFlow, metrics,
        EventLog.named(CoreProxy.EVENTS));
    waf = new TestWaf(clock);
    RegEventSubscriptions subscriptions = new RegEventSubscriptions(proxy, registrations, associations, 600,
        "sip:127.0.0.1:5060;transport=tcp");
    registrations.listen(subscriptions);
    registrations.listen(new NetworkDeregistrationClose(registrations, flows, proxy.timerService(), 1000));
    path = new PathRequests(proxy, flows, subscriptions);
    proxy.onCoreRequests(path);
    TrustedNodeRegister rewrite = new TrustedNodeRegister("ims.example.net", "ims.example.net", false, hop);
    wic = new WicRequests(new TrustedNodeAuthentication(waf.validator, rewrite, proxy, registrations,
        "ims.example.net", "https://localhost:8443", TestConfig.noLeaseCheck(clock), Duration.ofSeconds(10), clock),
        new SipDigestWithTls(rewrite, proxy, registrations, associations, clock),
        new OriginatingRequests(proxy, registrations), registrations);
    wic.relayResponsesTo(path);
    flows.add(flow);
  }

  /** The WIC registers with a token; returns the eP-CSCF's SUBSCRIBE, answered 200 with a To tag. */
  SipRequest registerAndSubscribe() {
    wic.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(
        waf.sign(TestTokens.claims(now).build())))));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);
    SipRequest subscribe = core.lastRequest();
    proxy.onMessage(SipResponse.to(subscribe, 200, "OK").setHeader(HeaderNames.TO,
        "<sip:alice@ims.example.net>;tag=scscf1").header(HeaderNames.EXPIRES, "4200").build(), core.toScscf);
    return subscribe;
  }

  @Override
  public void close() {
    waf.close();
  }
}
