package org.webims.epcscf.testing;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

/** A WIC-like WebSocket client (java.net.http) that trusts the test keystore and queues what it receives. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private volatile String closeReason;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  public static HttpClient httpClient(Path trustStore, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(trustStore.toFile())) {
      ks.load(in, password.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Opens a connection; {@code subprotocol} and {@code origin} may be null to leave them out. */
  public static WsClient connect(HttpClient http, URI uri, String subprotocol, String origin) throws Exception {
    WsClient client = new WsClient();
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (subprotocol != null) {
      b.subprotocols(subprotocol);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    client.socket = b.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
    return client;
  }

  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public void send(String text) throws Exception {
    socket.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  /** Sends one text message in as many WebSocket frames as there are {@code parts} (RFC 6455 §5.4 fragments). */
  public void sendInParts(String... parts) throws Exception {
    for (int i = 0; i < parts.length; i++) {
      socket.sendText(parts[i], i == parts.length - 1).get(5, TimeUnit.SECONDS);
    }
  }

  /** Sends {@code bytes} as one binary message (RFC 7118 §5.1 allows either kind). */
  public void sendBinary(byte[] bytes) throws Exception {
    socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).get(5, TimeUnit.SECONDS);
  }

  /** The close code, or null while the connection is open. */
  public Integer closeCodeNow() {
    return closeCode.isDone() && !closeCode.isCompletedExceptionally() ? closeCode.join() : null;
  }

  /** The next text message, or null after 10 s. */
  public String next() throws InterruptedException {
    return messages.poll(10, TimeUnit.SECONDS);
  }

  public SipResponse nextResponse() throws InterruptedException, SipParseException {
    String text = next();
    if (text == null) {
      throw new AssertionError("no message within 10 s");
    }
    return (SipResponse) SipParser.DEFAULT.parse(text);
  }

  public int awaitCloseCode() throws Exception {
    return closeCode.get(10, TimeUnit.SECONDS);
  }

  /** The reason of the server's close frame, after {@link #awaitCloseCode}. */
  public String closeReason() {
    return closeReason;
  }

  /** Waits up to {@code millis} for the server to close; true when it has. */
  public boolean awaitClosed(long millis) throws Exception {
    try {
      closeCode.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    synchronized (partial) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    closeCode.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }

  public void abort() {
    socket.abort();
  }
}
