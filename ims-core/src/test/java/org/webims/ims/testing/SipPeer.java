package org.webims.ims.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.webims.sip.message.SipMessage;
import org.webims.sip.parser.SipParser;
import org.webims.sip.parser.StreamFramer;

/**
 * A SIP element on plain sockets that both sends requests and receives them, as an eP-CSCF does
 * toward the S-CSCF: one UDP socket, or a TCP listener plus a connection to the server. Every
 * message received, on any socket, is queued with the way back to its sender.
 */
public final class SipPeer implements AutoCloseable {

  /** A received message and the socket it came over, to answer on. */
  public record Received(SipMessage message, Channel channel) {
    public void reply(SipMessage answer) throws IOException {
      channel.send(answer);
    }
  }

  /** Where a reply goes. */
  public interface Channel {
    void send(SipMessage message) throws IOException;
  }

  private final String transport;
  private final InetSocketAddress server;
  private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private DatagramSocket udp;
  private ServerSocket listener;
  private Socket toServer;

  public SipPeer(String transport, InetSocketAddress server) throws IOException {
    this(transport, server, InetAddress.getLoopbackAddress());
  }

  /** A peer on another local address, e.g. 127.0.0.2 for a sender that is not a trusted node. */
  public SipPeer(String transport, InetSocketAddress server, InetAddress loopback) throws IOException {
    this.transport = transport;
    this.server = server;
    if ("UDP".equals(transport)) {
      udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
      open.add(udp);
      thread(this::readUdp);
    } else {
      listener = new ServerSocket(0, 5, loopback);
      open.add(listener);
      thread(this::accept);
    }
  }

  /** This peer's address, where the S-CSCF sends its requests. */
  public InetSocketAddress address() {
    return "UDP".equals(transport) ? (InetSocketAddress) udp.getLocalSocketAddress()
        : (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** A SIP URI of this peer with its transport, e.g. {@code sip:user@127.0.0.1:40000;transport=udp}. */
  public String uri(String user, String params) {
    return "sip:" + user + "@" + address().getAddress().getHostAddress() + ":" + address().getPort() + ";transport=" + transport.toLowerCase() + params;
  }

  /** Sends to the server: from the UDP socket, or over one TCP connection opened on first use. */
  public synchronized void send(SipMessage message) throws IOException {
    if (udp != null) {
      byte[] bytes = message.toBytes();
      udp.send(new DatagramPacket(bytes, bytes.length, server));
      return;
    }
    if (toServer == null) {
      toServer = new Socket();
      toServer.connect(server, 5000);
      open.add(toServer);
      Socket s = toServer;
      thread(() -> readTcp(s));
    }
    write(toServer, message);
  }

  /** The next message received, waiting at most five seconds. */
  public Received receive() throws InterruptedException {
    Received r = inbox.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("nothing received within 5 s");
    }
    return r;
  }

  private void readUdp() {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        SipMessage m = SipParser.DEFAULT.parse(buffer, 0, packet.getLength());
        java.net.SocketAddress from = packet.getSocketAddress();
        inbox.add(new Received(m, answer -> {
          byte[] bytes = answer.toBytes();
          udp.send(new DatagramPacket(bytes, bytes.length, from));
        }));
      } catch (Exception e) {
        return;
      }
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        synchronized (this) {
          open.add(s);
        }
        thread(() -> readTcp(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void readTcp(Socket s) {
    StreamFramer framer = new StreamFramer(SipParser.DEFAULT);
    byte[] buffer = new byte[16384];
    try {
      InputStream in = s.getInputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        framer.feed(buffer, 0, n, new StreamFramer.Sink() {
          @Override
          public void message(SipMessage message) {
            inbox.add(new Received(message, answer -> write(s, answer)));
          }

          @Override
          public void keepAlive() {
          }
        });
      }
    } catch (Exception e) {
      // closed
    }
  }

  private static void write(Socket s, SipMessage message) throws IOException {
    synchronized (s) {
      OutputStream out = s.getOutputStream();
      out.write(message.toBytes());
      out.flush();
    }
  }

  private static void thread(Runnable task) {
    Thread t = new Thread(task, "sip-peer");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public synchronized void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }
}
