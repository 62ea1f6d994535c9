package org.webims.sip.syntax;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;

/**
 * A cursor over one header value (already unfolded, so LWS is SP or HTAB only). The header views
 * are hand-written recursive-descent parsers on top of it.
 */
public final class Scanner {

  private final String text;
  private final int end;
  private final int problem;
  private final String what;
  private int pos;

  /**
   * @param problem the kind reported for a syntax error in this value
   * @param what the name used in reasons, for example {@code "Via"}
   */
  public Scanner(String text, int problem, String what) {
    this(text, 0, text.length(), problem, what);
  }

  public Scanner(String text, int from, int to, int problem, String what) {
    this.text = text;
    this.pos = from;
    this.end = to;
    this.problem = problem;
    this.what = what;
  }

  public boolean atEnd() {
    return pos >= end;
  }

  public int position() {
    return pos;
  }

  public void position(int newPosition) {
    pos = newPosition;
  }

  public String text() {
    return text;
  }

  /** The next character, or 0 at the end. */
  public char peek() {
    return pos < end ? text.charAt(pos) : 0;
  }

  public char next() {
    return text.charAt(pos++);
  }

  public void skipWhitespace() {
    while (pos < end && SipChars.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Consumes {@code c}, with optional whitespace around it; false (and nothing consumed) if absent. */
  public boolean consumeSeparator(char c) {
    int mark = pos;
    skipWhitespace();
    if (pos < end && text.charAt(pos) == c) {
      pos++;
      skipWhitespace();
      return true;
    }
    pos = mark;
    return false;
  }

  public boolean consume(char c) {
    if (pos < end && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  public void expect(char c) throws SipParseException {
    if (!consume(c)) {
      throw error("expected '" + c + "'");
    }
  }

  public String token() throws SipParseException {
    int start = pos;
    while (pos < end && SipChars.isToken(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a token");
    }
    return text.substring(start, pos);
  }

  /** Reads characters up to (not including) the first of {@code stops} or whitespace. */
  public String until(String stops) {
    int start = pos;
    while (pos < end) {
      char c = text.charAt(pos);
      if (SipChars.isWhitespace(c) || stops.indexOf(c) >= 0) {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  /** Reads a quoted-string and returns it as written, quotes and escapes included. */
  public String quotedStringRaw() throws SipParseException {
    int start = pos;
    skipQuotedString();
    return text.substring(start, pos);
  }

  /** Reads a quoted-string and returns its content with quoted-pairs resolved. */
  public String quotedString() throws SipParseException {
    int start = pos;
    skipQuotedString();
    return Quoting.unquote(text.substring(start, pos));
  }

  private void skipQuotedString() throws SipParseException {
    expect('"');
    while (pos < end) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return;
      }
      if (c == '\\') {
        if (pos >= end) {
          break;
        }
        pos++;
      }
    }
    throw new SipParseException(ParseProblem.UNTERMINATED_QUOTE, "Bad " + what + ": unterminated quoted string");
  }

  /**
   * Reads a param value: token, quoted-string (kept raw), an IPv6 reference, or a bare IPv6 address
   * as {@code received} carries one (RFC 3261 §20.42: {@code received = IPv4address / IPv6address}).
   */
  public String paramValue() throws SipParseException {
    char c = peek();
    if (c == '"') {
      return quotedStringRaw();
    }
    if (c == '[') {
      int start = pos;
      while (pos < end && text.charAt(pos) != ']') {
        pos++;
      }
      expect(']');
      return text.substring(start, pos);
    }
    int start = pos;
    while (pos < end && (SipChars.isToken(text.charAt(pos)) || text.charAt(pos) == ':')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a token");
    }
    return text.substring(start, pos);
  }

  /** Parses {@code *( SEMI generic-param )} until the end or one of {@code stops}. */
  public Parameters parameters(String stops) throws SipParseException {
    List<String> pairs = null;
    while (true) {
      int mark = pos;
      skipWhitespace();
      if (!consume(';')) {
        pos = mark;
        break;
      }
      skipWhitespace();
      String name = token();
      String value = null;
      if (consumeSeparator('=')) {
        value = paramValue();
      }
      if (pairs == null) {
        pairs = new ArrayList<>(4);
      }
      pairs.add(name);
      pairs.add(value);
    }
    skipWhitespace();
    if (pos < end && stops.indexOf(text.charAt(pos)) < 0) {
      throw unexpected();
    }
    return pairs == null ? Parameters.EMPTY : Parameters.of(pairs);
  }

  public void expectEnd() throws SipParseException {
    skipWhitespace();
    if (pos < end) {
      throw unexpected();
    }
  }

  /** The character at the cursor, a surrogate pair whole, quoted in the reason. */
  private SipParseException unexpected() {
    int n = (text.charAt(pos) & 0xFC00) == 0xD800 && pos + 1 < end ? 2 : 1;
    return error("unexpected '" + text.substring(pos, pos + n) + "'");
  }

  public SipParseException error(String detail) {
    return new SipParseException(problem, "Bad " + what + ": " + detail);
  }

  /**
   * Splits a header value at commas outside quoted strings and angle brackets (RFC 3261 §7.3.1),
   * trimming each element. An empty element is an error.
   */
  public static List<String> splitList(String value, int problem, String what) throws SipParseException {
    List<String> parts = new ArrayList<>(2);
    int start = 0;
    boolean quoted = false;
    boolean angle = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angle = true;
      } else if (c == '>') {
        angle = false;
      } else if (c == ',' && !angle) {
        parts.add(element(value, start, i, problem, what));
        start = i + 1;
      }
    }
    if (quoted) {
      throw new SipParseException(ParseProblem.UNTERMINATED_QUOTE, "Bad " + what + ": unterminated quoted string");
    }
    parts.add(element(value, start, value.length(), problem, what));
    return parts;
  }

  private static String element(String value, int from, int to, int problem, String what)
      throws SipParseException {
    String part = SipChars.trim(value.substring(from, to));
    if (part.isEmpty()) {
      throw new SipParseException(problem, "Bad " + what + ": empty list element");
    }
    return part;
  }
}
