package org.webims.ims.scscf;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.loop.LoopTransactions;
import org.webims.sip.server.transport.SipServer;
import org.webims.sip.transaction.ClientTransactionUser;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * The S-CSCF's NOTIFYs on the network (SCS-10, SCS-14): the flow to the next hop is reused or
 * connected without blocking, the client transaction runs in the layer of that flow's loop, and a
 * failure comes back to the home loop, where the notifier lives.
 */
final class NotifySending {

  private static final Logger log = LoggerFactory.getLogger(NotifySending.class);

  private final SipServer server;
  private final LoopTransactions transactions;
  private final EventLoop home;

  NotifySending(SipServer server, LoopTransactions transactions, EventLoop home) {
    this.server = server;
    this.transactions = transactions;
    this.home = home;
  }

  /**
   * Sends a NOTIFY (SCS-10, SCS-14), from the home loop: to the host, port and {@code transport}
   * (UDP when absent) of its first Route, else of its Request-URI, with a Via of this element, in a
   * non-INVITE client transaction on the loop of the flow. The connect is asynchronous; a failure
   * (no flow, no answer, an error response) runs {@code onFailure} on the home loop.
   */
  void send(SipRequest notify, Runnable onFailure) {
    Runnable failed = () -> home.execute(onFailure);
    SipUri hop;
    try {
      List<Address> routes = notify.routes();
      Uri next = routes.isEmpty() ? notify.requestUri() : routes.get(0).uri();
      if (!(next instanceof SipUri sip)) {
        log.debug("NOTIFY not sent: next hop {} is not a SIP URI", next);
        failed.run();
        return;
      }
      hop = sip;
    } catch (SipParseException e) {
      log.debug("NOTIFY not sent: {}", e.getMessage());
      failed.run();
      return;
    }
    String transport = hop.transport() == null ? "UDP" : hop.transport().toUpperCase(Locale.ROOT);
    InetSocketAddress remote = new InetSocketAddress(hop.host(), hop.port() > 0 ? hop.port() : 5060);
    server.connect(transport, remote).whenComplete((flow, error) -> {
      if (error != null) {
        log.debug("NOTIFY not sent to {}: {}", remote, error.getMessage());
        failed.run();
        return;
      }
      flow.execute(() -> sendOnFlow(notify, flow, failed));
    });
  }

  private void sendOnFlow(SipRequest notify, Flow flow, Runnable failed) {
    try {
      InetSocketAddress local = flow.local();
      SipRequest withVia = notify.toBuilder().prependHeader(HeaderNames.VIA,
          Via.of(flow.transport(), local.getAddress().getHostAddress(), local.getPort(),
              Via.MAGIC_COOKIE + Long.toHexString(ThreadLocalRandom.current().nextLong())).toString()).build();
      transactions.of(flow.eventLoop()).sendRequest(withVia, flow, new ClientTransactionUser() {
        @Override
        public void onResponse(SipResponse response) {
          // RFC 6665 §4.2.2: a failure response ends the subscription.
          if (response.statusCode() >= 300) {
            failed.run();
          }
        }

        @Override
        public void onTimeout() {
          failed.run();
        }

        @Override
        public void onTransportError(TransportException error) {
          log.debug("NOTIFY not sent to {}: {}", flow, error.getMessage());
          failed.run();
        }
      });
    } catch (SipParseException | RuntimeException e) {
      log.debug("NOTIFY not sent: {}", e.getMessage());
      failed.run();
    }
  }

}
