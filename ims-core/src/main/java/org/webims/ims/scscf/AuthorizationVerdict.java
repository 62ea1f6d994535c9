package org.webims.ims.scscf;

import java.util.List;
import org.webims.ims.hss.Subscriber;
import org.webims.sip.auth.DigestChallenge;

/**
 * What {@link RegisterAuthorization} decided about a REGISTER: go ahead for a subscriber and one of
 * its public identities, challenge it, or refuse with a status and reason phrase.
 */
public sealed interface AuthorizationVerdict {

  /** Registration may proceed: {@code impu} is the To identity as the HSS stores it. */
  record Authorized(Subscriber subscriber, String impu) implements AuthorizationVerdict {
  }

  /**
   * Registration is refused with this final response; {@code retryAfterSeconds} above 0 says when trying again
   * can succeed (a Digest lockout), sent as Retry-After.
   */
  record Refused(int status, String reason, long retryAfterSeconds) implements AuthorizationVerdict {
    public Refused(int status, String reason) {
      this(status, reason, 0);
    }
  }

  /** SCS-01, SCS-02: answer 401 with one WWW-Authenticate per challenge, in this order. */
  record Challenged(List<DigestChallenge> challenges) implements AuthorizationVerdict {
    public Challenged {
      challenges = List.copyOf(challenges);
    }
  }
}
