package org.webims.ims.scscf;

import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.Event;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.proxy.Decision;
import org.webims.sip.proxy.Hop;
import org.webims.sip.proxy.ProxyConfig;
import org.webims.sip.proxy.ProxyCore;
import org.webims.sip.proxy.ProxyElement;
import org.webims.sip.proxy.ProxyRequest;
import org.webims.sip.proxy.Target;
import org.webims.sip.server.flow.ConnectingTransport;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.loop.LoopTimers;
import org.webims.sip.server.loop.Offload;
import org.webims.sip.server.transport.SipServer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.TelUri;
import org.webims.sip.uri.Uri;

/**
 * The S-CSCF's sessions (SCS-30 to SCS-32) as an element of sip-core's RFC 3261 §16 {@link
 * ProxyCore}, on the home loop where the registrar lives. An initial request on the Service-Route is
 * originating: its P-Asserted-Identity must be a registered IMPU (403 otherwise); its Request-URI, a
 * home IMPU (SIP or TEL), goes to every registered contact of that IMPU in parallel, each with its
 * stored Path as preloaded Route (SCS-31); 480 when none is registered, 404 when the HSS knows no
 * such IMPU (that lookup runs on the HSS executor). The S-CSCF Record-Routes with its Service-Route
 * URI (SCS-32), so in-dialog requests come back with a Route naming it and are loose-routed.
 */
final class ScscfProxy implements ProxyElement {

  private static final Logger log = LoggerFactory.getLogger(ScscfProxy.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String NOT_REGISTERED = "Asserted identity not registered";

  private final SipServer server;
  private final EventLoop home;
  private final Registrar registrar;
  private final SubscriberRepository hss;
  private final Executor hssLookups;
  private final SipUri serviceRoute;
  private final ProxyCore proxy;
  private final Predicate<InetAddress> trustedNode;
  private final PhoneOrigination phones;

  /** {@code authorization} decides whom to believe: trusted nodes (SCS-05) and Digest-registered phones (SCS-34). */
  ScscfProxy(SipServer server, EventLoop home, Registrar registrar, SubscriberRepository hss, Executor hssLookups,
      SipUri serviceRoute, RegisterAuthorization authorization) {
    this.trustedNode = authorization::isTrustedNode;
    this.phones = new PhoneOrigination(authorization, hssLookups, home);
    this.server = server;
    this.home = home;
    this.registrar = registrar;
    this.hss = hss;
    this.hssLookups = hssLookups;
    this.serviceRoute = serviceRoute;
    this.proxy = ProxyCore.create(new LoopTimers(home), TransactionTimers.DEFAULT, ProxyConfig.DEFAULT, this,
        ScscfProxy::newBranchToken);
  }

  /**
   * True for a request this proxy carries: one whose top Route names the S-CSCF, other than a
   * REGISTER and the reg event's SUBSCRIBE, which the S-CSCF answers itself.
   */
  boolean carries(SipRequest request) throws SipParseException {
    if (request.isMethod(SipRequest.REGISTER)
        || request.isMethod(SipRequest.SUBSCRIBE) && "reg".equalsIgnoreCase(eventPackage(request))) {
      return false;
    }
    List<Address> routes = request.routes();
    return !routes.isEmpty() && isLocal(routes.get(0).uri());
  }

  private static String eventPackage(SipRequest request) throws SipParseException {
    String event = request.header(HeaderNames.EVENT);
    return event == null ? null : Event.parse(event).eventType();
  }

  /** A message for the proxy, from any thread: handled on the home loop. */
  void receive(SipMessage message, Transport from) {
    home.execute(() -> {
      try {
        if (!proxy.receive(message, from)) {
          log.debug("stray message from {} dropped", from);
        }
      } catch (SipParseException e) {
        log.debug("unreadable message from {}: {}", from, e.reason());
        if (message instanceof SipRequest request && !request.isMethod(SipRequest.ACK)) {
          answerStatelessly(from, SipResponse.to(request, e.statusCode(), e.reason()).build());
        }
      }
    });
  }

  private static void answerStatelessly(Transport to, SipResponse response) {
    try {
      to.send(response);
    } catch (TransportException e) {
      log.debug("response not sent to {}: {}", to, e.getMessage());
    }
  }

  @Override
  public void decide(ProxyRequest received, Decision decision) {
    SipRequest request = received.request();
    if (received.inDialog()) {
      decision.forward(List.of(Target.of(request.requestUri()))); // SCS-32: loose routing on the route set
      return;
    }
    try {
      InetAddress source = received.inbound() instanceof Flow flow ? flow.remote().getAddress() : null;
      if (request.header(HeaderNames.P_ASSERTED_IDENTITY) == null && phones != null && source != null) {
        phones.authenticate(request, source, decision, (asserted, impu) -> {
          if (registrar.bindings(impu).isEmpty()) {
            decision.respond(tagged(request, 403, NOT_REGISTERED));
          } else {
            route(asserted, decision);
          }
        });
        return;
      }
      if (source != null && !trustedNode.test(source)) {
        // SCS-05's trust for sessions: the asserted identity is the eP-CSCF's word, taken only from one
        decision.respond(ScscfResponses.to(request, 403, RegisterAuthorization.UNTRUSTED_NODE).build());
        return;
      }
      if (!originatorRegistered(request)) {
        decision.respond(ScscfResponses.to(request, 403, NOT_REGISTERED).build());
        return;
      }
      route(request, decision);
    } catch (SipParseException e) {
      decision.respond(SipResponse.to(request, e.statusCode(), e.reason()).build());
    }
  }

  /** SCS-30, SCS-31: an authorised originating request to the callee's contacts; {@code request} is forwarded. */
  private void route(SipRequest request, Decision decision) {
    try {
      Uri callee = telephoneNumber(request.requestUri());
      String impu = impuKey(callee);
      if (impu == null) {
        decision.respond(ScscfResponses.to(request, 404, "Not a home public identity").build());
        return;
      }
      List<Binding> bindings = registrar.bindings(impu);
      if (!bindings.isEmpty()) {
        decision.forward(targets(bindings, request));
        return;
      }
      terminatingFromHss(request, callee, impu, decision);
    } catch (SipParseException e) {
      decision.respond(SipResponse.to(request, e.statusCode(), e.reason()).build());
    }
  }

  /** SCS-30: the P-Asserted-Identity (the eP-CSCF's assertion) must be a registered IMPU. */
  private boolean originatorRegistered(SipRequest request) throws SipParseException {
    String asserted = request.header(HeaderNames.P_ASSERTED_IDENTITY);
    if (asserted == null) {
      return false;
    }
    for (Address identity : Address.parseList(asserted, HeaderNames.P_ASSERTED_IDENTITY)) { // a SIP and a TEL URI
      String impu = impuKey(identity.uri());
      if (impu != null && !registrar.bindings(impu).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Not registered under the Request-URI as written: the HSS, off the loop, says whether it is a home
   * IMPU (480, or the stored spelling's bindings) or not (404).
   */
  private void terminatingFromHss(SipRequest request, Uri callee, String impu, Decision decision) {
    try {
      Offload.run(hssLookups, () -> hss.findByImpu(impu), home, (Optional<Subscriber> found, Throwable failure) -> {
        if (failure != null) {
          log.warn("HSS lookup failed: {}", failure.toString());
          decision.respond(SipResponse.to(request, 500, ScscfSipService.HSS_FAILED).build());
          return;
        }
        if (found.isEmpty()) {
          decision.respond(tagged(request, 404, "Not a home public identity"));
          return;
        }
        String stored = found.get().impuMatching(callee);
        List<Binding> bindings = registrar.bindings(stored == null ? impu : stored);
        if (bindings.isEmpty()) {
          decision.respond(tagged(request, 480, "Callee not registered"));
        } else {
          decision.forward(targets(bindings, request));
        }
      });
    } catch (RejectedExecutionException e) {
      decision.respond(SipResponse.to(request, 503, ScscfSipService.HSS_BUSY).header(HeaderNames.RETRY_AFTER, "1")
          .build());
    }
  }

  private static SipResponse tagged(SipRequest request, int status, String reason) {
    try {
      return ScscfResponses.to(request, status, reason).build();
    } catch (SipParseException e) {
      return SipResponse.to(request, status, reason).build();
    }
  }

  /** SCS-31: one target per registered contact, its Path preloaded as Route, Record-Routed (SCS-32). */
  private List<Target> targets(List<Binding> bindings, SipRequest request) {
    List<Target> targets = new ArrayList<>(bindings.size());
    for (Binding b : bindings) {
      try {
        targets.add(Target.to(Uri.parse(b.uri())).recordRoute(true).routes(pathRoutes(b)).request(request).build());
      } catch (SipParseException e) {
        log.debug("binding of {} not usable as a target: {}", b.impi(), e.getMessage());
      }
    }
    return targets;
  }

  /**
   * The registrar's and the HSS's spelling of a public identity: {@code sip:user@host} without port
   * and parameters, or the TEL URI without parameters; null for any other URI.
   */
  /**
   * 24.229 5.4.3.2: a SIP URI with {@code user=phone} names a telephone number in its user part (RFC 3261
   * §19.1.6), so it is routed as that TEL URI; JsSIP and most phones dial numbers this way. Anything
   * else is routed as written.
   */
  static Uri telephoneNumber(Uri uri) {
    if (uri instanceof SipUri sip && sip.user() != null && "phone".equalsIgnoreCase(sip.parameter("user"))) {
      try {
        return TelUri.parse("tel:" + sip.user());
      } catch (SipParseException e) {
        return uri; // not a number after all: 404 as any unknown identity
      }
    }
    return uri;
  }

  static String impuKey(Uri uri) {
    if (uri instanceof SipUri sip) {
      return sip.user() == null ? null : sip.scheme() + ":" + sip.user() + "@" + sip.host().toLowerCase(Locale.ROOT);
    }
    if (uri instanceof TelUri tel) {
      return "tel:" + tel.number();
    }
    return null;
  }

  /**
   * SCS-33, RFC 5626 §5.3 and §11.5 (430): the eP-CSCF answers 430 when the flow a binding names is
   * gone. As the authoritative proxy the S-CSCF ends that binding ({@code deactivated}, RFC 3680: the
   * UA, if alive, registers again at once, as the WIC does after reconnecting), so later requests no
   * longer fork to it, and the 430 joins the selection as 480: no UAC can use a 430 (§11.5 has an
   * endpoint treat it as 400), and 480 is what a callee without a reachable contact means (SCS-30).
   */
  @Override
  public SipResponse branchFinal(ProxyRequest request, Target target, SipResponse response) {
    if (response.statusCode() != 430) {
      return response;
    }
    for (Binding b : candidates(request.request())) {
      if (boundTo(b, target)) {
        registrar.remove(b, "deactivated");
        log.debug("binding of {} ended: its flow failed", b.impi());
      }
    }
    return response.toBuilder().status(480, "Temporarily Unavailable").build();
  }

  /**
   * The bindings a 430's branch can belong to: those of the callee's IMPU, as {@link #decide} found them, so a
   * failed flow does not copy and parse every binding of the registrar on the loop; all of them only when the
   * HSS gave the IMPU another spelling than the Request-URI's.
   */
  private List<Binding> candidates(SipRequest request) {
    String impu = impuKey(telephoneNumber(request.requestUri()));
    List<Binding> bindings = impu == null ? List.of() : List.copyOf(registrar.bindings(impu)); // removed below
    return bindings.isEmpty() ? registrar.allBindings() : bindings;
  }

  private static boolean boundTo(Binding binding, Target target) {
    try {
      return Uri.parse(binding.uri()).equals(target.requestUri()) && pathRoutes(binding).equals(target.routes());
    } catch (SipParseException e) {
      return false;
    }
  }

  private static List<Address> pathRoutes(Binding binding) throws SipParseException {
    List<Address> routes = new ArrayList<>();
    for (String path : binding.path()) {
      routes.addAll(Address.parseList(path, HeaderNames.PATH));
    }
    return routes;
  }

  /** The Service-Route URI (also the Record-Route URI), or this S-CSCF's own address. */
  @Override
  public boolean isLocal(Uri uri) {
    if (!(uri instanceof SipUri sip)) {
      return false;
    }
    if (sip.host().equalsIgnoreCase(serviceRoute.host()) && sip.port() == serviceRoute.port()) {
      return true;
    }
    InetSocketAddress local = server.udpAddress() != null ? server.udpAddress() : server.tcpAddress();
    return local != null && sip.host().equals(local.getAddress().getHostAddress()) && sip.port() == local.getPort();
  }

  /** RFC 3263 without DNS: the next hop's host, port (5060) and transport (UDP). */
  @Override
  public Hop hop(Target target, Uri nextHop) throws TransportException {
    if (!(nextHop instanceof SipUri sip)) {
      throw new TransportException("no route to " + nextHop);
    }
    String transport = sip.transport() == null ? "UDP" : sip.transport().toUpperCase(Locale.ROOT);
    if (!transport.equals("UDP") && !transport.equals("TCP")) {
      throw new TransportException("transport " + transport + " toward " + sip.host() + " not served");
    }
    InetSocketAddress local = "UDP".equals(transport) ? server.udpAddress() : server.tcpAddress();
    if (local == null) {
      throw new TransportException("no " + transport + " listener");
    }
    InetSocketAddress remote = new InetSocketAddress(sip.host(), sip.port() > 0 ? sip.port() : 5060);
    return new Hop(new ConnectingTransport(server::connect, home, proxy, transport, remote, "a contact's Path"), transport,
        local.getAddress().getHostAddress(), local.getPort(), serviceRoute);
  }

  /** SCS-32: the Service-Route URI, on every side. */
  @Override
  public SipUri recordRouteUri(Transport inbound) {
    return serviceRoute;
  }

  /** RFC 3261 §8.1.1.7 with "sc" in front (the magic cookie is the proxy core's): 96 random bits. */
  private static String newBranchToken() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "sc" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
