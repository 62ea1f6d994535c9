package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.header.Address;
import org.webims.sip.header.Contact;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.syntax.Quoting;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.uri.SipUri;

/**
 * 24.371 A.3.2 steps 1-8 and 24.229 5.1.1.2 / 5.1.1.6: the WIC's registration agent. Fetches the
 * session from the WWSF, opens the WebSocket with subprotocol {@code sip}, registers the first
 * IMPU with a Bearer token, and deregisters on request, closing the socket with 1000 when nothing
 * is registered (WIC-46).
 *
 * <p>Scenario 1 (24.371 6.1 a) 1), WIC-20..25): when the {@link WicSession} carries a password (IMS
 * credentials typed into the page), the same REGISTERs carry {@code Authorization: Digest} instead:
 * an empty response first, then the answer to the topmost supported challenge, the nonce reused with
 * {@code nc} counting by the deregistration. The session, and with it the password, is dropped as
 * soon as nothing is registered.
 *
 * <p>RFC 3261 §17.1.2 over a reliable transport, with at most one request outstanding: send once,
 * match the final response by top Via branch and CSeq, give up after Timer F (64*T1). That is all a
 * sip-core {@code TransactionLayer} would do here, and it would cost wic.js about 3 kB gzip (its
 * tables, server transactions and Timer K). Incoming requests are logged and dropped: the WIC
 * subscribes to nothing yet (issue 7 adds the reg event).
 *
 * <p>One procedure at a time: {@link #register()} and {@link #deregister()} are ignored in states
 * where they make no sense, so a second click while busy does nothing. Single-threaded: every call
 * and callback runs on the browser's event loop (or the test's thread).
 */
public final class RegistrationAgent implements SipConnection.Listener {

  /** Where the +sip.instance UUID lives, so it stays stable for the browser profile (WIC-06). */
  static final String INSTANCE_KEY = "webims.wic.instance";
  /** WIC-12: the expiry asked for in the initial REGISTER. */
  static final long REQUESTED_EXPIRES = 600000;
  /** The contract's longest wait for a deregistration before sign-out goes on. */
  public static final long SIGN_OUT_WAIT_MILLIS = 5000;
  /** A token this close to its expiry is fetched again before deregistering (WIC-42). */
  static final long TOKEN_MARGIN_MILLIS = 30000;
  /** RFC 3261 Table 4: Timer F, 64*T1, how long the WIC waits for a final response. */
  static final long TIMER_F_MILLIS = 64 * TransactionTimers.DEFAULT_T1;
  static final String SUBPROTOCOL = "sip";
  static final int NORMAL_CLOSURE = 1000;

  private final WebSocketFactory sockets;
  private final SessionSource sessions;
  private final TimerService timers;
  private final Clock clock;
  private final RegistrationListener listener;
  private final RandomTokens random;
  private final String instance;

  private final SessionSource.Callback sessionCallback = new SessionSource.Callback() {
    @Override
    public void onSession(WicSession s) {
      if (state == RegistrationState.CONNECTING) {
        connect(s);
      } else if (state == RegistrationState.DEREGISTERING) {
        session = s;
        sendRegister(0);
      }
    }

    @Override
    public void onFailure(int status, String reason) {
      if (state == RegistrationState.CONNECTING || state == RegistrationState.DEREGISTERING) {
        fail(status == 401 ? "not signed in" : "session " + status + " " + reason);
      }
    }
  };

  private String state = RegistrationState.IDLE;
  private WicSession session;
  private SipConnection connection;
  /** The top Via branch of the REGISTER awaiting its final response, or null. */
  private String pendingBranch;
  private TimerService.Timer timerF;
  private String host;
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
  /** Each Digest answer's cnonce: 16 random characters (about 82 bits); tests inject a fixed one. */
  Supplier<String> cnonces;

  /** {@code random} should be a {@code SecureRandom} (tests pass a seeded one). */
  public RegistrationAgent(WebSocketFactory sockets, SessionSource sessions, TimerService timers, Clock clock,
      Storage storage, Random random, RegistrationListener listener) {
    this.sockets = sockets;
    this.sessions = sessions;
    this.timers = timers;
    this.clock = clock;
    this.listener = listener;
    this.random = new RandomTokens(random);
    this.cnonces = () -> this.random.token(16);
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

  /** Starts an initial registration from idle, deregistered or error; ignored otherwise. */
  public void register() {
    if (state != RegistrationState.IDLE && state != RegistrationState.DEREGISTERED
        && state != RegistrationState.ERROR) {
      return;
    }
    setState(RegistrationState.CONNECTING);
    sessions.fetch(sessionCallback);
  }

  /** WIC-40: deregisters from registered; ignored otherwise. */
  public void deregister() {
    if (state != RegistrationState.REGISTERED) {
      return;
    }
    setState(RegistrationState.DEREGISTERING);
    if (session.expiresAtMillis() == 0 || clock.nowMillis() < session.expiresAtMillis() - TOKEN_MARGIN_MILLIS) {
      sendRegister(0);
      return;
    }
    sessions.fetch(sessionCallback);
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
    signOutTimer = timers.schedule(SIGN_OUT_WAIT_MILLIS, this::runAfterDeregistration);
    deregister();
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
    host = random.token(12) + ".invalid";
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
    listener.onSipMessage(false, redact(text));
    try {
      // Only what the agent reads is parsed, each accessor throwing on a missing or malformed header:
      // SipMessage.validate() of every header sip-core knows (Event, Date, P-Charging-Vector, ...)
      // cost wic.js about 1.3 kB gzip and made no decision here.
      SipMessage message = SipParser.DEFAULT.parse(text);
      if (!message.isRequest() && pendingBranch != null && pendingBranch.equals(message.topVia().branch())
          && message.cseq().method().equals(SipRequest.REGISTER) && message.cseq().sequence() == cseq
          && !((SipResponse) message).isProvisional()) {
        endTransaction();
        onFinalResponse((SipResponse) message);
      }
    } catch (SipParseException e) {
      // RFC 3261 §18.1.2 / §18.2.1: a malformed message is dropped; the log above shows it.
    }
  }

  @Override
  public void onClose(int code, String reason) {
    connection = null;
    if (state == RegistrationState.CONNECTING) {
      fail("cannot connect");
    } else if (state == RegistrationState.REGISTERING || state == RegistrationState.REGISTERED
        || state == RegistrationState.DEREGISTERING) {
      fail("connection lost");
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
    // Written as text, as in the checklist's §5.1: sip-core's builder and encode() would add about
    // 0.6 kB gzip to wic.js for a message with fixed headers and no body.
    String text = "REGISTER sip:" + session.realm() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS " + host + ";rport;branch=" + branch + "\r\n"
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
    if (connection == null || !connection.send(text)) {
      fail("connection lost");
      return;
    }
    listener.onSipMessage(true, redact(text));
    pendingBranch = branch;
    timerF = timers.schedule(TIMER_F_MILLIS, () -> fail("no response"));
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
    String cnonce = cnonces.get();
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
  private void onChallenge(SipResponse response) {
    DigestChallenge chosen = null;
    DigestAlgorithm chosenAlgorithm = null;
    try {
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
    } catch (SipParseException e) {
      // A malformed challenge header: nothing to answer, reported below.
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

  private void endTransaction() {
    pendingBranch = null;
    if (timerF != null) {
      timerF.cancel();
      timerF = null;
    }
  }

  private void onFinalResponse(SipResponse response) {
    if (response.statusCode() == 401 && session.password() != null) {
      onChallenge(response);
      return;
    }
    if (!response.isSuccess()) {
      // 401 Bearer challenge, 403, anything else: shown as it came; no retry (issue 7 adds RFC 8898's one).
      fail(response.statusCode() + " " + response.reasonPhrase());
      return;
    }
    if (state == RegistrationState.DEREGISTERING) {
      deregistered();
      return;
    }
    try {
      long granted = grantedExpiry(response);
      if (granted <= 0) {
        fail("200 OK without own Contact");
        return;
      }
      associatedUris = uris(response.pAssociatedUris(), false);
      serviceRoutes = uris(response.serviceRoutes(), true);
      registeredUntilMillis = clock.nowMillis() + granted * 1000;
      listener.onAssociatedUris(associatedUris);
      staleRestarted = false;
      setState(RegistrationState.REGISTERED);
    } catch (SipParseException e) {
      fail("bad 200 OK: " + e.reason());
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

  /** WIC-43 and WIC-46: registration state gone, socket closed with 1000. */
  private void deregistered() {
    associatedUris = new ArrayList<>();
    serviceRoutes = new ArrayList<>();
    listener.onAssociatedUris(associatedUris);
    closeConnection();
    session = null;
    setState(RegistrationState.DEREGISTERED);
    runAfterDeregistration();
  }

  private void fail(String reason) {
    endTransaction();
    closeConnection();
    // Nothing registered: the session (in scenario 1 the password) is not kept.
    session = null;
    state = RegistrationState.ERROR;
    listener.onState(state, 0, reason);
    runAfterDeregistration();
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
    if (signOutTimer != null) {
      signOutTimer.cancel();
      signOutTimer = null;
    }
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
