package org.webims.sip.message;

import org.webims.sip.syntax.SipChars;

/** Reason phrases of the status codes this product sends (RFC 3261 §21 and extensions). */
public final class StatusCodes {

  /** The phrase of each code this product sends, indexed by code. */
  private static final String[] PHRASES = new String[700];

  static {
    // One constant string, not a switch: in wic.js a case is a jump and a string-pool load each
    // (docs/wic.md "Size"); the array lookup is as quick as the switch was.
    String table = "100Trying,200OK,202Accepted,400Bad Request,401Unauthorized,403Forbidden,404Not Found"
        + ",405Method Not Allowed,407Proxy Authentication Required,408Request Timeout,420Bad Extension"
        + ",421Extension Required,423Interval Too Brief,430Flow Failed,439First Hop Lacks Outbound Support"
        + ",481Call/Transaction Does Not Exist,482Loop Detected,483Too Many Hops,489Bad Event"
        + ",500Server Internal Error,501Not Implemented,503Service Unavailable,504Server Time-out"
        + ",505Version Not Supported,513Message Too Large";
    for (String entry : SipChars.commaItems(table)) {
      PHRASES[(entry.charAt(0) - '0') * 100 + (entry.charAt(1) - '0') * 10 + entry.charAt(2) - '0'] =
          entry.substring(3);
    }
  }

  private StatusCodes() {
  }

  public static String reasonPhrase(int code) {
    String phrase = code >= 100 && code < 700 ? PHRASES[code] : null;
    if (phrase != null) {
      return phrase;
    }
    return code < 200 ? "Provisional" : code < 300 ? "OK" : code < 400 ? "Redirect"
        : code < 500 ? "Request Failure" : code < 600 ? "Server Failure" : "Global Failure";
  }
}
