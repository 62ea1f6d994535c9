package org.webims.sip.header;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/** Content-Type (RFC 3261 §20.15): {@code type/subtype} with parameters. */
public final class ContentType {

  private final String type;
  private final String subtype;
  private final Parameters parameters;

  private ContentType(String type, String subtype, Parameters parameters) {
    this.type = type;
    this.subtype = subtype;
    this.parameters = parameters;
  }

  public static ContentType parse(String value) throws SipParseException {
    Scanner s = new Scanner(value, ParseProblem.BAD_HEADER, "Content-Type");
    s.skipWhitespace();
    String type = s.token();
    if (!s.consumeSeparator('/')) {
      throw s.error("expected '/'");
    }
    String subtype = s.token();
    return new ContentType(type, subtype, s.parameters(""));
  }

  public String type() {
    return type;
  }

  public String subtype() {
    return subtype;
  }

  /** {@code type/subtype} in lower case, for comparisons. */
  public String mediaType() {
    return SipChars.toLowerAscii(type + "/" + subtype);
  }

  public boolean is(String mediaType) {
    return SipChars.equalsIgnoreCase(type + "/" + subtype, mediaType);
  }

  public Parameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentType && ((ContentType) o).mediaType().equals(mediaType())
        && ((ContentType) o).parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return mediaType().hashCode();
  }

  @Override
  public String toString() {
    return type + "/" + subtype + parameters;
  }
}
