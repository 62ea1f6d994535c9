package org.webims.epcscf.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature already verified, keyed by the SHA-256 of the token text and kept until
 * their {@code exp} (toolchain.md: a re-REGISTER with the same token costs no RS256 check). Holds
 * hashes, never tokens. Bounded: when full, expired entries go first; if none, new tokens are not
 * cached (they are still validated).
 */
final class VerdictCache {

  private final int maxEntries;
  private final ConcurrentHashMap<String, Verified> entries = new ConcurrentHashMap<>();

  VerdictCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  static String key(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  Verified get(String key, Instant now) {
    Verified c = entries.get(key);
    if (c != null && c.evictAt().isBefore(now)) {
      entries.remove(key, c);
      return null;
    }
    return c;
  }

  void put(String key, Verified claims, Instant now) {
    if (maxEntries == 0) {
      return;
    }
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(c -> c.evictAt().isBefore(now));
      if (entries.size() >= maxEntries) {
        return;
      }
    }
    entries.put(key, claims);
  }

  /**
   * A token whose signature and claims verified, as the claims the eP-CSCF uses and its {@code nbf} (null without),
   * not the whole claims set (issue 13: about 2 kB per flow); kept until {@code evictAt} (exp plus the clock skew).
   */
  record Verified(AccessToken token, Instant notBefore, Instant evictAt) {
  }

  int size() {
    return entries.size();
  }
}
