package org.webims.wic.browser;

import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;
import org.teavm.jso.websocket.CloseEvent;
import org.teavm.jso.websocket.WebSocket;
import org.webims.wic.ua.SipConnection;
import org.webims.wic.ua.WebSocketFactory;

/**
 * RFC 7118 over the browser's WebSocket; events stop once either side closed. One listener object for
 * the three events: a lambda each would be three more classes in wic.js. The object made by
 * {@link #BrowserWebSocket()} is the agent's {@link WebSocketFactory} (as {@code BrowserMedia} is its own
 * factory): a method reference would be one more class.
 */
public final class BrowserWebSocket implements SipConnection, EventListener<Event>, WebSocketFactory {

  private static final int OPEN = 1;

  private WebSocket socket;
  private Listener listener;
  private boolean closed;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private BrowserWebSocket(String url, String subprotocol, Listener listener) {
    this.listener = listener;
    socket = WebSocket.create(url, subprotocol);
    EventListener events = this;
    socket.onOpen(events);
    socket.onMessage(events);
    socket.onClose(events);
  }

  /** The factory: no socket of its own. */
  public BrowserWebSocket() {
  }

  @Override
  public SipConnection open(String url, String subprotocol, Listener listener) {
    return new BrowserWebSocket(url, subprotocol, listener);
  }

  @Override
  public void handleEvent(Event e) {
    if (closed) {
      return;
    }
    String type = e.getType();
    if (type.equals("open")) {
      listener.onOpen();
    } else if (type.equals("message")) {
      listener.onMessage(((MessageEvent) e).getDataAsString());
    } else if (type.equals("close")) {
      closed = true;
      CloseEvent close = (CloseEvent) e;
      listener.onClose(close.getCode(), close.getReason());
    }
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
