package org.webims.sip.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerCredentials;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.header.Contact;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.parser.SipParser;

/**
 * Command-line checker for SIP messages: parses and validates each file (or standard input for
 * {@code -}) as sip-core does on the wire, and prints either what the registration headers say or
 * the status and reason a server would answer. Credentials are never printed: Bearer tokens are
 * shortened and Digest responses omitted. JVM only; the browser build never reaches this class.
 */
public final class SipCheck {

  private SipCheck() {
  }

  public static void main(String[] args) throws IOException {
    int bad = run(args, System.in, System.out);
    System.exit(bad == 0 ? 0 : 1);
  }

  /** Checks every named file; returns how many were rejected. */
  public static int run(String[] args, InputStream stdin, PrintStream out) throws IOException {
    if (args.length == 0) {
      out.println("usage: sipcheck <file.sip|-> ...   (one SIP message per file; - reads standard input)");
      return 1;
    }
    int bad = 0;
    for (String arg : args) {
      byte[] bytes = arg.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(arg));
      out.println("== " + arg);
      try {
        SipMessage m = SipParser.DEFAULT.parse(bytes, 0, bytes.length);
        m.validate();
        describe(m, out);
      } catch (SipParseException e) {
        bad++;
        out.println("REJECTED " + e.statusCode() + " " + e.reason() + "  [" + ParseProblem.name(e.problem()) + "]");
      }
    }
    return bad;
  }

  private static void describe(SipMessage m, PrintStream out) throws SipParseException {
    out.println("OK " + m.startLine());
    for (Via v : m.vias()) {
      out.println("  Via        " + v.transport() + " " + v.host() + (v.port() >= 0 ? ":" + v.port() : "")
          + " branch=" + v.branch() + (v.hasRport() ? " rport=" + (v.rport() < 0 ? "(asked)" : v.rport()) : "")
          + (v.received() != null ? " received=" + v.received() : ""));
    }
    out.println("  From       " + m.from().uri() + " tag=" + m.from().tag());
    out.println("  To         " + m.to().uri() + (m.to().tag() != null ? " tag=" + m.to().tag() : ""));
    out.println("  Call-ID    " + m.callId());
    out.println("  CSeq       " + m.cseq());
    if (m.expires() >= 0) {
      out.println("  Expires    " + m.expires());
    }
    for (Contact c : m.contacts()) {
      out.println("  Contact    " + (c.isWildcard() ? "*" : c.address().uri() + (c.expires() >= 0 ? " expires=" + c.expires() : "")
          + (c.instance() != null ? " +sip.instance=" + c.instance() : "") + (c.regId() >= 0 ? " reg-id=" + c.regId() : "")));
    }
    list(out, "Path", m.paths());
    list(out, "Service-Route", m.serviceRoutes());
    list(out, "P-Associated-URI", m.pAssociatedUris());
    for (String name : new String[] {HeaderNames.AUTHORIZATION, HeaderNames.PROXY_AUTHORIZATION}) {
      for (AuthValue v : m.authValues(name)) {
        out.println("  " + name + "  " + credentials(v));
      }
    }
    for (String name : new String[] {HeaderNames.WWW_AUTHENTICATE, HeaderNames.PROXY_AUTHENTICATE}) {
      for (AuthValue v : m.authValues(name)) {
        out.println("  " + name + "  " + (v.isScheme("Digest") ? DigestChallenge.from(v).toString() : v.toString()));
      }
    }
    if (m.bodyLength() > 0) {
      out.println("  Body       " + m.bodyLength() + " bytes " + (m.contentType() == null ? "" : m.contentType().mediaType()));
    }
  }

  private static String credentials(AuthValue v) throws SipParseException {
    if (v.isScheme("Bearer")) {
      return BearerCredentials.from(v).toString();
    }
    if (v.isScheme("Digest")) {
      DigestCredentials d = DigestCredentials.from(v);
      return "Digest username=" + d.username() + " realm=" + d.realm() + " algorithm=" + d.algorithm()
          + (d.hasResponse() ? " response=(present)" : " response=(empty)")
          + (d.integrityProtected() != null ? " integrity-protected=" + d.integrityProtected() : "");
    }
    return v.scheme() + " (unknown scheme)";
  }

  private static void list(PrintStream out, String name, List<?> values) {
    for (Object v : values) {
      out.println("  " + pad(name) + v);
    }
  }

  private static String pad(String name) {
    StringBuilder sb = new StringBuilder(name);
    while (sb.length() < 10) {
      sb.append(' ');
    }
    return sb.append(' ').toString();
  }
}
