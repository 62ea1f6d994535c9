package org.webims.load;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.server.transport.SipServer;
import org.webims.sip.server.transport.SipServerConfig;
import org.webims.sip.server.transport.WebSocketHandshakeHook;
import org.webims.sip.transaction.TransportException;

/**
 * Edge (b) of the edge-memory comparison (issue 13 point 2): sip-server's WSS listener (Netty's own websocketx,
 * OpenSSL where it loads) with the eP-CSCF edge's limits (65,535-byte messages, 512 kB send queue, 10 s handshake),
 * the Origin check as its handshake hook, and a layer above that answers each request 200 on its flow. No Spring.
 * Args: port, PKCS12 key store, its password, allowed origin.
 */
public final class NettyEdge {

  private NettyEdge() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String origin = args[3];
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
      store.load(in, args[2].toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, args[2].toCharArray());
    SipServerConfig config = SipServerConfig.builder().bindAddress("127.0.0.1").udp(false).tcp(false)
        .wss(port, keys).idleTimeout(Duration.ofHours(1)).maxConnections(100_000).build();
    SipServer server = new SipServer(config, (message, flow) -> {
      if (message instanceof SipRequest request) {
        try {
          flow.send(SipResponse.to(request, 200, null).build());
        } catch (TransportException e) {
          // the flow is gone; nothing to answer on
        }
      }
    }, request -> origin.equals(request.origin()) ? WebSocketHandshakeHook.ACCEPT : 403);
    server.start();
    new CountDownLatch(1).await(); // until the harness ends this process
  }
}
