package org.webims.ims.scscf;

import java.util.concurrent.ThreadLocalRandom;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** Final responses of the S-CSCF as a UAS (RFC 3261 §8.2.6). */
final class ScscfResponses {

  private ScscfResponses() {
  }

  /**
   * A response to {@code request} with a To tag added when the request had none (RFC 3261
   * §8.2.6.2); a null reason takes the standard phrase.
   */
  static SipResponse.Builder to(SipRequest request, int status, String reason) throws SipParseException {
    return SipResponse.to(request, status, reason, tag());
  }

  /** 64 random bits in hex: a tag only needs to be unique (RFC 3261 §19.3). */
  private static String tag() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }
}
