package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.transaction.ClientTransactionUser;
import org.webims.sip.transaction.InviteClientTransaction;
import org.webims.sip.transaction.InviteServerTransaction;
import org.webims.sip.transaction.InviteServerTransactionUser;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.ServerTransactionUser;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * The WIC's SIP over one WebSocket (RFC 7118): opens and listens to the socket, is a reliable sip-core
 * {@link Transport}, and the door to its own sip-core {@link TransactionLayer} for everything sent and
 * received on it. Timers B and F, response matching (RFC 3261 §17.1) and request retransmission
 * handling (§17.2) are the layer's. Holds the flow's identity: the random {@code .invalid} host and
 * user of Via and Contact (WIC-05).
 *
 * <p>Received requests go to their owner: NOTIFY to the registration's {@link RegSubscription}, INVITE,
 * ACK, CANCEL, BYE and every other request to the {@link CallAgent} (WIC-62..64); without one they get
 * 405, so no server transaction waits forever.
 */
final class Flow implements Transport, ServerTransactionUser, InviteServerTransactionUser, SipConnection.Listener {

  private final RegistrationAgent agent;
  private final TransactionLayer layer;
  private final SipConnection connection;
  /** The start of this flow's Via line, up to the branch value. */
  private final String viaStart;
  /** The Contact URI without parameters: {@code sip:<user>@<host>.invalid}. */
  final String contact;
  private final RandomTokens random;

  /** Opens the WebSocket to {@code url} with subprotocol {@code sip}; throws as the browser does on a malformed URL. */
  Flow(RegistrationAgent agent, TimerService timers, WebSocketFactory sockets, String url, RandomTokens random) {
    this.agent = agent;
    // RFC 3261 §17 over a reliable transport: Timers B and F (64*T1) and matching come from here.
    this.layer = new TransactionLayer(timers, TransactionTimers.DEFAULT, this, this);
    this.random = random;
    String host = random.token(12) + ".invalid";
    // RFC 7118 §5.2: the Via transport names the WebSocket the request goes out on, WS or WSS.
    viaStart = "SIP/2.0/" + (url.startsWith("wss:") ? "WSS " : "WS ") + host + ";rport;branch=";
    contact = "sip:" + random.token(8) + "@" + host;
    this.connection = sockets.open(url, RegistrationAgent.SUBPROTOCOL, this);
  }

  /**
   * Starts a client transaction for {@code request}: an INVITE one (Timer B, returned, WIC-62) or a
   * non-INVITE one (null). A request without Via gets the flow's with a new branch first (RFC 3261
   * §8.1.1.7); a CANCEL comes with its INVITE's (§9.1). A send failure reaches {@code user} before this
   * returns. One method for both: TeaVM writes every try/catch out in full.
   */
  InviteClientTransaction send(SipRequest request, ClientTransactionUser user) {
    try {
      SipRequest r = withVia(request);
      if (r.isMethod(SipRequest.INVITE)) {
        return layer.sendInvite(r, this, user);
      }
      layer.sendRequest(r, this, user);
      return null;
    } catch (SipParseException e) {
      // Our own Via always parses.
      throw new IllegalStateException(e.reason());
    }
  }

  /** RFC 3261 §13.2.2.4: the ACK for a 2xx is a transaction of its own, sent as it is; a lost socket shows in onClose. */
  void sendAck(SipRequest ack) {
    try {
      send(withVia(ack));
    } catch (TransportException e) {
      // The socket is closing: onClose ends the call.
    }
  }

  private SipRequest withVia(SipRequest request) {
    if (request.hasHeader(HeaderNames.VIA)) {
      return request;
    }
    return request.toBuilder().headerFirst(HeaderNames.VIA, viaStart + Via.MAGIC_COOKIE + random.token(16)).build();
  }

  /** One received text message: to the transaction layer; a malformed one is dropped. */
  void receive(String text) {
    try {
      // Only what the WIC reads is parsed, each accessor throwing on a missing or malformed header.
      SipMessage message = SipParser.DEFAULT.parse(text);
      layer.receive(message, this);
    } catch (SipParseException e) {
      // RFC 3261 §18.1.2 / §18.2.1: a malformed message is dropped; the page's log shows it.
    }
  }

  /** RFC 3261 §9.2: the INVITE server transaction {@code cancel} refers to, or null. */
  InviteServerTransaction inviteCancelledBy(SipRequest cancel) throws SipParseException {
    return layer.inviteTransactionCancelledBy(cancel);
  }

  /** Sends text that is no SIP message (the keep-alive ping); false when the socket cannot. */
  boolean sendText(String text) {
    return connection.send(text);
  }

  /** Ends every transaction of this flow with its timers, then closes the socket with 1000. */
  void close() {
    abandon();
    connection.close(RegistrationAgent.NORMAL_CLOSURE, "");
  }

  /** The socket is gone: every transaction of this flow ends with its timers, telling no one. */
  void abandon() {
    layer.abandon(this);
  }

  /** The subprotocol the server selected. */
  String protocol() {
    return connection.protocol();
  }

  @Override
  public void onOpen() {
    agent.onOpen();
  }

  @Override
  public void onMessage(String text) {
    if (KeepAlive.isKeepAlive(text)) {
      agent.keepAlive.pong();
      return;
    }
    agent.log(false, text);
    receive(text);
  }

  @Override
  public void onClose(int code, String reason) {
    agent.onClose();
  }

  @Override
  public boolean isReliable() {
    return true;
  }

  /** One SIP message, one WebSocket text message (WIC-04), logged with the token shortened. */
  @Override
  public void send(SipMessage message) throws TransportException {
    String text = message.encode();
    if (!connection.send(text)) {
      throw new TransportException("connection lost");
    }
    agent.log(true, text);
  }

  @Override
  public void onRequest(NonInviteServerTransaction transaction) {
    if (transaction.request().isMethod(SipRequest.NOTIFY)) {
      agent.subscription.onNotify(transaction);
    } else if (agent.calls != null) {
      agent.calls.onRequest(transaction);
    } else {
      transaction.sendResponse(notAllowed(transaction.request()));
    }
  }

  @Override
  public void onInvite(InviteServerTransaction transaction) {
    if (agent.calls != null) {
      agent.calls.onInvite(transaction);
    } else {
      transaction.sendResponse(notAllowed(transaction.request()));
    }
  }

  @Override
  public void onAck(SipRequest ack, Transport transport) {
    if (agent.calls != null) {
      agent.calls.onAck(ack);
    }
  }

  /** RFC 3261 §8.2.1: a WIC without calls serves NOTIFY only. */
  private static SipResponse notAllowed(SipRequest request) {
    return SipResponse.to(request, 405, null).header(HeaderNames.ALLOW, SipRequest.NOTIFY).build();
  }

  /** Timer H: no ACK for a 3xx-6xx to an INVITE; nothing more to do, the call ended when it was sent. */
  @Override
  public void onTimeout(InviteServerTransaction transaction) {
  }

  @Override
  public void onTransportError(InviteServerTransaction transaction, TransportException error) {
    agent.lost("connection lost");
  }

  @Override
  public void onTransportError(NonInviteServerTransaction transaction, TransportException error) {
    agent.lost("connection lost");
  }
}
