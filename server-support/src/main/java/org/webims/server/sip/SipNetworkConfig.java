package org.webims.server.sip;

import java.time.Duration;
import org.webims.sip.parser.ParseLimits;

/** The sockets of a {@link SipNetwork}: one address and port for both UDP and TCP (RFC 3261 §18). */
public final class SipNetworkConfig {

  private final String bindAddress;
  private final int port;
  private final boolean udp;
  private final boolean tcp;
  private final ParseLimits parseLimits;
  private final Duration tcpIdleTimeout;
  private final Duration connectTimeout;
  private final int maxTcpConnections;
  private final String badResponseReason;

  private SipNetworkConfig(Builder b) {
    if (b.port < 0 || b.port > 65535) {
      throw new IllegalArgumentException("port out of range: " + b.port);
    }
    if (!b.udp && !b.tcp) {
      throw new IllegalArgumentException("at least one of UDP and TCP must be on");
    }
    if (b.maxTcpConnections < 1) {
      throw new IllegalArgumentException("maxTcpConnections must be positive");
    }
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.udp = b.udp;
    this.tcp = b.tcp;
    this.parseLimits = b.parseLimits;
    this.tcpIdleTimeout = b.tcpIdleTimeout;
    this.connectTimeout = b.connectTimeout;
    this.maxTcpConnections = b.maxTcpConnections;
    if (b.badResponseReason == null || b.badResponseReason.isBlank()) {
      throw new IllegalArgumentException("badResponseReason must not be empty");
    }
    this.badResponseReason = b.badResponseReason;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String bindAddress() {
    return bindAddress;
  }

  /** 0 picks a free port, the same for UDP and TCP. */
  public int port() {
    return port;
  }

  public boolean udp() {
    return udp;
  }

  public boolean tcp() {
    return tcp;
  }

  public ParseLimits parseLimits() {
    return parseLimits;
  }

  /** A TCP connection with no traffic for this long is closed (peers reconnect on demand). */
  public Duration tcpIdleTimeout() {
    return tcpIdleTimeout;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public int maxTcpConnections() {
    return maxTcpConnections;
  }

  /**
   * The reason phrase of the 502 that stands in for a response that arrived but cannot be used (too
   * large, malformed): its transaction fails with it, and no other (issue 12).
   */
  public String badResponseReason() {
    return badResponseReason;
  }

  /**
   * Defaults: 127.0.0.1:5060, UDP and TCP, default parse limits, 10 min idle, 5 s connect, 10,000 connections,
   * "Bad response from the next hop".
   */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port = 5060;
    private boolean udp = true;
    private boolean tcp = true;
    private ParseLimits parseLimits = ParseLimits.DEFAULT;
    private Duration tcpIdleTimeout = Duration.ofMinutes(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private int maxTcpConnections = 10_000;
    private String badResponseReason = "Bad response from the next hop";

    private Builder() {
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

    public Builder parseLimits(ParseLimits v) {
      parseLimits = v;
      return this;
    }

    public Builder tcpIdleTimeout(Duration v) {
      tcpIdleTimeout = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder maxTcpConnections(int v) {
      maxTcpConnections = v;
      return this;
    }

    public Builder badResponseReason(String v) {
      badResponseReason = v;
      return this;
    }

    public SipNetworkConfig build() {
      return new SipNetworkConfig(this);
    }
  }
}
