package org.webims.sip.message;

import java.util.HashMap;
import java.util.Map;
import org.webims.sip.syntax.SipChars;

/**
 * Header names in their canonical spelling, and the compact forms of RFC 3261 §7.3.3 and later
 * RFCs. Parsed messages store canonical names so lookups compare with one spelling.
 */
public final class HeaderNames {

  public static final String ACCEPT = "Accept";
  public static final String ALLOW = "Allow";
  public static final String AUTHORIZATION = "Authorization";
  public static final String CALL_ID = "Call-ID";
  public static final String CONTACT = "Contact";
  public static final String CONTENT_LENGTH = "Content-Length";
  public static final String CONTENT_TYPE = "Content-Type";
  public static final String CSEQ = "CSeq";
  public static final String DATE = "Date";
  public static final String EVENT = "Event";
  public static final String EXPIRES = "Expires";
  public static final String FROM = "From";
  public static final String MAX_FORWARDS = "Max-Forwards";
  public static final String MIN_EXPIRES = "Min-Expires";
  public static final String PATH = "Path";
  public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
  public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
  public static final String PROXY_REQUIRE = "Proxy-Require";
  public static final String RECORD_ROUTE = "Record-Route";
  public static final String REQUIRE = "Require";
  public static final String ROUTE = "Route";
  public static final String SERVICE_ROUTE = "Service-Route";
  public static final String SUBSCRIPTION_STATE = "Subscription-State";
  public static final String SUPPORTED = "Supported";
  public static final String TO = "To";
  public static final String UNSUPPORTED = "Unsupported";
  public static final String VIA = "Via";
  public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  public static final String P_ASSOCIATED_URI = "P-Associated-URI";
  public static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
  public static final String P_CHARGING_VECTOR = "P-Charging-Vector";
  public static final String P_CHARGING_FUNCTION_ADDRESSES = "P-Charging-Function-Addresses";
  public static final String P_VISITED_NETWORK_ID = "P-Visited-Network-ID";

  private static final Map<String, String> CANONICAL = new HashMap<>();

  static {
    String[] names = {ACCEPT, "Accept-Encoding", "Accept-Language", "Alert-Info", ALLOW, "Allow-Events",
        "Authentication-Info", AUTHORIZATION, CALL_ID, "Call-Info", CONTACT, "Content-Disposition",
        "Content-Encoding", "Content-Language", CONTENT_LENGTH, CONTENT_TYPE, CSEQ, DATE, "Error-Info", EVENT,
        EXPIRES, FROM, "In-Reply-To", MAX_FORWARDS, "MIME-Version", MIN_EXPIRES, "Organization", PATH,
        "Priority", PROXY_AUTHENTICATE, PROXY_AUTHORIZATION, PROXY_REQUIRE, RECORD_ROUTE, "Reply-To", REQUIRE,
        "Retry-After", ROUTE, "Server", SERVICE_ROUTE, "Subject", SUBSCRIPTION_STATE, SUPPORTED, "Timestamp", TO,
        UNSUPPORTED, "User-Agent", VIA, "Warning", WWW_AUTHENTICATE, "Refer-To", "Referred-By", "Session-Expires",
        "Identity", "Accept-Contact", "Reject-Contact", "Request-Disposition", "Flow-Timer",
        P_ASSOCIATED_URI, P_ASSERTED_IDENTITY, "P-Preferred-Identity", P_CHARGING_VECTOR,
        P_CHARGING_FUNCTION_ADDRESSES, P_VISITED_NETWORK_ID, "P-Access-Network-Info", "P-Called-Party-ID",
        "Security-Client", "Security-Server", "Security-Verify"};
    for (String n : names) {
      CANONICAL.put(n, n);
      CANONICAL.put(SipChars.toLowerAscii(n), n);
    }
    String[][] compact = {{"i", CALL_ID}, {"m", CONTACT}, {"e", "Content-Encoding"}, {"l", CONTENT_LENGTH},
        {"c", CONTENT_TYPE}, {"f", FROM}, {"s", "Subject"}, {"k", SUPPORTED}, {"t", TO}, {"v", VIA},
        {"o", EVENT}, {"u", "Allow-Events"}, {"r", "Refer-To"}, {"b", "Referred-By"}, {"x", "Session-Expires"},
        {"y", "Identity"}, {"a", "Accept-Contact"}, {"j", "Reject-Contact"}, {"d", "Request-Disposition"}};
    for (String[] pair : compact) {
      CANONICAL.put(pair[0], pair[1]);
      CANONICAL.put(pair[0].toUpperCase(), pair[1]);
    }
  }

  private HeaderNames() {
  }

  /** The canonical spelling of a known name or compact form; an unknown name is returned as is. */
  public static String canonical(String name) {
    String c = CANONICAL.get(name);
    if (c == null) {
      c = CANONICAL.get(SipChars.toLowerAscii(name));
    }
    return c == null ? name : c;
  }
}
