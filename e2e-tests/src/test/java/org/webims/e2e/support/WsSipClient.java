package org.webims.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.waf.testing.WafTokenClient;

/**
 * A SIP-over-WebSocket client for system tests (RFC 7118): what the WIC does on the wire, driven
 * from Java. It trusts any certificate, which is right only for the loopback servers of a test.
 */
public final class WsSipClient implements AutoCloseable {

  private final WebSocket socket;
  private final BlockingQueue<String> received;
  private final CompletableFuture<Integer> closed;

  private WsSipClient(WebSocket socket, BlockingQueue<String> received, CompletableFuture<Integer> closed) {
    this.socket = socket;
    this.received = received;
    this.closed = closed;
  }

  /** Opens {@code uri} offering subprotocol {@code sip} (when {@code subprotocol} is true) with that Origin. */
  public static WsSipClient connect(URI uri, String origin, boolean subprotocol) throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          received.add(partial.toString());
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
      }
    };
    HttpClient http = HttpClient.newBuilder().sslContext(WafTokenClient.trustAllSslContext()).connectTimeout(Duration.ofSeconds(10)).build();
    WebSocket.Builder builder = http.newWebSocketBuilder().header("Origin", origin);
    if (subprotocol) {
      builder.subprotocols("sip");
    }
    WebSocket ws = builder.buildAsync(uri, listener).get(15, TimeUnit.SECONDS);
    return new WsSipClient(ws, received, closed);
  }

  /** The subprotocol the server selected ("" when none). */
  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public void send(String text) throws Exception {
    socket.sendText(text, true).get(10, TimeUnit.SECONDS);
  }

  public void send(SipMessage message) throws Exception {
    send(message.encode());
  }

  /** The next SIP message received, waiting at most {@code seconds}; null if none came. */
  public SipMessage next(int seconds) throws InterruptedException, SipParseException {
    String text = received.poll(seconds, TimeUnit.SECONDS);
    return text == null ? null : SipParser.DEFAULT.parse(text);
  }

  public SipResponse nextResponse(int seconds) throws InterruptedException, SipParseException {
    SipMessage m = next(seconds);
    if (m == null) {
      throw new AssertionError("no SIP message within " + seconds + " s");
    }
    if (m.isRequest()) {
      throw new AssertionError("expected a response, got " + m.startLine());
    }
    return (SipResponse) m;
  }

  /** Sends {@code request} and returns the response to it, waiting at most 15 s. */
  public SipResponse nextResponseAfter(SipMessage request) throws Exception {
    send(request);
    return nextResponse(15);
  }

  /** The close code once the server closed the connection, waiting at most {@code seconds}. */
  public Integer awaitClose(int seconds) throws Exception {
    return closed.get(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
