package org.webims.epcscf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What HAProxy in TCP mode with {@code send-proxy} does, for the tests: each connection accepted on an
 * ephemeral loopback port is relayed byte for byte (TLS included) to the eP-CSCF, after a PROXY protocol v1
 * header that names {@code claimedSource} as the client. Stops its threads and sockets on {@link #close}.
 */
public final class ProxyProtocolRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final String claimedSource;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public ProxyProtocolRelay(InetSocketAddress target, String claimedSource) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = target;
    this.claimedSource = claimedSource;
    this.acceptor = daemon("proxy-relay-accept", this::acceptAll);
  }

  /** {@code uri} with its port replaced by the relay's. */
  public URI in(URI uri) {
    return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + listener.getLocalPort() + uri.getRawPath());
  }

  private void acceptAll() {
    int sourcePort = 40000;
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        // PROXY protocol v1 (haproxy.org proxy-protocol.txt §2.1): one text line before the client's bytes.
        String header = "PROXY TCP4 " + claimedSource + " " + target.getAddress().getHostAddress() + " "
            + sourcePort++ + " " + target.getPort() + "\r\n";
        server.getOutputStream().write(header.getBytes(StandardCharsets.US_ASCII));
        pump(client, server);
        pump(server, client);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    daemon("proxy-relay-pump", () -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException closed) {
        // one side went away: close both below
      }
      closeQuietly(from);
      closeQuietly(to);
    });
  }

  private static Thread daemon(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws Exception {
    listener.close();
    sockets.forEach(ProxyProtocolRelay::closeQuietly);
    acceptor.join(5000);
  }
}
