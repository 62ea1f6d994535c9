package org.webims.epcscf.testing;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipResponse;

/** A WIC connection without a socket: from 198.51.100.23:52810 as in checklist §5; captures what it gets. */
public final class FakeWicFlow implements WicFlow {

  private final String id;
  private final List<SipMessage> received = new ArrayList<>();
  private final String tlsSessionId;
  private boolean open = true;
  private int closeCode;
  private String closeReason;

  /** A WSS connection with a TLS session of its own. */
  public FakeWicFlow(String id) {
    this(id, "tls-" + id);
  }

  /** {@code tlsSessionId} null: a plain WebSocket connection (development switch). */
  public FakeWicFlow(String id, String tlsSessionId) {
    this.id = id;
    this.tlsSessionId = tlsSessionId;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public InetSocketAddress remote() {
    return new InetSocketAddress("198.51.100.23", 52810);
  }

  @Override
  public synchronized void send(SipMessage message) {
    if (open) {
      received.add(message);
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public String tlsSessionId() {
    return tlsSessionId;
  }

  public void close() {
    open = false;
  }

  @Override
  public synchronized void close(int code, String reason) {
    if (open) {
      open = false;
      closeCode = code;
      closeReason = reason;
    }
  }

  /** The status of {@link #close(int, String)}, 0 when the eP-CSCF did not close it. */
  public synchronized int closeCode() {
    return closeCode;
  }

  public synchronized String closeReason() {
    return closeReason;
  }

  public synchronized List<SipMessage> received() {
    return List.copyOf(received);
  }

  public synchronized SipResponse lastResponse() {
    return (SipResponse) received.get(received.size() - 1);
  }
}
