package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;

/** A WebSocket the test drives: records what the agent sends and closes, injects what the server does. */
final class FakeSocket implements WebSocketFactory, SipConnection {

  final List<String> sent = new ArrayList<>();
  String url;
  String requestedProtocol;
  String selectedProtocol = "sip";
  int opened;
  int closeCode = -1;
  private Listener listener;
  private boolean open;

  @Override
  public SipConnection open(String url, String subprotocol, Listener l) {
    this.url = url;
    this.requestedProtocol = subprotocol;
    this.listener = l;
    this.closeCode = -1;
    opened++;
    return this;
  }

  /** The server's 101 arrived. */
  void accept() {
    open = true;
    listener.onOpen();
  }

  void receive(String text) {
    listener.onMessage(text);
  }

  /** The server or network closed the socket. */
  void drop() {
    open = false;
    listener.onClose(1006, "");
  }

  /** Answers each CRLF keep-alive ping with a CRLF pong, as the eP-CSCF does (RFC 5626 §4.4.1). */
  boolean pong = true;
  int pings;

  /** The SIP messages sent, keep-alive pings left out. */
  List<String> sip() {
    List<String> list = new ArrayList<>();
    for (String s : sent) {
      if (!s.equals(KeepAlive.PING)) {
        list.add(s);
      }
    }
    return list;
  }

  /** The REGISTERs sent. */
  List<String> registers() {
    List<String> list = new ArrayList<>();
    for (String s : sent) {
      if (s.startsWith("REGISTER ")) {
        list.add(s);
      }
    }
    return list;
  }

  /** The last REGISTER sent. */
  String lastRegister() {
    List<String> r = registers();
    return r.get(r.size() - 1);
  }

  String last() {
    return sent.get(sent.size() - 1);
  }

  boolean isOpen() {
    return open;
  }

  @Override
  public String protocol() {
    return selectedProtocol;
  }

  @Override
  public boolean send(String text) {
    if (!open) {
      return false;
    }
    if (text.equals(KeepAlive.PING)) {
      pings++;
      if (pong) {
        listener.onMessage("\r\n");
      }
      return true;
    }
    sent.add(text);
    return true;
  }

  @Override
  public void close(int code, String reason) {
    open = false;
    closeCode = code;
  }
}
