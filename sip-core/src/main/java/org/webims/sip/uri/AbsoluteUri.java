package org.webims.sip.uri;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.SipChars;

/** An absolute URI of a scheme SIP does not interpret (urn:, http:, mailto:, ...), kept as written. */
public final class AbsoluteUri implements Uri {

  private final String scheme;
  private final String text;

  private AbsoluteUri(String scheme, String text) {
    this.scheme = scheme;
    this.text = text;
  }

  public static AbsoluteUri parse(String text) throws SipParseException {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new SipParseException(ParseProblem.BAD_URI, "Bad URI: no scheme or no content");
    }
    Uri.checkScheme(text, colon);
    for (int i = colon + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == '<' || c == '>' || c == '"' || c >= 127) {
        throw new SipParseException(ParseProblem.BAD_URI, "Bad URI: invalid character");
      }
    }
    return new AbsoluteUri(SipChars.toLowerAscii(text.substring(0, colon)), text);
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AbsoluteUri && ((AbsoluteUri) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
