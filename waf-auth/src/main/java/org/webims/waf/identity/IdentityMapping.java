package org.webims.waf.identity;

import java.util.Objects;

/** One stored mapping web identity -> IMS identity, as a list of them shows it (the WWSF's console). */
public record IdentityMapping(String webIdentity, ImsIdentity identity) {

  public IdentityMapping {
    Objects.requireNonNull(webIdentity, "webIdentity");
    Objects.requireNonNull(identity, "identity");
  }
}
