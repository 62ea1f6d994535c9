package org.webims.wic.ua;

/** RFC 7118: one WebSocket carrying SIP, one SIP message per text message; the browser's or a test's. */
public interface SipConnection {

  /** The subprotocol the server's 101 selected; "" when none (RFC 6455 §4.1). */
  String protocol();

  /** Sends one SIP message as one text message (WIC-04); false when the socket is not open. */
  boolean send(String text);

  /** Closes with a code (1000: normal, RFC 6455 §7.4.1); no more events follow. */
  void close(int code, String reason);

  /** What happens on the socket, delivered on the event loop. */
  interface Listener {

    void onOpen();

    void onMessage(String text);

    /** The socket closed, or never opened; not called after {@link SipConnection#close}. */
    void onClose(int code, String reason);
  }
}
