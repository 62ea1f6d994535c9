package org.webims.sip.server.transport;

import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.webims.sip.parser.ParseLimits;

/**
 * Everything a {@link SipServer} is limited by, fixed before it starts: its address and listeners
 * (UDP and TCP share one port; TLS, WS and WSS have their own), its event loops, and the limits that keep one
 * peer from costing the others (connections, idle time, connect time, message size).
 */
public final class SipServerConfig {

  /** The port of a listener that is off: {@link #tlsPort()}, {@link #wsPort()}, {@link #wssPort()}. */
  public static final int TLS_OFF = -1;

  private final String bindAddress;
  private final int port;
  private final boolean udp;
  private final boolean tcp;
  private final int tlsPort;
  private final KeyManagerFactory tlsKeys;
  private final TrustManagerFactory tlsTrust;
  private final int eventLoops;
  private final ParseLimits parseLimits;
  private final Duration idleTimeout;
  private final Duration connectTimeout;
  private final int maxConnections;
  private final String badResponseReason;
  private final int wsPort;
  private final int wssPort;
  private final KeyManagerFactory wssKeys;
  private final String webSocketPath;
  private final int webSocketMaxMessageSize;
  private final Duration webSocketHandshakeTimeout;
  private final int webSocketSendQueueLimit;

  private SipServerConfig(Builder b) {
    if (b.port < 0 || b.port > 65535) {
      throw new IllegalArgumentException("port out of range: " + b.port);
    }
    if (b.tlsPort != TLS_OFF && (b.tlsPort < 0 || b.tlsPort > 65535)) {
      throw new IllegalArgumentException("TLS port out of range: " + b.tlsPort);
    }
    if (b.tlsPort != TLS_OFF && b.tlsKeys == null) {
      throw new IllegalArgumentException("a TLS listener needs a key and certificate");
    }
    if (b.wsPort != TLS_OFF && (b.wsPort < 0 || b.wsPort > 65535)) {
      throw new IllegalArgumentException("WS port out of range: " + b.wsPort);
    }
    if (b.wssPort != TLS_OFF && (b.wssPort < 0 || b.wssPort > 65535)) {
      throw new IllegalArgumentException("WSS port out of range: " + b.wssPort);
    }
    if (b.wssPort != TLS_OFF && b.wssKeys == null) {
      throw new IllegalArgumentException("a WSS listener needs a key and certificate");
    }
    if (!b.udp && !b.tcp && b.tlsPort == TLS_OFF && b.wsPort == TLS_OFF && b.wssPort == TLS_OFF) {
      throw new IllegalArgumentException("at least one of UDP, TCP, TLS, WS and WSS must be on");
    }
    if (b.webSocketPath == null || !b.webSocketPath.startsWith("/")) {
      throw new IllegalArgumentException("webSocketPath must start with /");
    }
    if (b.webSocketMaxMessageSize < 1024 || b.webSocketMaxMessageSize > 16 << 20) {
      throw new IllegalArgumentException("webSocketMaxMessageSize must be between 1024 and 16777216 bytes");
    }
    if (b.webSocketHandshakeTimeout == null || b.webSocketHandshakeTimeout.isNegative()
        || b.webSocketHandshakeTimeout.isZero()) {
      throw new IllegalArgumentException("webSocketHandshakeTimeout must be positive");
    }
    if (b.webSocketSendQueueLimit < b.webSocketMaxMessageSize) {
      throw new IllegalArgumentException("webSocketSendQueueLimit must be at least webSocketMaxMessageSize");
    }
    if (b.eventLoops < 0) {
      throw new IllegalArgumentException("eventLoops must be 0 (one per core) or more");
    }
    if (b.maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive");
    }
    if (b.idleTimeout == null || b.idleTimeout.isNegative() || b.connectTimeout == null
        || b.connectTimeout.isNegative() || b.connectTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be 0 (never) or more, connectTimeout positive");
    }
    if (b.badResponseReason == null || b.badResponseReason.isBlank()) {
      throw new IllegalArgumentException("badResponseReason must not be empty");
    }
    if (b.bindAddress == null || b.bindAddress.isBlank() || b.parseLimits == null) {
      throw new IllegalArgumentException("bindAddress and parseLimits are required");
    }
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.udp = b.udp;
    this.tcp = b.tcp;
    this.tlsPort = b.tlsPort;
    this.tlsKeys = b.tlsKeys;
    this.tlsTrust = b.tlsTrust;
    this.eventLoops = b.eventLoops;
    this.parseLimits = b.parseLimits;
    this.idleTimeout = b.idleTimeout;
    this.connectTimeout = b.connectTimeout;
    this.maxConnections = b.maxConnections;
    this.badResponseReason = b.badResponseReason;
    this.wsPort = b.wsPort;
    this.wssPort = b.wssPort;
    this.wssKeys = b.wssKeys;
    this.webSocketPath = b.webSocketPath;
    this.webSocketMaxMessageSize = b.webSocketMaxMessageSize;
    this.webSocketHandshakeTimeout = b.webSocketHandshakeTimeout;
    this.webSocketSendQueueLimit = b.webSocketSendQueueLimit;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String bindAddress() {
    return bindAddress;
  }

  /** The UDP and TCP port; 0 picks a free one, the same for both. */
  public int port() {
    return port;
  }

  public boolean udp() {
    return udp;
  }

  public boolean tcp() {
    return tcp;
  }

  /** The TLS listener's port (0 picks a free one), or {@link #TLS_OFF}. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The TLS listener's key and certificate; null when TLS is off. */
  public KeyManagerFactory tlsKeys() {
    return tlsKeys;
  }

  /** Whom outgoing TLS connections trust; null for the JDK's default trust store. */
  public TrustManagerFactory tlsTrust() {
    return tlsTrust;
  }

  /** Event loop threads; 0 means one per core. */
  public int eventLoops() {
    return eventLoops;
  }

  /** The number of event loop threads this configuration gives on this machine. */
  public int eventLoopThreads() {
    return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
  }

  public ParseLimits parseLimits() {
    return parseLimits;
  }

  /** A connection with no traffic either way for this long is closed (peers reconnect on demand); 0 never. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** How long an outgoing TCP or TLS connect (the TLS handshake included) may take before it fails. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** TCP and TLS connections open at once, both directions; a connection beyond it is closed at once. */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * The reason phrase of the 502 that stands in for a response that arrived but cannot be used (too
   * large, malformed): its transaction fails with it, and no other (issue 12).
   */
  public String badResponseReason() {
    return badResponseReason;
  }

  /** The WS listener's port (0 picks a free one), or {@link #TLS_OFF} (the default). */
  public int wsPort() {
    return wsPort;
  }

  /** The WSS listener's port (0 picks a free one), or {@link #TLS_OFF} (the default). */
  public int wssPort() {
    return wssPort;
  }

  /** The WSS listener's key and certificate; null when WSS is off. */
  public KeyManagerFactory wssKeys() {
    return wssKeys;
  }

  /** The path WebSocket handshakes must ask for; another path is refused with 404. */
  public String webSocketPath() {
    return webSocketPath;
  }

  /** The largest WebSocket message, whole or in fragments; a larger one closes the connection with 1009. */
  public int webSocketMaxMessageSize() {
    return webSocketMaxMessageSize;
  }

  /** From accept to the 101, TLS included: a connection that has not upgraded by then is closed (EPC-02). */
  public Duration webSocketHandshakeTimeout() {
    return webSocketHandshakeTimeout;
  }

  /**
   * Bytes that may wait to be written to one WebSocket peer; a peer that lets more pile up (it stopped
   * reading) is disconnected.
   */
  public int webSocketSendQueueLimit() {
    return webSocketSendQueueLimit;
  }

  /**
   * Defaults: 127.0.0.1:5060, UDP and TCP, no TLS, one event loop per core, default parse limits
   * (64 kB), 10 min idle, 5 s connect, 10,000 connections, "Bad response from the next hop"; WS and WSS off, path {@code /}, 65,535-byte
   * WebSocket messages, 10 s handshake, 512 kB send queue per WebSocket peer.
   */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port = 5060;
    private boolean udp = true;
    private boolean tcp = true;
    private int tlsPort = TLS_OFF;
    private KeyManagerFactory tlsKeys;
    private TrustManagerFactory tlsTrust;
    private int eventLoops;
    private ParseLimits parseLimits = ParseLimits.DEFAULT;
    private Duration idleTimeout = Duration.ofMinutes(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private int maxConnections = 10_000;
    private String badResponseReason = "Bad response from the next hop";
    private int wsPort = TLS_OFF;
    private int wssPort = TLS_OFF;
    private KeyManagerFactory wssKeys;
    private String webSocketPath = "/";
    private int webSocketMaxMessageSize = 65_535;
    private Duration webSocketHandshakeTimeout = Duration.ofSeconds(10);
    private int webSocketSendQueueLimit = 524_288;

    private Builder() {
    }

    /** Turns the WS listener (RFC 7118, no TLS) on at {@code port}. */
    public Builder ws(int port) {
      wsPort = port;
      return this;
    }

    /** Turns the WSS listener on at {@code port} with {@code keys}. */
    public Builder wss(int port, KeyManagerFactory keys) {
      wssPort = port;
      wssKeys = keys;
      return this;
    }

    public Builder webSocketPath(String v) {
      webSocketPath = v;
      return this;
    }

    public Builder webSocketMaxMessageSize(int v) {
      webSocketMaxMessageSize = v;
      return this;
    }

    public Builder webSocketHandshakeTimeout(Duration v) {
      webSocketHandshakeTimeout = v;
      return this;
    }

    public Builder webSocketSendQueueLimit(int v) {
      webSocketSendQueueLimit = v;
      return this;
    }

    public Builder bindAddress(String v) {
      bindAddress = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder udp(boolean v) {
      udp = v;
      return this;
    }

    public Builder tcp(boolean v) {
      tcp = v;
      return this;
    }

    /** Turns the TLS listener on at {@code port} with {@code keys}. */
    public Builder tls(int port, KeyManagerFactory keys) {
      tlsPort = port;
      tlsKeys = keys;
      return this;
    }

    public Builder tlsTrust(TrustManagerFactory v) {
      tlsTrust = v;
      return this;
    }

    public Builder eventLoops(int v) {
      eventLoops = v;
      return this;
    }

    public Builder parseLimits(ParseLimits v) {
      parseLimits = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    public Builder badResponseReason(String v) {
      badResponseReason = v;
      return this;
    }

    public SipServerConfig build() {
      return new SipServerConfig(this);
    }
  }
}
