package org.webims.wic.browser;

import org.webims.sip.digest.HashFunction;
import org.webims.sip.digest.HashFunctions;
import org.webims.sip.digest.Md5;
import org.webims.sip.digest.Sha256;

/**
 * sip-core's {@code org.webims.sip.digest.HashFunctions} in {@code wic.js} ({@link BrowserSubstitutions}): MD5
 * and SHA-256 only. The browser's WIC answers Digest with these (WIC-23: it skips a SHA-512-256 challenge and
 * answers the next one); SHA-512/256 stays in sip-core for the servers, and leaving it out of wic.js keeps the
 * file within issue 14's 40,000 bytes (docs/wic.md "Size"). RFC 8760 does not require a client to implement it.
 */
public final class BrowserHashFunctions {

  private BrowserHashFunctions() {
  }

  /** MD5 or SHA-256 as {@code HashFunctions.of}; null for SHA-512/256, which wic.js does not have. */
  public static HashFunction of(int hash) {
    switch (hash) {
      case HashFunctions.MD5:
        return new Md5();
      case HashFunctions.SHA_256:
        return new Sha256();
      default:
        return null;
    }
  }
}
