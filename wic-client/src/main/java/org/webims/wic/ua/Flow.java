package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.header.Via;
import org.webims.sip.message.Header;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.parser.SipParser;
import org.webims.sip.transaction.ClientTransactionUser;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.ServerTransactionUser;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * The WIC's SIP over one WebSocket (RFC 7118): a reliable sip-core {@link Transport}, and the door to
 * its own sip-core {@link TransactionLayer} for everything sent and received on it. Timer F and response
 * matching (RFC 3261 §17.1.2, §17.1.3) and NOTIFY retransmission handling (§17.2.2) are the layer's.
 * Holds the flow's identity: the random {@code .invalid} host and user of Via and Contact (WIC-05).
 *
 * <p>Only NOTIFY is handed to the layer as a request: the WIC serves nothing else yet, and an
 * unanswered request would keep a server transaction forever.
 */
final class Flow implements Transport, ServerTransactionUser {

  private final RegistrationAgent agent;
  private final TransactionLayer layer;
  private final SipConnection connection;
  /** The start of this flow's Via line, up to the branch value. */
  private final String viaStart;
  /** The Contact URI without parameters: {@code sip:<user>@<host>.invalid}. */
  final String contact;
  private final RandomTokens random;

  Flow(RegistrationAgent agent, TimerService timers, SipConnection connection, boolean secure, RandomTokens random) {
    this.agent = agent;
    // RFC 3261 §17 over a reliable transport: Timer F (64*T1) and response matching come from here.
    this.layer = new TransactionLayer(timers, TransactionTimers.DEFAULT, this);
    this.connection = connection;
    this.random = random;
    String host = random.token(12) + ".invalid";
    // RFC 7118 §5.2: the Via transport names the WebSocket the request goes out on, WS or WSS.
    viaStart = "SIP/2.0/" + (secure ? "WSS " : "WS ") + host + ";rport;branch=";
    contact = "sip:" + random.token(8) + "@" + host;
  }

  /**
   * Starts a non-INVITE client transaction for {@code request}, given without Via: the flow's Via with
   * a new branch goes first (RFC 3261 §8.1.1.7). A send failure reaches {@code user} before this returns.
   */
  void send(SipRequest request, ClientTransactionUser user) {
    SipRequest.Builder b = SipRequest.builder(request.method(), request.requestUri())
        .header(HeaderNames.VIA, viaStart + Via.MAGIC_COOKIE + random.token(16));
    for (Header h : request.headers()) {
      b.header(h.name(), h.value());
    }
    try {
      layer.sendRequest(b.build(), this, user);
    } catch (SipParseException e) {
      // Our own Via always parses.
      throw new IllegalStateException(e.reason());
    }
  }

  /** One received text message: a response or NOTIFY to the transaction layer; the rest is dropped. */
  void receive(String text) {
    try {
      // Only what the WIC reads is parsed, each accessor throwing on a missing or malformed header.
      SipMessage message = SipParser.DEFAULT.parse(text);
      if (!message.isRequest() || ((SipRequest) message).isMethod(SipRequest.NOTIFY)) {
        layer.receive(message, this);
      }
    } catch (SipParseException e) {
      // RFC 3261 §18.1.2 / §18.2.1: a malformed message is dropped; the page's log shows it.
    }
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
    agent.onNotify(transaction);
  }

  @Override
  public void onTransportError(NonInviteServerTransaction transaction, TransportException error) {
    agent.lost("connection lost");
  }
}
