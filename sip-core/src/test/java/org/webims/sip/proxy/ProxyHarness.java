package org.webims.sip.proxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.testing.ManualTimerService;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * One proxy core on a virtual clock between a UAC and UASs, each behind a recording transport. The
 * proxy has two sides, as the eP-CSCF has: {@link #EDGE} (WSS toward the WIC) and {@link #CORE}
 * (TCP, or UDP in the retransmission tests, toward the IMS core).
 */
final class ProxyHarness {

  static final SipUri EDGE = uri("edge.proxy.test");
  static final SipUri CORE = uri("core.proxy.test");

  final ManualTimerService clock = new ManualTimerService();
  final TestElement element = new TestElement();
  final ProxyCore proxy;
  /** The UAC's connection to the proxy, on the edge side. */
  final FakeTransport uac;
  private final Map<String, FakeTransport> hosts = new HashMap<>();
  private int tokens;

  private ProxyHarness(boolean udp, ProxyConfig config) {
    uac = new FakeTransport("uac", udp);
    proxy = ProxyCore.create(clock, TransactionTimers.DEFAULT, config, element, () -> "p" + (++tokens));
  }

  /** Reliable transports: no retransmissions. */
  static ProxyHarness reliable() {
    return new ProxyHarness(false, ProxyConfig.DEFAULT);
  }

  /** UDP everywhere: Timers A, E and G run. */
  static ProxyHarness udp() {
    return new ProxyHarness(true, ProxyConfig.DEFAULT);
  }

  static ProxyHarness reliable(ProxyConfig config) {
    return new ProxyHarness(false, config);
  }

  static SipUri uri(String host) {
    return SipUri.builder().host(host).build();
  }

  /** A downstream host the element can reach over the core side. */
  FakeTransport host(String name) {
    return hosts.computeIfAbsent(name, n -> new FakeTransport(n, uac.udp));
  }

  /** Delivers a message as received from {@code from}. */
  void receive(SipMessage message, FakeTransport from) {
    try {
      proxy.receive(message, from);
    } catch (SipParseException e) {
      throw new AssertionError(e);
    }
  }

  void fromUac(SipMessage message) {
    receive(message, uac);
  }

  /** A request from the UAC ({@code uac.test:5060}, branch z9hG4bKuac1) toward {@code requestUri}. */
  static SipRequest.Builder request(String method, String requestUri) {
    return request(method, requestUri, "z9hG4bKuac1");
  }

  static SipRequest.Builder request(String method, String requestUri, String branch) {
    try {
      return SipRequest.builder(method, SipUri.parse(requestUri))
          .header(HeaderNames.VIA, Via.of("WSS", "uac.test", 5060, branch).toString())
          .header(HeaderNames.MAX_FORWARDS, "70")
          .header(HeaderNames.FROM, "<sip:alice@ims.test>;tag=alice1")
          .header(HeaderNames.TO, "<sip:bob@ims.test>")
          .header(HeaderNames.CALL_ID, "call-1@uac.test")
          .header(HeaderNames.CSEQ, "1 " + method)
          .header(HeaderNames.CONTACT, "<sip:alice@uac.test;transport=ws>");
    } catch (SipParseException e) {
      throw new AssertionError(e);
    }
  }

  /** What a UAS answers to a request it received, with a To tag for everything but 100. */
  static SipResponse answer(SipRequest received, int status) {
    return answer(received, status, "bob-tag");
  }

  static SipResponse answer(SipRequest received, int status, String toTag) {
    SipResponse.Builder b = SipResponse.to(received, status, null);
    for (String rr : received.headerLines(HeaderNames.RECORD_ROUTE)) {
      b.header(HeaderNames.RECORD_ROUTE, rr); // §12.1.1: the UAS copies Record-Route into 1xx/2xx
    }
    if (status > 100) {
      try {
        b.setHeader(HeaderNames.TO, received.to().withTag(toTag).toString());
      } catch (SipParseException e) {
        throw new AssertionError(e);
      }
    }
    return b.build();
  }

  /** Records what is sent through it; fails every send once told to. */
  final class FakeTransport implements Transport {
    final String name;
    final boolean udp;
    final List<SipMessage> sent = new ArrayList<>();
    final List<Long> sendTimes = new ArrayList<>();
    boolean failing;

    FakeTransport(String name, boolean udp) {
      this.name = name;
      this.udp = udp;
    }

    @Override
    public boolean isReliable() {
      return !udp;
    }

    @Override
    public void send(SipMessage message) throws TransportException {
      if (failing) {
        throw new TransportException("connection to " + name + " closed");
      }
      sent.add(message);
      sendTimes.add(clock.now());
    }

    List<SipRequest> requests(String method) {
      List<SipRequest> list = new ArrayList<>();
      for (SipMessage m : sent) {
        if (m.isRequest() && ((SipRequest) m).isMethod(method)) {
          list.add((SipRequest) m);
        }
      }
      return list;
    }

    SipRequest lastRequest(String method) {
      List<SipRequest> list = requests(method);
      if (list.isEmpty()) {
        throw new AssertionError(name + " got no " + method + ", only " + sent);
      }
      return list.get(list.size() - 1);
    }

    List<Integer> statusCodes() {
      List<Integer> codes = new ArrayList<>();
      for (SipMessage m : sent) {
        if (!m.isRequest()) {
          codes.add(((SipResponse) m).statusCode());
        }
      }
      return codes;
    }

    SipResponse lastResponse() {
      for (int i = sent.size() - 1; i >= 0; i--) {
        if (!sent.get(i).isRequest()) {
          return (SipResponse) sent.get(i);
        }
      }
      throw new AssertionError(name + " got no response");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * The element: forwards to the targets it is given (at once, or later with {@link #deferred}),
   * names itself by {@link #EDGE} and {@link #CORE}, reaches hosts by name, Record-Routes with
   * {@link #EDGE} on the UAC's side and {@link #CORE} on the other.
   */
  final class TestElement implements ProxyElement {
    final List<ProxyRequest> decided = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    SipResponse answer;
    boolean deferred;
    Decision pending;
    /** When set, both sides use {@link #CORE}: single Record-Route. */
    boolean oneSide;
    /** Every branch's non-2xx final as {@link #branchFinal} saw it, with the branch's target. */
    final List<Map.Entry<Target, SipResponse>> branchFinals = new ArrayList<>();
    /** What {@link #branchFinal} answers: the response as given, unless told otherwise. */
    java.util.function.UnaryOperator<SipResponse> replaceFinal = r -> r;

    @Override
    public SipResponse branchFinal(ProxyRequest request, Target target, SipResponse response) {
      branchFinals.add(Map.entry(target, response));
      return replaceFinal.apply(response);
    }

    @Override
    public void decide(ProxyRequest request, Decision decision) {
      decided.add(request);
      if (deferred) {
        pending = decision;
      } else if (answer != null) {
        decision.respond(answer);
      } else {
        decision.forward(targets);
      }
    }

    @Override
    public boolean isLocal(Uri uri) {
      return uri instanceof SipUri && (((SipUri) uri).host().equals(EDGE.host())
          || ((SipUri) uri).host().equals(CORE.host()));
    }

    @Override
    public Hop hop(Target target, Uri nextHop) throws TransportException {
      Transport transport = target.flow();
      if (transport == null) {
        FakeTransport known = hosts.get(((SipUri) nextHop).host());
        if (known == null) {
          throw new TransportException("no route to " + nextHop);
        }
        transport = known;
      }
      boolean towardUac = transport == uac;
      return new Hop(transport, towardUac ? "WSS" : (uac.udp ? "UDP" : "TCP"),
          towardUac ? "edge.proxy.test" : "core.proxy.test", 5060, towardUac && !oneSide ? EDGE : CORE);
    }

    @Override
    public SipUri recordRouteUri(Transport inbound) {
      return inbound == uac && !oneSide ? EDGE : CORE;
    }
  }

  static Address route(String uri) {
    try {
      return Address.parse("<" + uri + ">", "Route");
    } catch (SipParseException e) {
      throw new AssertionError(e);
    }
  }
}
