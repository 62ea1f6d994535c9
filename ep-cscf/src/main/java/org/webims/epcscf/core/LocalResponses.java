package org.webims.epcscf.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** The eP-CSCF's own answers, toward a WIC or the core. */
public final class LocalResponses {

  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalResponses() {
  }

  /** A response generated here (RFC 3261 §8.2.6.2, §16.7): the To tag is added when missing. */
  public static SipResponse.Builder answer(SipRequest request, int status, String reason) {
    byte[] tag = new byte[6];
    RANDOM.nextBytes(tag);
    return SipResponse.to(request, status, reason, "ep" + HexFormat.of().formatHex(tag));
  }
}
