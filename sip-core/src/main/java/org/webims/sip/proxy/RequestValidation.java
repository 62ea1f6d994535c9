package org.webims.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §16.3: the checks a proxy makes before it forwards a request, each answered with the
 * status the RFC names. Loop detection (step 4, 482) is not done: Max-Forwards bounds every loop,
 * and the RFC leaves the check optional.
 */
final class RequestValidation {

  private RequestValidation() {
  }

  /**
   * The error response for {@code request}, or null when it may be forwarded:
   * <ul>
   *   <li>step 1: a header the proxy relies on does not parse: 400 with the defect as reason;
   *   <li>step 2: a Request-URI scheme other than sip, sips or tel: 416;
   *   <li>step 3: Max-Forwards 0: 483 (OPTIONS too: the proxy does not answer for the domain);
   *   <li>step 5: a Proxy-Require tag not in {@code supported}: 420 listing it in Unsupported.
   * </ul>
   */
  static SipResponse check(SipRequest request, List<String> supported) {
    List<String> unknown;
    try {
      syntax(request);
      if (!isSupportedScheme(request.requestUri().scheme())) {
        return SipResponse.to(request, 416, "Unsupported URI Scheme").build();
      }
      if (request.maxForwards() == 0) {
        return SipResponse.to(request, 483, "Too Many Hops").build();
      }
      unknown = unsupported(request.optionTags(HeaderNames.PROXY_REQUIRE), supported);
    } catch (SipParseException e) {
      return SipResponse.to(request, 400, e.reason()).build();
    }
    if (unknown.isEmpty()) {
      return null;
    }
    SipResponse.Builder bad = SipResponse.to(request, 420, "Bad Extension");
    for (String tag : unknown) {
      bad.header(HeaderNames.UNSUPPORTED, tag);
    }
    return bad.build();
  }

  /** Step 1: only what forwarding and response matching read; the UAS checks the rest. */
  private static void syntax(SipRequest request) throws SipParseException {
    request.vias();
    request.from();
    request.to();
    request.callId();
    if (!request.cseq().method().equals(request.method())) {
      throw new SipParseException(ParseProblem.CSEQ_METHOD_MISMATCH, "Bad CSeq: method does not match request line");
    }
    request.routes();
    request.recordRoutes();
  }

  private static boolean isSupportedScheme(String scheme) {
    return "sip".equals(scheme) || "sips".equals(scheme) || "tel".equals(scheme);
  }

  private static List<String> unsupported(List<String> required, List<String> supported) {
    List<String> unknown = new ArrayList<>(0);
    for (String tag : required) {
      if (!supported.contains(tag)) {
        unknown.add(tag);
      }
    }
    return unknown;
  }
}
