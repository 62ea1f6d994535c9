package org.webims.waf.provisioning;

import org.webims.sip.SipParseException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.TelUri;
import org.webims.sip.uri.Uri;

/**
 * Checks of the IMS identities an operator types (issue 6): an IMPU is a SIP URI with a user part or a TEL URI
 * (TS 23.003 13.4), parsed with sip-core's URI parser; an IMPI is a NAI {@code user@realm} (TS 23.003 13.3).
 */
public final class ImsIdentifiers {

  /** Longest identity the tables hold. */
  public static final int MAX_LENGTH = 255;

  private ImsIdentifiers() {
  }

  /** The reason {@code impu} is no valid IMPU, or null when it is one. */
  public static String impuProblem(String impu) {
    if (impu == null || impu.isBlank()) {
      return "required";
    }
    if (impu.length() > MAX_LENGTH) {
      return "at most " + MAX_LENGTH + " characters";
    }
    try {
      Uri uri = Uri.parse(impu);
      if (uri instanceof SipUri sip) {
        return sip.user() == null ? "a SIP URI IMPU needs a user part, e.g. sip:alice@ims.example.net" : null;
      }
      if (uri instanceof TelUri) {
        return null;
      }
      return "not a SIP or TEL URI (e.g. sip:alice@ims.example.net or tel:+15551230001)";
    } catch (SipParseException e) {
      return "not a valid SIP or TEL URI: " + e.getMessage();
    }
  }

  /** The reason {@code impi} is no valid IMPI, or null when it is one. */
  public static String impiProblem(String impi) {
    if (impi == null || impi.isBlank()) {
      return "required";
    }
    if (impi.length() > MAX_LENGTH) {
      return "at most " + MAX_LENGTH + " characters";
    }
    int at = impi.indexOf('@');
    if (at <= 0 || at != impi.lastIndexOf('@') || at == impi.length() - 1) {
      return "an IMPI has the form user@realm, e.g. alice_private@ims.example.net";
    }
    for (int i = 0; i < impi.length(); i++) {
      char c = impi.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';') {
        return "an IMPI must not contain spaces or the characters < > \" , ;";
      }
    }
    return null;
  }

  /** Adds a field error for {@code field} when {@code impu} is no valid IMPU. */
  public static void checkImpu(FieldErrors errors, String field, String impu) {
    String problem = impuProblem(impu);
    if (problem != null) {
      errors.add(field, problem);
    }
  }

  /** Adds a field error for {@code field} when {@code impi} is no valid IMPI. */
  public static void checkImpi(FieldErrors errors, String field, String impi) {
    String problem = impiProblem(impi);
    if (problem != null) {
      errors.add(field, problem);
    }
  }
}
