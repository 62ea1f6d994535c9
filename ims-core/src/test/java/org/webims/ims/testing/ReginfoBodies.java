package org.webims.ims.testing;

import org.webims.sip.reginfo.RegInfo;
import org.webims.sip.reginfo.RegInfoReader;
import org.webims.sip.reginfo.ReginfoException;

/** Reads a reg NOTIFY body with sip-core's reginfo reader, for assertions; a bad body fails the test. */
public final class ReginfoBodies {

  private ReginfoBodies() {
  }

  public static RegInfo read(byte[] body) {
    try {
      return RegInfoReader.read(body, RegInfoReader.DEFAULT_MAX_BYTES);
    } catch (ReginfoException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
