package org.webims.wic.browser;

import org.teavm.jso.websocket.WebSocket;
import org.webims.wic.ua.SipConnection;

/** RFC 7118 over the browser's WebSocket; events stop once either side closed. */
public final class BrowserWebSocket implements SipConnection {

  private static final int OPEN = 1;

  private final WebSocket socket;
  private boolean closed;

  private BrowserWebSocket(String url, String subprotocol, Listener listener) {
    socket = WebSocket.create(url, subprotocol);
    socket.onOpen(e -> {
      if (!closed) {
        listener.onOpen();
      }
    });
    socket.onMessage(e -> {
      if (!closed) {
        listener.onMessage(e.getDataAsString());
      }
    });
    socket.onClose(e -> {
      if (!closed) {
        closed = true;
        listener.onClose(e.getCode(), e.getReason());
      }
    });
  }

  /** A {@link org.webims.wic.ua.WebSocketFactory}. */
  public static SipConnection open(String url, String subprotocol, Listener listener) {
    return new BrowserWebSocket(url, subprotocol, listener);
  }

  @Override
  public String protocol() {
    return socket.getProtocol();
  }

  @Override
  public boolean send(String text) {
    if (closed || socket.getReadyState() != OPEN) {
      return false;
    }
    socket.send(text);
    return true;
  }

  @Override
  public void close(int code, String reason) {
    closed = true;
    socket.close(code, reason);
  }
}
