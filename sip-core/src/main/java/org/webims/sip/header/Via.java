package org.webims.sip.header;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/**
 * One Via value (RFC 3261 §20.42): sent-protocol, sent-by and parameters, among them
 * {@code branch}, {@code received} and {@code rport} (RFC 3581 §3; present with or without a
 * value). Transports include {@code WS} and {@code WSS} (RFC 7118 §5.2).
 */
public final class Via {

  /** RFC 3261 §8.1.1.7: a branch starting with this cookie was made by an RFC 3261 element. */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  private final String protocol;
  private final String transport;
  private final String host;
  private final int port;
  private final Parameters parameters;

  private Via(String protocol, String transport, String host, int port, Parameters parameters) {
    this.protocol = protocol;
    this.transport = transport;
    this.host = host;
    this.port = port;
    this.parameters = parameters;
  }

  /** A {@code SIP/2.0/<transport>} Via with a branch. */
  public static Via of(String transport, String host, int port, String branch) {
    return new Via("SIP/2.0", transport, host, port, Parameters.EMPTY.with("branch", branch));
  }

  public static Via parse(String value) throws SipParseException {
    Scanner s = new Scanner(value, ParseProblem.BAD_HEADER, "Via");
    s.skipWhitespace();
    String name = s.token();
    if (!s.consumeSeparator('/')) {
      throw s.error("expected '/'");
    }
    String version = s.token();
    if (!s.consumeSeparator('/')) {
      throw s.error("expected '/'");
    }
    String transport = s.token();
    int mark = s.position();
    s.skipWhitespace();
    if (s.position() == mark) {
      throw s.error("expected whitespace before sent-by");
    }
    String host;
    if (s.peek() == '[') {
      host = s.paramValue();
    } else {
      host = s.until(":;,");
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (!(SipChars.isAlpha(c) || SipChars.isDigit(c) || c == '-' || c == '.')) {
          throw s.error("invalid host");
        }
      }
      if (host.isEmpty()) {
        throw s.error("empty host");
      }
    }
    int port = -1;
    if (s.consumeSeparator(':')) {
      int start = s.position();
      String digits = s.until(";,");
      if (digits.isEmpty()) {
        s.position(start);
        throw s.error("invalid port");
      }
      port = (int) SipChars.parseDecimal(digits, 65535, "Via port");
    }
    Parameters params = s.parameters("");
    String rport = params.get("rport");
    if (rport != null) {
      SipChars.parseDecimal(rport, 65535, "Via rport");
    }
    String ttl = params.get("ttl");
    if (ttl != null) {
      SipChars.parseDecimal(ttl, 255, "Via ttl");
    }
    if (params.has("branch") && params.get("branch") == null) {
      throw s.error("branch without value");
    }
    String protocol = name.length() == 3 && version.length() == 3 && SipChars.equalsIgnoreCase(name, "SIP")
        && version.equals("2.0") ? "SIP/2.0" : name + "/" + version;
    return new Via(protocol, transport, host, port, params);
  }

  /** Parses a Via header value, which may hold several comma-separated values. */
  public static List<Via> parseList(String value) throws SipParseException {
    List<String> parts = Scanner.splitList(value, ParseProblem.BAD_HEADER, "Via");
    List<Via> list = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      list.add(parse(parts.get(i)));
    }
    return list;
  }

  /** {@code SIP/2.0}. */
  public String protocol() {
    return protocol;
  }

  /** The transport as written, for example {@code WSS}, {@code UDP}. */
  public String transport() {
    return transport;
  }

  public String host() {
    return host;
  }

  /** The sent-by port, or -1 when absent. */
  public int port() {
    return port;
  }

  public Parameters parameters() {
    return parameters;
  }

  public String branch() {
    return parameters.get("branch");
  }

  /** The {@code received} parameter (RFC 3261 §18.2.1), or null. */
  public String received() {
    return parameters.get("received");
  }

  /** True when {@code rport} is present, with or without a value (RFC 3581 §3). */
  public boolean hasRport() {
    return parameters.has("rport");
  }

  /** The {@code rport} value, or -1 when absent or empty. */
  public int rport() {
    String r = parameters.get("rport");
    return r == null ? -1 : Integer.parseInt(r);
  }

  /** True when the transport is reliable (everything but UDP). */
  public boolean isReliable() {
    return !SipChars.equalsIgnoreCase(transport, "UDP");
  }

  public Via withParameter(String name, String value) {
    return new Via(protocol, transport, host, port, parameters.with(name, value));
  }

  /** What a server does on receipt (RFC 3261 §18.2.1 and RFC 3581 §4). */
  public Via withReceived(String address) {
    return withParameter("received", address);
  }

  public Via withRport(int sourcePort) {
    return withParameter("rport", Integer.toString(sourcePort));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Via)) {
      return false;
    }
    Via v = (Via) o;
    return port == v.port && protocol.equals(v.protocol) && SipChars.equalsIgnoreCase(transport, v.transport)
        && SipChars.equalsIgnoreCase(host, v.host) && parameters.equals(v.parameters);
  }

  @Override
  public int hashCode() {
    return host.hashCode() * 31 + parameters.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(80);
    sb.append(protocol).append('/').append(transport).append(' ').append(host);
    if (port >= 0) {
      sb.append(':').append(port);
    }
    parameters.appendTo(sb);
    return sb.toString();
  }
}
