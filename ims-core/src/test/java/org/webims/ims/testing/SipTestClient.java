package org.webims.ims.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.parser.StreamFramer;

/**
 * A plain-socket SIP peer for listener tests: sends bytes over UDP or TCP from a chosen local
 * address and reads one response, waiting at most five seconds.
 */
public abstract class SipTestClient implements AutoCloseable {

  static final int TIMEOUT_MILLIS = 5000;

  public abstract void sendRaw(byte[] bytes) throws IOException;

  public abstract SipResponse receive() throws IOException, SipParseException;

  public SipResponse exchange(SipMessage request) throws IOException, SipParseException {
    sendRaw(request.toBytes());
    return receive();
  }

  public SipResponse exchangeRaw(String text) throws IOException, SipParseException {
    sendRaw(text.getBytes(StandardCharsets.UTF_8));
    return receive();
  }

  public static SipTestClient open(String transport, InetAddress local, InetSocketAddress server) throws IOException {
    return "UDP".equals(transport) ? new Udp(local, server) : new Tcp(local, server);
  }

  private static final class Udp extends SipTestClient {
    private final DatagramSocket socket;
    private final InetSocketAddress server;

    Udp(InetAddress local, InetSocketAddress server) throws IOException {
      this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
      this.socket.setSoTimeout(TIMEOUT_MILLIS);
      this.server = server;
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
      socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    @Override
    public SipResponse receive() throws IOException, SipParseException {
      byte[] buffer = new byte[65535];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      socket.receive(packet);
      return (SipResponse) SipParser.DEFAULT.parse(buffer, 0, packet.getLength());
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private static final class Tcp extends SipTestClient {
    private final Socket socket;
    private final InputStream in;
    private final StreamFramer framer = new StreamFramer(SipParser.DEFAULT);
    private final Queue<SipMessage> received = new ArrayDeque<>();

    Tcp(InetAddress local, InetSocketAddress server) throws IOException {
      this.socket = new Socket();
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(server, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      this.in = socket.getInputStream();
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    }

    @Override
    public SipResponse receive() throws IOException, SipParseException {
      byte[] buffer = new byte[16384];
      while (received.isEmpty()) {
        int n = in.read(buffer);
        if (n < 0) {
          throw new IOException("connection closed by the server");
        }
        framer.feed(buffer, 0, n, new StreamFramer.Sink() {
          @Override
          public void message(SipMessage message) {
            received.add(message);
          }

          @Override
          public void keepAlive() {
          }
        });
      }
      return (SipResponse) received.poll();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
