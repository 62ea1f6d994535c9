package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.header.Address;
import org.webims.sip.header.CSeq;
import org.webims.sip.header.Contact;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.reginfo.ContactIdentity;
import org.webims.sip.reginfo.RegInfoReader;
import org.webims.sip.reginfo.ReginfoException;
import org.webims.sip.syntax.Quoting;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.uri.SipUri;

/**
 * 24.371 A.3.2 steps 1-8 and 24.229 5.1.1.2-5.1.1.7: the WIC's registration agent. Fetches the
 * session from the WWSF, opens the WebSocket with subprotocol {@code sip}, registers the first
 * IMPU with a Bearer token, and deregisters on request, closing the socket with 1000 when nothing
 * is registered (WIC-46).
 *
 * <p>Scenario 1 (24.371 6.1 a) 1), WIC-20..25): when the {@link WicSession} carries a password (IMS
 * credentials typed into the page), the same REGISTERs carry {@code Authorization: Digest} instead:
 * an empty response first, then the answer to the topmost supported challenge, the nonce reused with
 * {@code nc} counting by re-registrations and the deregistration. The session, and with it the
 * password, is dropped as soon as nothing is registered and no reconnect is pending.
 *
 * <p>The registration lifecycle (issue 7, docs/wic.md): re-registration at the WIC-17 instant with a
 * token fetched afresh (WIC-18, WIC-34); one new token and retry after an RFC 8898 Bearer challenge
 * from the trusted WAF (WIC-32, 33); the reg event subscription (WIC-16, 19, 44, 45); CRLF
 * keep-alives (RFC 5626 §4.4.1) while registered; and once registered, a lost connection leads to a
 * new connection and initial registration after an exponential backoff with jitter (WIC-10).
 *
 * <p>RFC 3261 §17.1.2 over a reliable transport, with at most one REGISTER outstanding: send once,
 * match the final response by top Via branch and CSeq, give up after Timer F (64*T1). That is all a
 * sip-core {@code TransactionLayer} would do here, and it would cost wic.js about 3 kB gzip (its
 * tables, server transactions and Timer K).
 *
 * <p>One procedure at a time (WIC-09): {@link #register()} and {@link #deregister()} are ignored in
 * states where they make no sense, so a second click while busy does nothing. Single-threaded: every
 * call and callback runs on the browser's event loop (or the test's thread).
 */
public final class RegistrationAgent implements SipConnection.Listener {

  /** Where the +sip.instance UUID lives, so it stays stable for the browser profile (WIC-06). */
  static final String INSTANCE_KEY = "webims.wic.instance";
  /** WIC-12: the expiry asked for in the initial REGISTER. */
  static final long REQUESTED_EXPIRES = 600000;
  /** WIC-16: the expiry asked for in the reg SUBSCRIBE. */
  static final long SUBSCRIBE_EXPIRES = 600000;
  /** The contract's longest wait for a deregistration before sign-out goes on. */
  public static final long SIGN_OUT_WAIT_MILLIS = 5000;
  /** A token this close to its expiry is fetched again before deregistering (WIC-42). */
  static final long TOKEN_MARGIN_MILLIS = 30000;
  /** RFC 3261 Table 4: Timer F, 64*T1, how long the WIC waits for a final response. */
  static final long TIMER_F_MILLIS = 64 * TransactionTimers.DEFAULT_T1;
  static final String SUBPROTOCOL = "sip";
  static final int NORMAL_CLOSURE = 1000;
  /** RFC 5626 §4.4.1 ping: a double CRLF; the pong is a single CRLF. */
  static final String KEEP_ALIVE_PING = "\r\n\r\n";

  private final WebSocketFactory sockets;
  private final SessionSource sessions;
  private final TimerService timers;
  private final Clock clock;
  private final RegistrationListener listener;
  private final RandomTokens random;
  private final IntUnaryOperator randomInt;
  private final WicConfig config;
  private final String instance;

  private String state = RegistrationState.IDLE;
  private WicSession session;
  private SipConnection connection;
  /** The top Via branch of the REGISTER awaiting its final response, or null. */
  private String pendingBranch;
  private TimerService.Timer timerF;
  private String host;
  /** The start of this flow's Via line, up to the branch value. */
  private String viaStart;
  private String user;
  private String callId;
  private String fromTag;
  private long cseq;
  private List<String> associatedUris = new ArrayList<>();
  private List<String> serviceRoutes = new ArrayList<>();
  private long registeredUntilMillis;
  private Runnable afterDeregistration;
  private TimerService.Timer signOutTimer;
  /** Scenario 1: the challenge answered (WIC-22/23) and its algorithm, null before the first 401. */
  private DigestChallenge challenge;
  private DigestAlgorithm algorithm;
  /** Scenario 1: the last nc sent with the challenge's nonce (WIC-24). */
  private long nc;
  /** Scenario 1: a {@code stale=true} restart happened in this procedure; a second one is a failure. */
  private boolean staleRestarted;
  /** RFC 8898: a new token was fetched after a Bearer challenge in this procedure; a second 401 fails. */
  private boolean bearerRetried;
  /** A 200 OK arrived on this connection: later 200s are re-registrations. */
  private boolean registeredOnFlow;
  /** Registered since the last Register click: a lost connection then means reconnecting (WIC-10). */
  private boolean recovering;
  /** The reconnect attempt (1, 2, ...), 0 when none. */
  private int attempt;
  /** Bumped whenever a pending session fetch becomes pointless; a callback of an older fetch is ignored. */
  private int fetches;
  private TimerService.Timer reRegisterTimer;
  private TimerService.Timer keepAliveTimer;
  private TimerService.Timer pongTimer;
  private TimerService.Timer reconnectTimer;
  private TimerService.Timer subscribeTimer;
  /** The reg subscription's dialog (WIC-16): Call-ID, null when there is none; tags, CSeq, target, routes. */
  private String subCallId;
  private String subFromTag;
  private String subToTag;
  private long subCseq;
  private String subTarget;
  private String subRoute;
  /** Each Digest answer's cnonce: 16 random characters (about 82 bits) when null; tests set a fixed one. */
  String cnonce;

  /**
   * {@code random} gives a uniform int in [0, bound) from a cryptographic source (the browser's
   * {@code crypto.getRandomValues}; tests pass a seeded {@code Random::nextInt}).
   */
  public RegistrationAgent(WebSocketFactory sockets, SessionSource sessions, TimerService timers, Clock clock,
      Storage storage, IntUnaryOperator random, RegistrationListener listener, WicConfig config) {
    this.sockets = sockets;
    this.sessions = sessions;
    this.timers = timers;
    this.clock = clock;
    this.listener = listener;
    this.config = config;
    this.randomInt = random;
    this.random = new RandomTokens(random);
    String uuid = storage.get(INSTANCE_KEY);
    if (!RandomTokens.isUuid(uuid)) {
      uuid = this.random.uuid();
      storage.put(INSTANCE_KEY, uuid);
    }
    this.instance = "<urn:uuid:" + uuid + ">";
  }

  /** One of {@link RegistrationState}'s constants. */
  public String state() {
    return state;
  }

  /** WIC-14: the P-Associated-URIs of the last 200 OK; the first is the default IMPU. */
  public List<String> associatedUris() {
    return associatedUris;
  }

  /** WIC-15: the Service-Route list of the last 200 OK, replacing any earlier one. */
  public List<String> serviceRoutes() {
    return serviceRoutes;
  }

  /** The +sip.instance value, {@code <urn:uuid:…>}. */
  public String instance() {
    return instance;
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
    recovering = false;
    attempt = 0;
    start();
  }

  /** WIC-40: deregisters from registered; while reconnecting, stops trying; ignored otherwise. */
  public void deregister() {
    if (state == RegistrationState.RECONNECTING) {
      deregistered(null);
      return;
    }
    if (state != RegistrationState.REGISTERED) {
      return;
    }
    recovering = false;
    setState(RegistrationState.DEREGISTERING);
    if (session.expiresAtMillis() == 0 || clock.nowMillis() < session.expiresAtMillis() - TOKEN_MARGIN_MILLIS) {
      sendRegister(0);
      return;
    }
    fetchSession();
  }

  /**
   * Sign-out: when something is registered, deregisters first and runs {@code proceed} after the
   * outcome or {@link #SIGN_OUT_WAIT_MILLIS}, whichever comes first; otherwise runs it at once.
   */
  public void signOut(Runnable proceed) {
    if (state != RegistrationState.REGISTERED && state != RegistrationState.DEREGISTERING) {
      proceed.run();
      return;
    }
    boolean waiting = afterDeregistration != null;
    afterDeregistration = proceed;
    if (waiting) {
      return;
    }
    signOutTimer = at(SIGN_OUT_WAIT_MILLIS, SIGN_OUT_WAIT);
    deregister();
  }

  /**
   * The page is going away (pagehide: tab closed, reloaded, navigated): a registered WIC sends its
   * deregistration without waiting for the answer and closes the socket (1000) behind it; the
   * eP-CSCF reads the REGISTER before the close. Nothing else is sent.
   */
  public void pageHidden() {
    recovering = false;
    if (state == RegistrationState.REGISTERED) {
      state = RegistrationState.DEREGISTERING;
      sendRegister(0);
    }
    if (state != RegistrationState.IDLE && state != RegistrationState.ERROR && state != RegistrationState.DEREGISTERED) {
      deregistered(null);
    }
  }

  /** A new connection and initial registration: the Register click, a reconnect attempt, or WIC-44. */
  private void start() {
    setState(RegistrationState.CONNECTING);
    if (session != null && session.password() != null) {
      // Scenario 1: the typed credentials are kept while a registration is wanted; the fields are empty.
      connect(session);
    } else {
      fetchSession();
    }
  }

  private void fetchSession() {
    int generation = ++fetches;
    sessions.fetch(new SessionSource.Callback() {
      @Override
      public void onSession(WicSession s) {
        if (generation != fetches) {
          return;
        }
        if (state == RegistrationState.CONNECTING) {
          connect(s);
        } else {
          // A re-registration (WIC-34), the RFC 8898 retry, or a deregistration with a fresh token.
          session = s;
          sendRegister(state == RegistrationState.DEREGISTERING ? 0 : REQUESTED_EXPIRES);
        }
      }

      @Override
      public void onFailure(int status, String reason) {
        if (generation != fetches) {
          return;
        }
        if (status == 401) {
          fail("not signed in");
        } else {
          lost("session " + status + " " + reason);
        }
      }
    });
  }

  private void connect(WicSession s) {
    if (s.impus().isEmpty()) {
      fail("no IMPU in session");
      return;
    }
    if (s.password() != null && !credentialsUsable(s)) {
      fail("enter IMPI, IMPU (sip:user@domain) and password");
      return;
    }
    session = s;
    challenge = null;
    staleRestarted = false;
    bearerRetried = false;
    registeredOnFlow = false;
    host = random.token(12) + ".invalid";
    // RFC 7118 §5.2: the Via transport names the WebSocket the request goes out on, WS or WSS.
    viaStart = "Via: SIP/2.0/" + (s.epcscfUrl().startsWith("wss:") ? "WSS " : "WS ") + host + ";rport;branch=";
    user = random.token(8);
    callId = random.token(22);
    fromTag = random.token(10);
    cseq = 0;
    try {
      connection = sockets.open(s.epcscfUrl(), SUBPROTOCOL, this);
    } catch (RuntimeException e) {
      // The browser's WebSocket constructor throws on a malformed URL.
      fail("cannot connect");
    }
  }

  /** Scenario 1: what the user typed can go into the headers as it is (quoted IMPI, IMPU a SIP URI). */
  private static boolean credentialsUsable(WicSession s) {
    String impi = s.impi();
    if (impi == null || impi.isEmpty() || s.password().isEmpty()) {
      return false;
    }
    for (int i = 0; i < impi.length(); i++) {
      if (impi.charAt(i) < ' ') {
        return false;
      }
    }
    try {
      SipUri.parse(s.impus().get(0));
      return true;
    } catch (SipParseException e) {
      return false;
    }
  }

  @Override
  public void onOpen() {
    if (state != RegistrationState.CONNECTING) {
      return;
    }
    // WIC-03: no SIP at all unless the 101 selected "sip".
    if (!SUBPROTOCOL.equals(connection.protocol())) {
      fail("server did not select subprotocol sip");
      return;
    }
    setState(RegistrationState.REGISTERING);
    sendRegister(REQUESTED_EXPIRES);
  }

  @Override
  public void onMessage(String text) {
    if (isKeepAlive(text)) {
      pong();
      return;
    }
    listener.onSipMessage(false, redact(text));
    try {
      // Only what the agent reads is parsed, each accessor throwing on a missing or malformed header:
      // SipMessage.validate() of every header sip-core knows (Event, Date, P-Charging-Vector, ...)
      // cost wic.js about 1.3 kB gzip and made no decision here.
      SipMessage message = SipParser.DEFAULT.parse(text);
      if (message.isRequest()) {
        onRequest((SipRequest) message, text);
        return;
      }
      SipResponse response = (SipResponse) message;
      CSeq c = message.cseq();
      if (response.isProvisional()) {
        return;
      }
      if (pendingBranch != null && pendingBranch.equals(message.topVia().branch())
          && c.method().equals(SipRequest.REGISTER) && c.sequence() == cseq) {
        endTransaction();
        onFinalResponse(response);
      } else if (subCallId != null && subCallId.equals(message.callId())
          && c.method().equals(SipRequest.SUBSCRIBE) && c.sequence() == subCseq) {
        onSubscribeResponse(response);
      }
    } catch (SipParseException e) {
      // RFC 3261 §18.1.2 / §18.2.1: a malformed message is dropped; the log above shows it.
    }
  }

  /** Only CR and LF: the pong to a keep-alive ping (RFC 5626 §4.4.1). */
  private static boolean isKeepAlive(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\r' && c != '\n') {
        return false;
      }
    }
    return !text.isEmpty();
  }

  @Override
  public void onClose(int code, String reason) {
    connection = null;
    if (state == RegistrationState.CONNECTING) {
      lost("cannot connect");
    } else if (state == RegistrationState.REGISTERING || state == RegistrationState.REGISTERED
        || state == RegistrationState.DEREGISTERING) {
      lost("connection lost");
    }
  }

  /** WIC-05, 06, 07, 11, 12, 31 and WIC-40 (expires 0): one REGISTER, one WebSocket message (WIC-04). */
  private void sendRegister(long expires) {
    String impu = session.impus().get(0);
    String branch = Via.MAGIC_COOKIE + random.token(16);
    try {
      // WIC-11: the Request-URI is sip:<home domain>; a realm that is no host fails here, not at the registrar.
      SipUri.parse("sip:" + session.realm());
    } catch (SipParseException e) {
      fail("bad session: " + e.reason());
      return;
    }
    // WIC-34: a REGISTER never carries an expired token (as far as the browser's clock can tell).
    if (session.password() == null && session.expiresAtMillis() != 0 && session.expiresAtMillis() <= clock.nowMillis()) {
      fail("token expired");
      return;
    }
    // Written as text, as in the checklist's §5.1: sip-core's builder and encode() would add about
    // 0.6 kB gzip to wic.js for a message with fixed headers and no body.
    String text = "REGISTER sip:" + session.realm() + " SIP/2.0\r\n"
        + viaStart + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <" + impu + ">;tag=" + fromTag + "\r\n"
        + "To: <" + impu + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + ++cseq + " REGISTER\r\n"
        + "Contact: <sip:" + user + "@" + host + ";transport=ws>;+sip.instance=\"" + instance + "\";reg-id=1\r\n"
        + "Expires: " + expires + "\r\n"
        + "Supported: path, outbound\r\n"
        + "Authorization: " + authorization() + "\r\n"
        + "Content-Length: 0\r\n\r\n";
    if (!send(text)) {
      return;
    }
    pendingBranch = branch;
    timerF = at(TIMER_F_MILLIS, TIMER_F);
  }

  /** Sends and logs one message; a socket that cannot send is a lost connection (false). */
  private boolean send(String text) {
    if (connection == null || !connection.send(text)) {
      lost("connection lost");
      return false;
    }
    listener.onSipMessage(true, redact(text));
    return true;
  }

  /**
   * WIC-31 {@code Bearer <token>}, or in scenario 1 Digest: before any challenge WIC-20's empty
   * response; then the answer to {@link #challenge} with the next nc and a fresh cnonce (WIC-22, 24).
   * Never an {@code integrity-protected} parameter (WIC-21).
   */
  private String authorization() {
    String password = session.password();
    if (password == null) {
      return "Bearer " + session.token();
    }
    String uri = "sip:" + session.realm();
    String digest = "Digest username=" + Quoting.quote(session.impi()) + ", realm=";
    if (challenge == null) {
      return digest + Quoting.quote(session.realm()) + ", uri=\"" + uri + "\", nonce=\"\", response=\"\"";
    }
    String realm = challenge.realm();
    String nonce = challenge.nonce();
    String opaque = challenge.opaque();
    String count = Rfc7616Response.formatNc(++nc);
    String cnonce = this.cnonce != null ? this.cnonce : random.token(16);
    return digest + Quoting.quote(realm) + ", uri=\"" + uri + "\", nonce=" + Quoting.quote(nonce) + ", response=\""
        + Rfc7616Response.compute(algorithm, session.impi(), realm, password, SipRequest.REGISTER, uri, nonce, count,
            cnonce, Rfc7616Response.QOP_AUTH, null)
        + "\", algorithm=" + algorithm.token() + ", cnonce=\"" + cnonce + "\""
        + (opaque == null ? "" : ", opaque=" + Quoting.quote(opaque)) + ", qop=auth, nc=" + count;
  }

  /**
   * Scenario 1, a 401 to a REGISTER: answers the topmost Digest challenge with an algorithm the WIC
   * supports (WIC-23), with the same Call-ID and the next CSeq (WIC-22). A 401 to an answer is a
   * failure (WIC-25), unless it says {@code stale=true}, which restarts once at the new nonce (WIC-24).
   */
  private void onChallenge(SipResponse response) throws SipParseException {
    DigestChallenge chosen = null;
    DigestAlgorithm chosenAlgorithm = null;
    for (AuthValue value : response.authValues(HeaderNames.WWW_AUTHENTICATE)) {
      if (value.isScheme("Digest")) {
        DigestChallenge d = DigestChallenge.from(value);
        DigestAlgorithm a = DigestAlgorithm.fromToken(d.algorithm());
        if (a != null && !a.isSession()) {
          chosen = d;
          chosenAlgorithm = a;
          break;
        }
      }
    }
    if (chosen == null) {
      fail(response.statusCode() + " " + response.reasonPhrase() + " without a supported Digest challenge");
      return;
    }
    if (challenge != null) {
      if (!chosen.stale() || staleRestarted) {
        fail("authentication failed");
        return;
      }
      staleRestarted = true;
    }
    challenge = chosen;
    algorithm = chosenAlgorithm;
    nc = 0;
    sendRegister(state == RegistrationState.DEREGISTERING ? 0 : REQUESTED_EXPIRES);
  }

  /**
   * RFC 8898 §2.1.1 (WIC-32, 33): the 401 holds a Bearer challenge whose {@code authz_server} is the
   * WAF the WIC trusts. Other challenges (Digest) are not answered with a token WIC.
   */
  private boolean trustedBearerChallenge(SipResponse response) throws SipParseException {
    for (AuthValue value : response.authValues(HeaderNames.WWW_AUTHENTICATE)) {
      if (value.isScheme("Bearer") && config.trusts(BearerChallenge.from(value).authzServer())) {
        return true;
      }
    }
    return false;
  }

  private void endTransaction() {
    pendingBranch = null;
    cancel(timerF);
    timerF = null;
  }

  /** One try for the whole response: a header the agent needs but cannot read fails the procedure. */
  private void onFinalResponse(SipResponse response) {
    try {
      onFinalResponseChecked(response);
    } catch (SipParseException e) {
      fail("bad " + response.statusCode() + " " + response.reasonPhrase() + ": " + e.reason());
    }
  }

  private void onFinalResponseChecked(SipResponse response) throws SipParseException {
    int status = response.statusCode();
    if (status == 401 && session.password() != null) {
      onChallenge(response);
      return;
    }
    if (status == 401 && !bearerRetried && trustedBearerChallenge(response)) {
      // One new token from the WWSF and one retry, same Call-ID, CSeq+1; the next 401 is final.
      bearerRetried = true;
      fetchSession();
      return;
    }
    if (!response.isSuccess()) {
      // A 401 from an untrusted AS (nothing contacted, WIC-32), the second 401, 403, anything else.
      fail(status + " " + response.reasonPhrase());
      return;
    }
    bearerRetried = false;
    staleRestarted = false;
    if (state == RegistrationState.DEREGISTERING) {
      deregistered(null);
      return;
    }
    long granted = grantedExpiry(response);
    if (granted <= 0) {
      fail("200 OK without own Contact");
      return;
    }
    associatedUris = uris(response.pAssociatedUris(), false);
    serviceRoutes = uris(response.serviceRoutes(), true);
    registeredUntilMillis = clock.nowMillis() + granted * 1000;
    listener.onAssociatedUris(associatedUris);
    // WIC-17 and WIC-18: the next REGISTER of this registration, same Call-ID and Contact, CSeq+1.
    reRegisterTimer = at(refreshDelayMillis(granted), RE_REGISTER);
    recovering = true;
    attempt = 0;
    setState(RegistrationState.REGISTERED);
    if (!registeredOnFlow) {
      registeredOnFlow = true;
      keepAliveTimer = at(config.keepAliveIntervalMillis, PING);
      subscribe(response);
    }
  }

  /**
   * WIC-17 (24.229 5.1.1.4.1): 600 s before expiry when the registration lasts more than 1200 s,
   * otherwise when half of it has passed. The same rule refreshes the reg subscription.
   */
  static long refreshDelayMillis(long grantedSeconds) {
    return grantedSeconds > 1200 ? (grantedSeconds - 600) * 1000 : grantedSeconds * 500;
  }

  /** WIC-17, 18, 34: a fresh token from the WWSF, then the re-REGISTER over the same connection. */
  private void reRegister() {
    if (state != RegistrationState.REGISTERED) {
      return;
    }
    setState(RegistrationState.REGISTERING);
    if (session.password() != null) {
      sendRegister(REQUESTED_EXPIRES);
    } else {
      fetchSession();
    }
  }

  /** WIC-13: the {@code expires} of the Contact with our +sip.instance and reg-id; -1 when absent. */
  private long grantedExpiry(SipResponse response) throws SipParseException {
    for (Contact c : response.contacts()) {
      if (!c.isWildcard() && instance.equals(c.instance())
          && "1".equals(c.address().parameter("reg-id"))) {
        return c.expires() >= 0 ? c.expires() : response.expires();
      }
    }
    return -1;
  }

  private static List<String> uris(List<Address> addresses, boolean whole) {
    List<String> list = new ArrayList<>(addresses.size());
    for (Address a : addresses) {
      list.add(whole ? a.toString() : a.uri().toString());
    }
    return list;
  }

  // ---- keep-alive (RFC 5626 §4.4.1 over the WebSocket)

  private void ping() {
    // The pong may come at once: the timer is set before the ping goes; a failed send cancels it.
    pongTimer = at(config.keepAliveTimeoutMillis, PONG_MISSING);
    send(KEEP_ALIVE_PING);
  }

  private void pong() {
    if (pongTimer != null) {
      pongTimer.cancel();
      pongTimer = null;
      keepAliveTimer = at(config.keepAliveIntervalMillis, PING);
    }
  }

  // ---- reg event (RFC 3680, 24.229 5.1.1.3)

  /**
   * WIC-16 after the first 200 on a connection (the initial SUBSCRIBE along the Service-Route,
   * {@code ok} is that 200), or the refresh within the dialog when {@code ok} is null.
   */
  private void subscribe(SipResponse ok) {
    String impu = session.impus().get(0);
    if (ok != null) {
      subCallId = random.token(22);
      subFromTag = random.token(10);
      subToTag = null;
      subCseq = 0;
      subTarget = impu;
      subRoute = join(serviceRoutes, false);
    }
    String text = "SUBSCRIBE " + subTarget + " SIP/2.0\r\n"
        + viaStart + Via.MAGIC_COOKIE + random.token(16) + "\r\n"
        + "Max-Forwards: 70\r\n"
        + (subRoute.isEmpty() ? "" : "Route: " + subRoute + "\r\n")
        + "From: <" + impu + ">;tag=" + subFromTag + "\r\n"
        + "To: <" + impu + ">" + (subToTag == null ? "" : ";tag=" + subToTag) + "\r\n"
        + "Call-ID: " + subCallId + "\r\n"
        + "CSeq: " + ++subCseq + " SUBSCRIBE\r\n"
        + "Contact: <sip:" + user + "@" + host + ";transport=ws>\r\n"
        + "Event: reg\r\n"
        + "Accept: application/reginfo+xml\r\n"
        + "Expires: " + SUBSCRIBE_EXPIRES + "\r\n"
        + "Content-Length: 0\r\n\r\n";
    send(text);
  }

  /**
   * A 2xx sets up the dialog (RFC 3261 §12.1.2: remote tag, the Contact as target, the Record-Route
   * reversed) and schedules the refresh; anything else leaves the WIC without a subscription.
   */
  private void onSubscribeResponse(SipResponse response) throws SipParseException {
    if (!response.isSuccess()) {
      subCallId = null;
      return;
    }
    if (subToTag == null) {
      subToTag = response.to().tag();
      List<Contact> contacts = response.contacts();
      if (!contacts.isEmpty()) {
        subTarget = contacts.get(0).address().uri().toString();
      }
      subRoute = join(uris(response.recordRoutes(), true), true);
    }
    long granted = response.expires();
    cancel(subscribeTimer);
    subscribeTimer = at(refreshDelayMillis(granted > 0 ? granted : SUBSCRIBE_EXPIRES), REFRESH_SUBSCRIPTION);
  }

  /** A Route header value: the routes in order, or reversed (a UAC's route set from Record-Route). */
  private static String join(List<String> routes, boolean reversed) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < routes.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(routes.get(reversed ? routes.size() - 1 - i : i));
    }
    return sb.toString();
  }

  /**
   * WIC-19: 200 OK to every NOTIFY of the reg subscription, 481 to a NOTIFY of none (RFC 6665
   * §4.1.3). Other requests are logged and dropped: the WIC serves nothing else yet.
   */
  private void onRequest(SipRequest request, String text) throws SipParseException {
    if (!request.method().equals(SipRequest.NOTIFY)) {
      return;
    }
    boolean ours = request.callId().equals(subCallId);
    String via = "";
    for (String v : request.headerLines(HeaderNames.VIA)) {
      via += "Via: " + v + "\r\n";
    }
    send("SIP/2.0 " + (ours ? "200 OK" : "481 Call/Transaction Does Not Exist") + "\r\n" + via
        + "From: " + request.header(HeaderNames.FROM) + "\r\n"
        + "To: " + request.header(HeaderNames.TO) + "\r\n"
        + "Call-ID: " + request.header(HeaderNames.CALL_ID) + "\r\n"
        + "CSeq: " + request.header(HeaderNames.CSEQ) + "\r\n"
        + "Content-Length: 0\r\n\r\n");
    if (ours) {
      // The body as received: text after the blank line (no UTF-8 decoding of the parser's bytes needed).
      onNotify(request, text.substring(text.indexOf("\r\n\r\n") + 4));
    }
  }

  /**
   * WIC-45: {@code Subscription-State: terminated} ends the subscription, with no unsubscribe.
   * WIC-44: when the reginfo says the WIC's own contact is terminated, the registration is gone
   * without any REGISTER: {@code rejected} (and {@code unregistered}) stops and tells the user;
   * {@code deactivated} (and any other event) starts a new initial registration.
   */
  private void onNotify(SipRequest notify, String body) {
    String subscription = notify.header(HeaderNames.SUBSCRIPTION_STATE);
    if (subscription != null && SipChars.trim(subscription).startsWith("terminated")) {
      subCallId = null;
      cancel(subscribeTimer);
    }
    if (state != RegistrationState.REGISTERED && state != RegistrationState.REGISTERING) {
      return;
    }
    String event;
    try {
      event = RegInfoReader.read(body, RegInfoReader.DEFAULT_MAX_BYTES)
          .endedEvent(ContactIdentity.of("sip:" + user + "@" + host + ";transport=ws", instance, 1));
    } catch (ReginfoException e) {
      return; // not reginfo the WIC can read: nothing says its binding ended
    }
    if (event == null) {
      return;
    }
    if (event.equals("rejected") || event.equals("unregistered")) {
      deregistered(event.equals("rejected") ? "rejected by the network" : "deregistered by the network");
    } else {
      // Nothing registered: the socket closes (WIC-46), and a new flow registers (WIC-10, WIC-44).
      stopTimers();
      closeConnection();
      attempt = 0;
      start();
    }
  }

  // ---- outcomes

  /** WIC-43 and WIC-46: registration state gone, socket closed with 1000; {@code reason} when the network ended it. */
  private void deregistered(String reason) {
    stopTimers();
    recovering = false;
    associatedUris = new ArrayList<>();
    serviceRoutes = new ArrayList<>();
    listener.onAssociatedUris(associatedUris);
    closeConnection();
    session = null;
    state = RegistrationState.DEREGISTERED;
    listener.onState(state, 0, reason);
    runAfterDeregistration();
  }

  /**
   * The connection is gone or unusable. Once registered (WIC-10): close it, wait the backoff, then a
   * new connection and initial registration; before that, or while deregistering: an error.
   */
  private void lost(String reason) {
    if (!recovering) {
      fail(reason);
      return;
    }
    stopTimers();
    closeConnection();
    attempt++;
    state = RegistrationState.RECONNECTING;
    listener.onReconnecting(attempt, reason);
    reconnectTimer = at(config.reconnectDelayMillis(attempt, randomInt), RECONNECT);
  }

  private void fail(String reason) {
    stopTimers();
    recovering = false;
    closeConnection();
    // Nothing registered: the session (in scenario 1 the password) is not kept.
    session = null;
    state = RegistrationState.ERROR;
    listener.onState(state, 0, reason);
    runAfterDeregistration();
  }

  /** Every timer and pending session fetch of the current connection, and the subscription, end here. */
  private void stopTimers() {
    endTransaction();
    cancel(reRegisterTimer);
    cancel(keepAliveTimer);
    cancel(pongTimer);
    cancel(reconnectTimer);
    cancel(subscribeTimer);
    pongTimer = null;
    subCallId = null;
    fetches++;
  }

  // ---- timers: one task class with an event code rather than a lambda each (each lambda is a class
  // in wic.js, about 0.1 kB gzip apiece)

  private static final int TIMER_F = 0;
  private static final int RE_REGISTER = 1;
  private static final int PING = 2;
  private static final int PONG_MISSING = 3;
  private static final int REFRESH_SUBSCRIPTION = 4;
  private static final int RECONNECT = 5;
  private static final int SIGN_OUT_WAIT = 6;

  private TimerService.Timer at(long delayMillis, int event) {
    return timers.schedule(delayMillis, new Due(event));
  }

  private final class Due implements Runnable {
    private final int event;

    Due(int event) {
      this.event = event;
    }

    @Override
    public void run() {
      switch (event) {
        case TIMER_F -> lost("no response");
        case RE_REGISTER -> reRegister();
        case PING -> ping();
        case PONG_MISSING -> lost("connection lost");
        case REFRESH_SUBSCRIPTION -> subscribe(null);
        case RECONNECT -> start();
        default -> runAfterDeregistration();
      }
    }
  }

  private static void cancel(TimerService.Timer timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  private void closeConnection() {
    SipConnection c = connection;
    connection = null;
    if (c != null) {
      c.close(NORMAL_CLOSURE, "");
    }
  }

  private void runAfterDeregistration() {
    Runnable proceed = afterDeregistration;
    afterDeregistration = null;
    cancel(signOutTimer);
    signOutTimer = null;
    if (proceed != null) {
      proceed.run();
    }
  }

  private void setState(String next) {
    state = next;
    listener.onState(next, next == RegistrationState.REGISTERED ? registeredUntilMillis : 0, null);
  }

  private String redact(String text) {
    return session == null ? text : TokenShortener.redact(text, session.token());
  }
}
