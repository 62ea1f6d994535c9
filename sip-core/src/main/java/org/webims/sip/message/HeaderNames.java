package org.webims.sip.message;

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
  public static final String RETRY_AFTER = "Retry-After";
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

  /** Known names bucketed by length, so a lookup compares only names of the right length. */
  private static final String[][] BY_LENGTH = new String[32][];
  /** The canonical name of each compact form, indexed by the lower-case letter. */
  private static final String[] COMPACT = new String[26];

  static {
    // One constant string (javac joins the constants), not an array: in wic.js each array element is a
    // string-pool entry and a load (docs/wic.md "Size"). Lookups compare names case-insensitively
    // (Header.is), never by identity, so a name need not be the constant's own instance.
    String names = ACCEPT + ",Accept-Encoding,Accept-Language,Alert-Info," + ALLOW
        + ",Allow-Events,Authentication-Info," + AUTHORIZATION + "," + CALL_ID + ",Call-Info," + CONTACT
        + ",Content-Disposition,Content-Encoding,Content-Language," + CONTENT_LENGTH + "," + CONTENT_TYPE + ","
        + CSEQ + "," + DATE + ",Error-Info," + EVENT + "," + EXPIRES + "," + FROM + ",In-Reply-To," + MAX_FORWARDS
        + ",MIME-Version," + MIN_EXPIRES + ",Organization," + PATH + ",Priority," + PROXY_AUTHENTICATE + ","
        + PROXY_AUTHORIZATION + "," + PROXY_REQUIRE + "," + RECORD_ROUTE + ",Reply-To," + REQUIRE + "," + RETRY_AFTER
        + "," + ROUTE + ",Server," + SERVICE_ROUTE + ",Subject," + SUBSCRIPTION_STATE + "," + SUPPORTED
        + ",Timestamp," + TO + "," + UNSUPPORTED + ",User-Agent," + VIA + ",Warning," + WWW_AUTHENTICATE
        + ",Refer-To,Referred-By,Session-Expires,Identity,Accept-Contact,Reject-Contact,Request-Disposition,Flow-Timer,"
        + P_ASSOCIATED_URI + "," + P_ASSERTED_IDENTITY + ",P-Preferred-Identity," + P_CHARGING_VECTOR + ","
        + P_CHARGING_FUNCTION_ADDRESSES + "," + P_VISITED_NETWORK_ID
        + ",P-Access-Network-Info,P-Called-Party-ID,Security-Client,Security-Server,Security-Verify";
    for (String n : SipChars.commaItems(names)) {
      String[] bucket = BY_LENGTH[n.length()];
      String[] grown = new String[bucket == null ? 1 : bucket.length + 1];
      if (bucket != null) {
        System.arraycopy(bucket, 0, grown, 0, bucket.length);
      }
      grown[grown.length - 1] = n;
      BY_LENGTH[n.length()] = grown;
    }
    String compact = "i" + CALL_ID + ",m" + CONTACT + ",eContent-Encoding,l" + CONTENT_LENGTH + ",c" + CONTENT_TYPE
        + ",f" + FROM + ",sSubject,k" + SUPPORTED + ",t" + TO + ",v" + VIA + ",o" + EVENT + ",uAllow-Events"
        + ",rRefer-To,bReferred-By,xSession-Expires,yIdentity,aAccept-Contact,jReject-Contact,dRequest-Disposition";
    for (String c : SipChars.commaItems(compact)) {
      COMPACT[c.charAt(0) - 'a'] = c.substring(1);
    }
  }

  private HeaderNames() {
  }

  /** The canonical spelling of a known name or compact form; an unknown name is returned as is. */
  public static String canonical(String name) {
    String known = known(name, 0, name.length());
    return known == null ? name : known;
  }

  /**
   * The canonical spelling of the name in {@code text[from, to)}, without allocating for a known
   * name (the parser's hot path); an unknown name is returned as written.
   */
  public static String canonical(String text, int from, int to) {
    String known = known(text, from, to);
    return known == null ? text.substring(from, to) : known;
  }

  private static String known(String text, int from, int to) {
    int length = to - from;
    if (length == 1) {
      char c = text.charAt(from);
      int i = (c >= 'A' && c <= 'Z' ? c + 32 : c) - 'a';
      return i >= 0 && i < 26 ? COMPACT[i] : null;
    }
    String[] bucket = length < BY_LENGTH.length ? BY_LENGTH[length] : null;
    if (bucket != null) {
      for (String known : bucket) {
        if (SipChars.startsWithIgnoreCase(text, from, known)) {
          return known;
        }
      }
    }
    return null;
  }
}
