package org.webims.e2e.support;

import java.security.SecureRandom;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.uri.SipUri;

/**
 * REGISTER requests shaped as the WIC sends them (WIC-05, 06, 07, 11, 12, 31, 40): Via over WSS
 * from an {@code .invalid} host with {@code rport}, Contact with {@code +sip.instance} and
 * {@code reg-id}, one Call-ID and rising CSeq per registration.
 */
public final class WicRegister {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String domain;
  private final String impu;
  private final String viaTransport;
  private final String host = random(12) + ".invalid";
  private final String contactUser = random(8);
  private final String instance = "<urn:uuid:" + java.util.UUID.randomUUID() + ">";
  private final String callId = random(22);
  private final String fromTag = random(6);
  private long cseq;

  public WicRegister(String domain, String impu) {
    this(domain, impu, "WSS");
  }

  /** As the WIC on a plain {@code ws://} connection when {@code viaTransport} is {@code WS}. */
  public WicRegister(String domain, String impu, String viaTransport) {
    this.domain = domain;
    this.impu = impu;
    this.viaTransport = viaTransport;
  }

  /** The next REGISTER; {@code authorization} is the whole header value, or null for none. */
  public SipRequest next(long expires, String authorization) {
    SipRequest.Builder b = SipRequest.builder(SipRequest.REGISTER, SipUri.of(null, domain))
        .header(HeaderNames.VIA, newVia())
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, "<" + impu + ">;tag=" + fromTag)
        .header(HeaderNames.TO, "<" + impu + ">")
        .header(HeaderNames.CALL_ID, callId)
        .header(HeaderNames.CSEQ, ++cseq + " REGISTER")
        .header(HeaderNames.CONTACT, "<sip:" + contactUser + "@" + host + ";transport=ws>;+sip.instance=\""
            + instance + "\";reg-id=1")
        .header(HeaderNames.EXPIRES, Long.toString(expires))
        .header(HeaderNames.SUPPORTED, "path, outbound");
    if (authorization != null) {
      b.header(HeaderNames.AUTHORIZATION, authorization);
    }
    return b.build();
  }

  /**
   * The WIC's own reg SUBSCRIBE (WIC-16) to its IMPU along {@code serviceRoute} (the Service-Route of
   * the 200), with a Call-ID and From tag of its own, Expires 600000 (the notifier shortens it).
   */
  public SipRequest regSubscribe(String serviceRoute) throws SipParseException {
    return SipRequest.builder(SipRequest.SUBSCRIBE, SipUri.parse(impu))
        .header(HeaderNames.VIA, newVia())
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.ROUTE, serviceRoute)
        .header(HeaderNames.FROM, "<" + impu + ">;tag=sub" + random(6))
        .header(HeaderNames.TO, "<" + impu + ">")
        .header(HeaderNames.CALL_ID, "sub-" + random(8) + "-" + callId)
        .header(HeaderNames.CSEQ, "1 SUBSCRIBE")
        .header(HeaderNames.CONTACT, "<" + contactUri() + ";transport=ws>")
        .header(HeaderNames.EVENT, "reg")
        .header(HeaderNames.ACCEPT, "application/reginfo+xml")
        .header(HeaderNames.EXPIRES, "600000")
        .build();
  }

  /** A Via for a new request of this client: its transport, its {@code .invalid} host, a new branch. */
  public String newVia() {
    return "SIP/2.0/" + viaTransport + " " + host + ";rport;branch=z9hG4bK" + random(10);
  }

  /** The Request-URI, which is also the Digest {@code uri} of an Authorization for these requests. */
  public String requestUri() {
    return SipUri.of(null, domain).toString();
  }

  /** The Contact URI (without parameters) these requests register. */
  public String contactUri() {
    return "sip:" + contactUser + "@" + host;
  }

  /** The {@code .invalid} host of this client's Via and Contact (RFC 7118 App. B). */
  public String contactHost() {
    return host;
  }

  public String callId() {
    return callId;
  }

  /** {@code n} random lower-case letters and digits. */
  static String random(int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
