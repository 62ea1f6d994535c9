package org.webims.sip.transaction;

import java.util.function.Consumer;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.syntax.KeyTable;

/**
 * RFC 3261 §17: the transaction layer of one element. Files transactions by their matching keys
 * (§17.1.3, §17.2.3), routes received messages to them, starts server transactions for new
 * requests, and forgets transactions as they terminate.
 *
 * <p>Single-threaded by contract: {@link #sendRequest}, {@link #sendInvite}, {@link #receive},
 * every TU callback and every {@link TimerService} task must run on one thread or event loop. There
 * are no locks.
 *
 * <p>INVITE and ACK are handled only by a layer made with an {@link InviteServerTransactionUser};
 * without one, and for requests whose branch lacks the RFC 3261 magic cookie, {@link #receive}
 * returns false, as it does for stray responses, so the caller can handle them statelessly.
 */
public final class TransactionLayer {

  private final TimerService timers;
  private final TransactionTimers config;
  private final ServerTransactionUser serverUser;
  private final InviteServerTransactionUser inviteUser;
  private final KeyTable<String, NonInviteClientTransaction> clients = new KeyTable<>();
  private final KeyTable<String, NonInviteServerTransaction> servers = new KeyTable<>();
  private final KeyTable<String, InviteClientTransaction> inviteClients = new KeyTable<>();
  private final KeyTable<String, InviteServerTransaction> inviteServers = new KeyTable<>();
  /** One callback for every transaction, not a method reference per call site (each is a class in wic.js). */
  private final Consumer<Transaction> forget = this::forget;

  /** A non-INVITE layer: {@code serverUser} receives every new request but INVITE and ACK. */
  public TransactionLayer(TimerService timers, TransactionTimers config, ServerTransactionUser serverUser) {
    this(timers, config, serverUser, null);
  }

  /**
   * A layer for every method: {@code serverUser} receives new non-INVITE requests (CANCEL among
   * them), {@code inviteUser} new INVITEs and the ACKs for 2xx; null leaves INVITE and ACK to the
   * caller.
   */
  public TransactionLayer(TimerService timers, TransactionTimers config, ServerTransactionUser serverUser,
      InviteServerTransactionUser inviteUser) {
    if (timers == null || config == null || serverUser == null) {
      throw new IllegalArgumentException("null timers, config or serverUser");
    }
    this.timers = timers;
    this.config = config;
    this.serverUser = serverUser;
    this.inviteUser = inviteUser;
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
    String key = newClientKey(request);
    NonInviteClientTransaction transaction =
        new NonInviteClientTransaction(key, request, transport, timers, config, user, forget);
    clients.put(key, transaction);
    transaction.start();
    return transaction;
  }

  /**
   * RFC 3261 §17.1.1: starts an INVITE client transaction and sends {@code invite}. The TU gets
   * every 2xx (it sends the ACK for 2xx itself, §13.2.2.4); the transaction ACKs 300-699.
   *
   * @throws IllegalArgumentException when not an INVITE, or for a top Via without branch or with a
   *     branch in use
   * @throws SipParseException when the top Via does not parse
   */
  public InviteClientTransaction sendInvite(SipRequest invite, Transport transport, ClientTransactionUser user)
      throws SipParseException {
    if (!invite.isMethod(SipRequest.INVITE)) {
      throw new IllegalArgumentException("not an INVITE: " + invite.method());
    }
    String key = newClientKey(invite);
    InviteClientTransaction transaction =
        new InviteClientTransaction(key, invite, transport, timers, config, user, forget);
    inviteClients.put(key, transaction);
    transaction.start();
    return transaction;
  }

  /**
   * Routes a received message (RFC 3261 §17.1.3, §17.2.3): a response to its client transaction; a
   * request to its server transaction, or to a new one passed to the TU. An ACK goes to its INVITE
   * server transaction when one matches and to the TU's {@code onAck} otherwise (RFC 6026 §8.7).
   *
   * @param transport where the message came from; a new server transaction answers through it
   * @return false when no transaction took the message: a stray response, a branch without the
   *     magic cookie, or INVITE and ACK in a layer without an {@link InviteServerTransactionUser}
   * @throws SipParseException when the top Via or CSeq does not parse
   */
  public boolean receive(SipMessage message, Transport transport) throws SipParseException {
    if (!message.isRequest()) {
      return receiveResponse((SipResponse) message);
    }
    SipRequest request = (SipRequest) message;
    if (isInviteOrAck(request)) {
      return inviteUser != null && receiveInviteOrAck(request, transport);
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
    server = new NonInviteServerTransaction(key, request, transport, timers, config, serverUser, forget);
    servers.put(key, server);
    server.start();
    return true;
  }

  /**
   * RFC 3261 §9.2: the INVITE server transaction a CANCEL refers to (same branch and sent-by,
   * method INVITE), or null. In Proceeding the TU answers the INVITE 487; in Accepted or later the
   * final is already out and the TU only answers the CANCEL 200 (§9.2, "CANCEL has no effect").
   *
   * @throws SipParseException when the top Via does not parse
   */
  public InviteServerTransaction inviteTransactionCancelledBy(SipRequest cancel) throws SipParseException {
    String key = TransactionKeys.server(cancel, SipRequest.INVITE);
    return key == null ? null : inviteServers.get(key);
  }

  /**
   * The element itself closed {@code transport} (the WIC's WebSocket, a torn-down flow): every
   * transaction that sends through it terminates with its timers, and no TU hears of it, since the
   * TU closed it. Transactions on other transports are untouched.
   */
  public void abandon(Transport transport) {
    abandon(clients, transport);
    abandon(servers, transport);
    abandon(inviteClients, transport);
    abandon(inviteServers, transport);
  }

  /**
   * RFC 3261 §17.1.4 and §17.2.4 for a transport that sends asynchronously: {@code transport}
   * (compared with {@code equals}) could not deliver what it accepted earlier, or is gone. Every
   * transaction on it that has not yet seen or sent its final response terminates and its TU hears
   * {@code error}, as if a send had thrown: a client transaction's TU learns that its request did
   * not leave, a server transaction's that its client is gone. Transactions on other transports are
   * untouched.
   */
  public void transportFailed(Transport transport, TransportException error) {
    transportFailed(clients, transport, error);
    transportFailed(inviteClients, transport, error);
    transportFailed(servers, transport, error);
    transportFailed(inviteServers, transport, error);
  }

  private static void transportFailed(KeyTable<String, ? extends Transaction> table, Transport transport,
      TransportException error) {
    for (Transaction t : table.values()) {
      if (t.transport.equals(transport)) {
        t.sendFailedLater(error);
      }
    }
  }

  private static void abandon(KeyTable<String, ? extends Transaction> table, Transport transport) {
    for (Transaction t : table.values()) {
      if (t.transport == transport) {
        t.terminate();
      }
    }
  }

  /** Live client and server transactions. */
  public int size() {
    return clients.size() + servers.size() + inviteClients.size() + inviteServers.size();
  }

  private boolean receiveResponse(SipResponse response) throws SipParseException {
    String key = TransactionKeys.client(response);
    NonInviteClientTransaction client = clients.get(key);
    if (client != null) {
      client.receiveResponse(response);
      return true;
    }
    InviteClientTransaction invite = inviteClients.get(key);
    if (invite != null) {
      invite.receiveResponse(response);
      return true;
    }
    return false;
  }

  private boolean receiveInviteOrAck(SipRequest request, Transport transport) throws SipParseException {
    String key = TransactionKeys.server(request, SipRequest.INVITE);
    if (key == null) {
      return false;
    }
    InviteServerTransaction server = inviteServers.get(key);
    if (request.isMethod(SipRequest.ACK)) {
      // §17.2.3: an ACK matches its INVITE's transaction; an ACK for 2xx (new branch) matches none.
      if (server != null) {
        server.receiveAck(request);
      } else {
        inviteUser.onAck(request, transport);
      }
    } else if (server != null) {
      server.receiveRequest(request);
    } else {
      server = new InviteServerTransaction(key, request, transport, timers, config, inviteUser, forget);
      inviteServers.put(key, server);
      server.start();
    }
    return true;
  }

  /** RFC 3261 §17.1.3: the branch and method of a request we send; refuses a key in use. */
  private String newClientKey(SipRequest request) throws SipParseException {
    String key = TransactionKeys.client(request);
    if (key == null) {
      throw new IllegalArgumentException("top Via has no branch (RFC 3261 §8.1.1.7)");
    }
    if (clients.get(key) != null || inviteClients.get(key) != null) {
      throw new IllegalArgumentException("branch in use");
    }
    return key;
  }

  private static boolean isInviteOrAck(SipRequest request) {
    return request.isMethod(SipRequest.INVITE) || request.isMethod(SipRequest.ACK);
  }

  private void forget(Transaction transaction) {
    KeyTable<String, ? extends Transaction> table = tableOf(transaction);
    if (table.get(transaction.key()) == transaction) {
      table.remove(transaction.key());
    }
  }

  private KeyTable<String, ? extends Transaction> tableOf(Transaction transaction) {
    if (transaction instanceof NonInviteClientTransaction) {
      return clients;
    }
    if (transaction instanceof NonInviteServerTransaction) {
      return servers;
    }
    return transaction instanceof InviteClientTransaction ? inviteClients : inviteServers;
  }
}
