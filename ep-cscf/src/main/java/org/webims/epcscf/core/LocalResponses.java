package org.webims.epcscf.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** The eP-CSCF's own answers, toward a WIC or the core. */
public final class LocalResponses {

  private static final Logger log = LoggerFactory.getLogger(LocalResponses.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalResponses() {
  }

  /** A response generated here (RFC 3261 §8.2.6.2, §16.7): the To tag is added when missing. */
  public static SipResponse.Builder answer(SipRequest request, int status, String reason) {
    SipResponse.Builder b = SipResponse.to(request, status, reason);
    try {
      Address to = request.to();
      if (to.tag() == null) {
        byte[] tag = new byte[6];
        RANDOM.nextBytes(tag);
        b.setHeader(HeaderNames.TO, to.withTag("ep" + HexFormat.of().formatHex(tag)).toString());
      }
    } catch (SipParseException e) {
      log.debug("To not parsed, kept as received: {}", e.reason());
    }
    return b;
  }
}
