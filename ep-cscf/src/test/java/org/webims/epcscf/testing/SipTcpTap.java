package org.webims.epcscf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback between the eP-CSCF and the IMS core that keeps a copy of what the
 * eP-CSCF sends, so a test can read the Authorization lines the S-CSCF got.
 */
public final class SipTcpTap implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final StringBuffer upstream = new StringBuffer();
  private final List<Socket> sockets = new ArrayList<>();

  public SipTcpTap(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "sip-tap");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The {@code Authorization} values sent toward the core so far, in order. */
  public List<String> authorizations() {
    List<String> out = new ArrayList<>();
    for (String line : upstream.toString().split("\r\n")) {
      if (line.startsWith("Authorization: ")) {
        out.add(line.substring("Authorization: ".length()));
      }
    }
    return out;
  }

  public String lastAuthorization() {
    List<String> all = authorizations();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        Socket out = new Socket(target.getAddress(), target.getPort());
        synchronized (sockets) {
          sockets.add(in);
          sockets.add(out);
        }
        pump(in, out, true);
        pump(out, in, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean record) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          if (record) {
            upstream.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the other side closed
      }
    }, "sip-tap-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
