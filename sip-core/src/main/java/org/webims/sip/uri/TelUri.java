package org.webims.sip.uri;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.SipChars;

/**
 * A TEL URI (RFC 3966 §3): a global number ({@code tel:+15551230001}) or a local number with a
 * {@code phone-context} parameter. IMS uses it as an IMPU (TS 23.003 §13.4).
 */
public final class TelUri implements Uri {

  private static final String PARAM_CHARS = "[]/:&+$";

  private final String number;
  private final Parameters parameters;

  private TelUri(String number, Parameters parameters) {
    this.number = number;
    this.parameters = parameters;
  }

  public static TelUri of(String number) throws SipParseException {
    return parse("tel:" + number);
  }

  public static TelUri parse(String text) throws SipParseException {
    if (text.length() < 5 || !SipChars.startsWithIgnoreCase(text, 0, "tel:")) {
      throw bad("not a tel URI");
    }
    int end = text.indexOf(';', 4);
    if (end < 0) {
      end = text.length();
    }
    String number = text.substring(4, end);
    boolean global = number.startsWith("+");
    int digits = 0;
    for (int i = global ? 1 : 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (SipChars.isDigit(c) || !global && (SipChars.isHexDigit(c) || c == '*' || c == '#')) {
        digits++;
      } else if (c != '-' && c != '.' && c != '(' && c != ')') {
        throw bad("invalid character in number");
      }
    }
    if (digits == 0) {
      throw bad("no digits in number");
    }
    List<String> pairs = new ArrayList<>(4);
    int pos = end;
    while (pos < text.length()) {
      int next = text.indexOf(';', pos + 1);
      if (next < 0) {
        next = text.length();
      }
      int eq = text.indexOf('=', pos + 1);
      int nameEnd = eq >= 0 && eq < next ? eq : next;
      String name = text.substring(pos + 1, nameEnd);
      if (!SipChars.isToken(name)) {
        throw bad("invalid parameter name");
      }
      String value = nameEnd == next ? null : text.substring(eq + 1, next);
      if (value != null) {
        checkValue(value);
      }
      pairs.add(name);
      pairs.add(value);
      pos = next;
    }
    Parameters params = Parameters.of(pairs);
    if (!global && !params.has("phone-context")) {
      throw bad("local number without phone-context");
    }
    return new TelUri(number, params);
  }

  private static void checkValue(String value) throws SipParseException {
    if (value.isEmpty()) {
      throw bad("empty parameter value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length() || !SipChars.isHexDigit(value.charAt(i + 1))
            || !SipChars.isHexDigit(value.charAt(i + 2))) {
          throw bad("invalid escape");
        }
        i += 2;
      } else if (!SipChars.isUnreserved(c) && PARAM_CHARS.indexOf(c) < 0) {
        throw bad("invalid character in parameter");
      }
    }
  }

  private static SipParseException bad(String detail) {
    return new SipParseException(ParseProblem.BAD_URI, "Bad URI: " + detail);
  }

  @Override
  public String scheme() {
    return "tel";
  }

  /** The number as written, visual separators included. */
  public String number() {
    return number;
  }

  public boolean isGlobal() {
    return number.startsWith("+");
  }

  public Parameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TelUri && ((TelUri) o).number.equals(number) && ((TelUri) o).parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return number.hashCode();
  }

  @Override
  public String toString() {
    return parameters.isEmpty() ? "tel:" + number : "tel:" + number + parameters;
  }
}
