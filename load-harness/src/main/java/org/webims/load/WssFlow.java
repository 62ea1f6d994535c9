package org.webims.load;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/**
 * One WIC's WSS connection: builds its REGISTERs as the WIC does (RFC 7118 Via and Contact with an
 * {@code .invalid} host, {@code +sip.instance}, {@code reg-id}, one Call-ID, growing CSeq), with a Bearer token or,
 * in Digest mode, the answer to the last challenge with a growing {@code nc}. One REGISTER at a time.
 */
final class WssFlow {

  static final String DIGEST_PASSWORD = "load-webrtc-pw";
  static final int EXPIRES = 3600;

  private final Identity identity;
  private final String domain;
  private final String host;
  private final String callId;
  private final String instance;
  private volatile long cseq;
  private volatile Channel channel;
  private DigestChallenge challenge;
  private DigestAlgorithm algorithm;
  private long nc;

  WssFlow(Identity identity, String domain) {
    this.identity = identity;
    this.domain = domain;
    this.host = "f" + identity.index() + ".invalid";
    this.callId = "load-" + identity.index() + "-" + Long.toHexString(System.nanoTime());
    this.instance = String.format("<urn:uuid:00000000-0000-4000-8000-%012d>", identity.index());
  }

  Identity identity() {
    return identity;
  }

  void attach(Channel ch) {
    this.channel = ch;
  }

  /** Closes the connection, if it has one. */
  void close() {
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  boolean isOpen() {
    Channel ch = channel;
    return ch != null && ch.isActive();
  }

  /** Sends the next REGISTER; the caller makes sure none is outstanding. */
  /** An RFC 5626 keep-alive as the WIC sends it (a message of CRLFs; the eP-CSCF answers one CRLF). */
  void sendKeepAlive() {
    channel.writeAndFlush(new TextWebSocketFrame("\r\n\r\n"));
  }

  void sendRegister() {
    String text = register();
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  /** Whether {@code response} answers the last REGISTER sent (its CSeq number). */
  boolean answers(SipResponse response) {
    String cseq = response.header(HeaderNames.CSEQ);
    int space = cseq == null ? -1 : cseq.indexOf(' ');
    return space > 0 && cseq.substring(0, space).trim().equals(Long.toString(this.cseq));
  }

  /** Remembers the Digest challenge of a 401 so that the next REGISTER answers it; false if it has none. */
  boolean takeChallenge(SipResponse unauthorized) {
    try {
      for (String line : unauthorized.headerLines(HeaderNames.WWW_AUTHENTICATE)) {
        for (AuthValue value : AuthValue.parseList(line, HeaderNames.WWW_AUTHENTICATE)) {
          if (value.isScheme("Digest")) {
            DigestChallenge c = DigestChallenge.from(value);
            DigestAlgorithm a = DigestAlgorithm.fromToken(c.algorithm());
            if (a != null) {
              challenge = c;
              algorithm = a;
              nc = 0;
              return true;
            }
          }
        }
      }
    } catch (SipParseException e) {
      return false;
    }
    return false;
  }

  String register() {
    String requestUri = "sip:" + domain;
    StringBuilder b = new StringBuilder(identity.token() == null ? 700 : 1400);
    b.append("REGISTER ").append(requestUri).append(" SIP/2.0\r\n")
        .append("Via: SIP/2.0/WSS ").append(host).append(";rport;branch=z9hG4bK").append(identity.index())
        .append('x').append(++cseq).append("\r\n")
        .append("Max-Forwards: 70\r\n")
        .append("From: <").append(identity.impu()).append(">;tag=t").append(identity.index()).append("\r\n")
        .append("To: <").append(identity.impu()).append(">\r\n")
        .append("Call-ID: ").append(callId).append("\r\n")
        .append("CSeq: ").append(cseq).append(" REGISTER\r\n")
        .append("Contact: <sip:c").append(identity.index()).append('@').append(host)
        .append(";transport=ws>;+sip.instance=\"").append(instance).append("\";reg-id=1\r\n")
        .append("Expires: ").append(EXPIRES).append("\r\n")
        .append("Supported: path, outbound\r\n");
    if (identity.token() != null) {
      b.append("Authorization: Bearer ").append(identity.token()).append("\r\n");
    } else if (challenge != null) {
      String ncValue = Rfc7616Response.formatNc(++nc);
      String cnonce = Long.toHexString(cseq * 7919 + identity.index());
      String response = Rfc7616Response.compute(algorithm, identity.impi(), challenge.realm(), DIGEST_PASSWORD,
          "REGISTER", requestUri, challenge.nonce(), ncValue, cnonce, Rfc7616Response.QOP_AUTH, null);
      b.append("Authorization: ").append(DigestCredentials.builder().username(identity.impi())
          .realm(challenge.realm()).nonce(challenge.nonce()).uri(requestUri).response(response)
          .algorithm(algorithm.token()).cnonce(cnonce).opaque(challenge.opaque()).qop(Rfc7616Response.QOP_AUTH)
          .nc(ncValue).build()).append("\r\n");
    } else {
      // The WIC's first Digest REGISTER (WIC-20): empty credentials naming the IMPI, which the eP-CSCF passes on.
      b.append("Authorization: Digest username=\"").append(identity.impi()).append("\", realm=\"").append(domain)
          .append("\", uri=\"").append(requestUri).append("\", nonce=\"\", response=\"\"\r\n");
    }
    b.append("Content-Length: 0\r\n\r\n");
    return b.toString();
  }
}
