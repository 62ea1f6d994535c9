package org.webims.epcscf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.parser.SipParser;
import org.webims.sip.parser.StreamFramer;

/**
 * An S-CSCF at the edge of the test: a TCP socket that records every request and answers a
 * REGISTER with the §5.5 200 OK (3600 s granted, or 0 for a deregistration).
 */
public final class FakeScscf implements AutoCloseable {

  private final ServerSocket server;
  private final BlockingQueue<SipRequest> received = new LinkedBlockingQueue<>();

  public FakeScscf() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "fake-scscf");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The next request the eP-CSCF forwarded, or null after 10 s. */
  public SipRequest next() throws InterruptedException {
    return received.poll(10, TimeUnit.SECONDS);
  }

  public int pending() {
    return received.size();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "fake-scscf-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      StreamFramer framer = new StreamFramer(SipParser.DEFAULT);
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        framer.feed(buffer, 0, n, new StreamFramer.Sink() {
          @Override
          public void message(SipMessage m) {
            if (!(m instanceof SipRequest r)) {
              return;
            }
            try {
              long granted = r.expires() == 0 ? 0 : 3600;
              byte[] bytes = TestScscf.ok(r, granted).toBytes();
              received.add(r);
              synchronized (out) {
                out.write(bytes);
                out.flush();
              }
            } catch (SipParseException | IOException e) {
              throw new IllegalStateException(e);
            }
          }

          @Override
          public void keepAlive() {
          }
        });
      }
    } catch (IOException | SipParseException e) {
      // connection ends with the test
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
