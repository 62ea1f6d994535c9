package org.webims.wic.ua;

import java.util.List;
import java.util.function.IntUnaryOperator;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.XmlParser;
import org.webims.sip.transaction.TimerService;

/**
 * 24.371 A.3.2 steps 1-8 and 24.229 5.1.1.2-5.1.1.7: the WIC's registration agent, the coordinator
 * of its parts (docs/wic.md): fetches the session from the WWSF ({@link SessionFetch}), opens the
 * WebSocket with subprotocol {@code sip} ({@link Flow}, on sip-core's transaction layer), registers
 * the first IMPU ({@link RegisterRequests}, {@link Authentication}, {@link Binding}), re-registers
 * ({@link Refresh}), keeps the connection alive ({@link KeepAlive}), subscribes to its reg event
 * ({@link RegSubscription}), reconnects ({@link Reconnect}), and deregisters on request
 * ({@link Deregistration}), closing the socket with 1000 when nothing is registered (WIC-46). The state
 * machine and the outcomes are here; each part has one job. A {@link CallAgent} places and takes
 * calls on the registration's flow.
 *
 * <p>Scenario 1 (24.371 6.1 a) 1), WIC-20..25): a {@link WicSession} with a password registers with
 * Digest; the session, and with it the password, is dropped as soon as nothing is registered and no
 * reconnect is pending.
 *
 * <p>One procedure at a time (WIC-09): {@link #register()} and {@link #deregister()} are ignored in
 * states where they make no sense, so a second click while busy does nothing. Single-threaded: every
 * call and callback runs on the browser's event loop (or the test's thread).
 */
public final class RegistrationAgent implements Runnable {

  /** Where the +sip.instance UUID lives, so it stays stable for the browser profile (WIC-06). */
  static final String INSTANCE_KEY = "webims.wic.instance";
  /** WIC-12: the expiry asked for in the initial REGISTER. */
  static final long REQUESTED_EXPIRES = 600000;
  /** The contract's longest wait for a deregistration before sign-out goes on. */
  public static final long SIGN_OUT_WAIT_MILLIS = 5000;
  static final String SUBPROTOCOL = "sip";
  static final int NORMAL_CLOSURE = 1000;

  private final WebSocketFactory sockets;
  private final SessionFetch fetch;
  private final TimerService timers;
  final Clock clock;
  private final RegistrationListener listener;
  final RandomTokens random;
  final RegisterRequests registers;
  final Authentication authentication;
  private final Refresh refresh;
  final KeepAlive keepAlive;
  final RegSubscription subscription;
  final Reconnect reconnect;
  private final Deregistration deregistration;
  final Binding binding = new Binding();
  /** The calls on this registration's flows, once a {@link CallAgent} is made for it. */
  CallAgent calls;

  private String state = RegistrationState.IDLE;
  WicSession session;
  Flow flow;
  /** A 200 OK arrived on this connection: later 200s are re-registrations. */
  private boolean registeredOnFlow;

  /**
   * {@code random} gives a uniform int in [0, bound) from a cryptographic source (the browser's
   * {@code crypto.getRandomValues}; tests pass a seeded {@code Random::nextInt}). {@code xml} reads the
   * reg event's reginfo (WIC-44): the browser's DOMParser in wic.js, sip-core's {@code XmlReader} in tests.
   */
  public RegistrationAgent(WebSocketFactory sockets, SessionSource sessions, TimerService timers, Clock clock,
      Storage storage, IntUnaryOperator random, RegistrationListener listener, WicConfig config, XmlParser xml) {
    this.sockets = sockets;
    this.fetch = new SessionFetch(sessions, this);
    this.timers = timers;
    this.clock = clock;
    this.listener = listener;
    this.random = new RandomTokens(random);
    String uuid = storage.get(INSTANCE_KEY);
    if (!RandomTokens.isUuid(uuid)) {
      uuid = this.random.uuid();
      storage.put(INSTANCE_KEY, uuid);
    }
    registers = new RegisterRequests(this, this.random, "<urn:uuid:" + uuid + ">");
    authentication = new Authentication(config, this.random);
    refresh = new Refresh(timers, this);
    keepAlive = new KeepAlive(this, timers, config);
    subscription = new RegSubscription(this, timers, this.random, xml);
    reconnect = new Reconnect(this, timers, config, random);
    deregistration = new Deregistration(this, timers);
  }

  /** One of {@link RegistrationState}'s constants. */
  public String state() {
    return state;
  }

  /** WIC-14: the P-Associated-URIs of the last 200 OK; the first is the default IMPU. */
  public List<String> associatedUris() {
    return binding.associatedUris;
  }

  /** WIC-15: the Service-Route list of the last 200 OK, replacing any earlier one. */
  public List<String> serviceRoutes() {
    return binding.serviceRoutes;
  }

  /** The +sip.instance value, {@code <urn:uuid:…>}. */
  public String instance() {
    return registers.instance;
  }

  /**
   * Starts an initial registration from idle, deregistered or error, or at once while reconnecting;
   * ignored otherwise.
   */
  public void register() {
    if (state != RegistrationState.IDLE && state != RegistrationState.DEREGISTERED
        && state != RegistrationState.ERROR && state != RegistrationState.RECONNECTING) {
      return;
    }
    stopTimers();
    reconnect.stop();
    start();
  }

  /** WIC-40: deregisters from registered; while reconnecting, stops trying; ignored otherwise. */
  public void deregister() {
    deregistration.deregister();
  }

  /**
   * Sign-out: when something is registered, deregisters first and runs {@code proceed} after the
   * outcome or {@link #SIGN_OUT_WAIT_MILLIS}, whichever comes first; otherwise runs it at once.
   */
  public void signOut(Runnable proceed) {
    deregistration.signOut(proceed);
  }

  /**
   * The page is going away (pagehide: tab closed, reloaded, navigated): a registered WIC sends its
   * deregistration without waiting for the answer and closes the socket (1000) behind it; the
   * eP-CSCF reads the REGISTER before the close. Nothing else is sent.
   */
  public void pageHidden() {
    deregistration.pageHidden();
  }

  /** A new connection and initial registration: the Register click, a reconnect attempt, or WIC-44. */
  void start() {
    setState(RegistrationState.CONNECTING);
    if (session != null && session.password() != null) {
      // Scenario 1: the typed credentials are kept while a registration is wanted; the fields are empty.
      connect(session);
    } else {
      fetchSession();
    }
  }

  void fetchSession() {
    fetch.fetch();
  }

  /** The session fetched: the connection for an initial registration, else the REGISTER it waited for. */
  void onSession(WicSession s) {
    if (state == RegistrationState.CONNECTING) {
      connect(s);
    } else {
      // A re-registration (WIC-34), the RFC 8898 retry, or a deregistration with a fresh token.
      session = s;
      registers.send(state == RegistrationState.DEREGISTERING ? 0 : REQUESTED_EXPIRES);
    }
  }

  private void connect(WicSession s) {
    String unusable = SessionFetch.unusable(s);
    if (unusable != null) {
      fail(unusable);
      return;
    }
    session = s;
    authentication.reset();
    registers.reset();
    registeredOnFlow = false;
    try {
      flow = new Flow(this, timers, sockets, s.epcscfUrl(), random);
    } catch (RuntimeException e) {
      // The browser's WebSocket constructor throws on a malformed URL.
      fail("cannot connect");
    }
  }

  /** The flow's socket opened. */
  void onOpen() {
    if (state != RegistrationState.CONNECTING) {
      return;
    }
    // WIC-03: no SIP at all unless the 101 selected "sip".
    if (!SUBPROTOCOL.equals(flow.protocol())) {
      fail("server did not select subprotocol sip");
      return;
    }
    setState(RegistrationState.REGISTERING);
    registers.send(REQUESTED_EXPIRES);
  }

  /** The flow's socket closed, or never opened. */
  void onClose() {
    Flow f = flow;
    flow = null;
    if (f != null) {
      f.abandon();
      flowGone();
    }
    if (state == RegistrationState.CONNECTING) {
      lost("cannot connect");
    } else if (state == RegistrationState.REGISTERING || state == RegistrationState.REGISTERED
        || state == RegistrationState.DEREGISTERING) {
      lost("connection lost");
    }
  }

  /** WIC-13: the registrar granted {@code granted} seconds in {@code response}. */
  void registered(SipResponse response, long granted) throws SipParseException {
    // WIC-61: a token registration's calls carry the token of its last REGISTER, refreshed with it.
    binding.update(response, clock.nowMillis(), granted, session,
        session.password() == null ? authentication.authorization(session) : null);
    listener.onAssociatedUris(binding.associatedUris);
    // WIC-17 and WIC-18: the next REGISTER of this registration, same Call-ID and Contact, CSeq+1.
    refresh.schedule(granted);
    reconnect.registered();
    setState(RegistrationState.REGISTERED);
    if (!registeredOnFlow) {
      registeredOnFlow = true;
      keepAlive.start(flow);
      subscription.subscribe(flow, session.impus().get(0), response.serviceRoutes());
    }
  }

  /** The refresh instant (WIC-17, 18, 34): a fresh token from the WWSF, then the re-REGISTER over the same connection. */
  @Override
  public void run() {
    if (state != RegistrationState.REGISTERED) {
      return;
    }
    setState(RegistrationState.REGISTERING);
    if (session.password() != null) {
      registers.send(REQUESTED_EXPIRES);
    } else {
      fetchSession();
    }
  }

  /**
   * WIC-44: the reg event ended the WIC's own binding with {@code event}: {@code rejected} (and
   * {@code unregistered}) stops and tells the user; {@code deactivated} (and any other event) starts a
   * new initial registration.
   */
  void bindingEnded(String event) {
    if (state != RegistrationState.REGISTERED && state != RegistrationState.REGISTERING) {
      return;
    }
    if (event.equals("rejected") || event.equals("unregistered")) {
      deregistered(event.equals("rejected") ? "rejected by the network" : "deregistered by the network");
    } else {
      // Nothing registered: the socket closes (WIC-46), and a new flow registers (WIC-10, WIC-44).
      stopTimers();
      closeConnection();
      reconnect.attempt = 0;
      start();
    }
  }

  // ---- outcomes

  /** WIC-43 and WIC-46: registration state gone, socket closed with 1000; {@code reason} when the network ended it. */
  void deregistered(String reason) {
    binding.clear();
    listener.onAssociatedUris(binding.associatedUris);
    over(RegistrationState.DEREGISTERED, reason);
  }

  /**
   * The connection is gone or unusable (Timer F, a failed send, a missing pong, a closed socket).
   * Once registered (WIC-10): close it, wait the backoff, then a new connection and initial
   * registration; before that, or while deregistering: an error.
   */
  void lost(String reason) {
    if (!reconnect.wanted) {
      fail(reason);
      return;
    }
    stopTimers();
    closeConnection();
    state = RegistrationState.RECONNECTING;
    listener.onReconnecting(reconnect.schedule(), reason);
  }

  void fail(String reason) {
    over(RegistrationState.ERROR, reason);
  }

  /** Nothing registered and no reconnect: the session (in scenario 1 the password) is not kept. */
  private void over(String end, String reason) {
    stopTimers();
    reconnect.stop();
    closeConnection();
    session = null;
    state = end;
    listener.onState(end, 0, reason);
    deregistration.run();
  }

  /** Every timer and pending session fetch of the current connection, and the subscription, end here. */
  private void stopTimers() {
    refresh.cancel();
    keepAlive.stop();
    reconnect.cancel();
    subscription.end();
    fetch.cancel();
  }

  /** Ends the flow's transactions (Timer F included) and closes the socket with 1000. */
  private void closeConnection() {
    Flow f = flow;
    flow = null;
    if (f != null) {
      f.close();
      flowGone();
    }
  }

  /** WIC-66: a call on the flow cannot outlive it; it ends, and a lost flow reconnects as without one. */
  private void flowGone() {
    if (calls != null) {
      calls.flowLost();
    }
  }

  // ---- what the calls take from the registration (WIC-60, 61)

  /** The flow to send on while registered on it (a re-registration in progress included), else null. */
  Flow callFlow() {
    return registeredOnFlow && (state == RegistrationState.REGISTERED || state == RegistrationState.REGISTERING)
        ? flow : null;
  }

  void setState(String next) {
    state = next;
    listener.onState(next, next == RegistrationState.REGISTERED ? binding.registeredUntilMillis : 0, null);
  }

  /** Logs a SIP message sent or received, with the token shortened. */
  void log(boolean sent, String text) {
    listener.onSipMessage(sent, session == null ? text : TokenShortener.redact(text, session.token()));
  }
}
