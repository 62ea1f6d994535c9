package org.webims.epcscf.websocket;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO HTTP/1.1 connector that reports every accepted connection to a {@link HandshakeDeadline}
 * (given by {@link #handshakeDeadline} before the server starts), which may close it. Tomcat has no total
 * time limit for reading a request's header, only one per read.
 */
public final class HandshakeDeadlineProtocol extends Http11NioProtocol {

  public HandshakeDeadlineProtocol() {
    super(new Endpoint());
  }

  public void handshakeDeadline(HandshakeDeadline deadline) {
    ((Endpoint) getEndpoint()).deadline = deadline;
  }

  private static final class Endpoint extends NioEndpoint {
    private volatile HandshakeDeadline deadline;

    @Override
    protected boolean setSocketOptions(SocketChannel socket) {
      SocketAddress remote;
      try {
        remote = socket.getRemoteAddress();
      } catch (IOException e) {
        remote = null;
      }
      boolean registered = super.setSocketOptions(socket);
      HandshakeDeadline d = deadline;
      SocketWrapperBase<NioChannel> wrapper = connections.get(socket);
      if (registered && d != null && wrapper != null) {
        d.accepted(remote, wrapper::close);
      }
      return registered;
    }
  }
}
