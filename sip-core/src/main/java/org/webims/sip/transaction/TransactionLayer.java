package org.webims.sip.transaction;

import java.util.HashMap;
import java.util.Map;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §17: the non-INVITE transaction layer of one element. Files transactions by their
 * matching keys (§17.1.3, §17.2.3), routes received messages to them, starts server transactions
 * for new requests, and forgets transactions as they terminate.
 *
 * <p>Single-threaded by contract: {@link #sendRequest}, {@link #receive}, every TU callback and
 * every {@link TimerService} task must run on one thread or event loop. There are no locks.
 *
 * <p>INVITE and ACK are not handled here; neither are requests whose branch lacks the RFC 3261
 * magic cookie. {@link #receive} returns false for them, and for stray responses, so the caller
 * can handle them statelessly.
 */
public final class TransactionLayer {

  private final TimerService timers;
  private final TransactionTimers config;
  private final ServerTransactionUser serverUser;
  private final Map<String, NonInviteClientTransaction> clients = new HashMap<>();
  private final Map<String, NonInviteServerTransaction> servers = new HashMap<>();

  /** {@code serverUser} receives every new request through its server transaction. */
  public TransactionLayer(TimerService timers, TransactionTimers config, ServerTransactionUser serverUser) {
    if (timers == null || config == null || serverUser == null) {
      throw new IllegalArgumentException("timers, config and serverUser are required");
    }
    this.timers = timers;
    this.config = config;
    this.serverUser = serverUser;
  }

  /**
   * RFC 3261 §17.1.2: starts a non-INVITE client transaction and sends {@code request} over
   * {@code transport}. A send failure reaches {@code user} before this returns.
   *
   * @throws IllegalArgumentException for INVITE or ACK, a top Via without branch, or a branch and
   *     method already in use
   * @throws SipParseException when the top Via does not parse
   */
  public NonInviteClientTransaction sendRequest(SipRequest request, Transport transport, ClientTransactionUser user)
      throws SipParseException {
    if (isInviteOrAck(request)) {
      throw new IllegalArgumentException("not a non-INVITE transaction: " + request.method());
    }
    String key = TransactionKeys.client(request);
    if (key == null) {
      throw new IllegalArgumentException("top Via has no branch (RFC 3261 §8.1.1.7)");
    }
    if (clients.containsKey(key)) {
      throw new IllegalArgumentException("branch already in use by a client transaction");
    }
    NonInviteClientTransaction transaction =
        new NonInviteClientTransaction(key, request, transport, timers, config, user, this::forget);
    clients.put(key, transaction);
    transaction.start();
    return transaction;
  }

  /**
   * Routes a received message (RFC 3261 §17.1.3, §17.2.3): a response to its client transaction; a
   * request to its server transaction, or to a new one passed to the server TU.
   *
   * @param transport where the message came from; a new server transaction answers through it
   * @return false when no transaction took the message: a stray response, INVITE, ACK, or a branch
   *     without the magic cookie
   * @throws SipParseException when the top Via or CSeq does not parse
   */
  public boolean receive(SipMessage message, Transport transport) throws SipParseException {
    if (!message.isRequest()) {
      NonInviteClientTransaction client = clients.get(TransactionKeys.client((SipResponse) message));
      if (client == null) {
        return false;
      }
      client.receiveResponse((SipResponse) message);
      return true;
    }
    SipRequest request = (SipRequest) message;
    if (isInviteOrAck(request)) {
      return false;
    }
    String key = TransactionKeys.server(request);
    if (key == null) {
      return false;
    }
    NonInviteServerTransaction server = servers.get(key);
    if (server != null) {
      server.receiveRequest(request);
      return true;
    }
    server = new NonInviteServerTransaction(key, request, transport, timers, config, serverUser, this::forget);
    servers.put(key, server);
    server.start();
    return true;
  }

  /** Live client and server transactions. */
  public int size() {
    return clients.size() + servers.size();
  }

  private static boolean isInviteOrAck(SipRequest request) {
    return request.isMethod(SipRequest.INVITE) || request.isMethod(SipRequest.ACK);
  }

  private void forget(Transaction transaction) {
    Map<String, ? extends Transaction> table =
        transaction instanceof NonInviteClientTransaction ? clients : servers;
    if (table.get(transaction.key()) == transaction) {
      table.remove(transaction.key());
    }
  }
}
