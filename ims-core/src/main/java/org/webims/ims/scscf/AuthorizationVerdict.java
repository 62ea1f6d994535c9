package org.webims.ims.scscf;

import org.webims.ims.hss.Subscriber;

/**
 * What {@link RegisterAuthorization} decided about a REGISTER: go ahead for a subscriber and one of
 * its public identities, or refuse with a status and reason phrase.
 */
public sealed interface AuthorizationVerdict {

  /** Registration may proceed: {@code impu} is the To identity as the HSS stores it. */
  record Authorized(Subscriber subscriber, String impu) implements AuthorizationVerdict {
  }

  /** Registration is refused with this final response. */
  record Refused(int status, String reason) implements AuthorizationVerdict {
  }
}
