package org.webims.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems ({@code application/problem+json}) as every server writes them: a {@link ProblemDetail}
 * for controllers, or the JSON itself where no message converter runs (filters, security handlers, the
 * error controller; every member escaped, so an instance taken from the request is safe). The type is
 * always present, {@code about:blank} unless a problem has its own: the status says it all
 * (RFC 9457 §4.2.1).
 */
public final class Rfc9457Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static final URI ABOUT_BLANK = URI.create("about:blank");

  private Rfc9457Problem() {
  }

  /** A problem for a controller to return, its type set (Spring leaves it out otherwise). */
  public static ProblemDetail of(HttpStatusCode status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(ABOUT_BLANK);
    return problem;
  }

  /** The problem's JSON; {@code instance} may be null. */
  public static String json(int status, String title, String detail, String instance) {
    StringBuilder json = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":");
    quote(json, title).append(",\"status\":").append(status).append(",\"detail\":");
    quote(json, detail);
    if (instance != null) {
      quote(json.append(",\"instance\":"), instance);
    }
    return json.append('}').toString();
  }

  /** The fixed detail of an error {@code status} (never an exception's message); {@code method} names the request's. */
  public static String detail(HttpStatus status, String method) {
    return switch (status) {
      case BAD_REQUEST -> "The request is malformed.";
      case UNAUTHORIZED -> "Authentication is required.";
      case FORBIDDEN -> "Access to this resource is denied.";
      case NOT_FOUND -> "There is no resource at this path.";
      case METHOD_NOT_ALLOWED -> method + " is not allowed here; the Allow header lists the methods that are.";
      case NOT_ACCEPTABLE -> "None of the media types the Accept header lists can be produced.";
      case PAYLOAD_TOO_LARGE -> "The request body is too large.";
      case UNSUPPORTED_MEDIA_TYPE -> "The media type of the request body is not supported here.";
      case INTERNAL_SERVER_ERROR -> "The server could not complete the request.";
      default -> status.getReasonPhrase() + ".";
    };
  }

  /** Sets the status and media type of {@code response} and writes the problem as its body. */
  public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.getOutputStream().write(json(status, title, detail, instance).getBytes(StandardCharsets.UTF_8));
  }

  private static StringBuilder quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) && !isPaired(text, i)) {
        // Control characters escaped; a lone surrogate (no UTF-8 form) becomes U+FFFD.
        out.append(String.format("\\u%04x", Character.isSurrogate(c) ? 0xFFFD : (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"');
  }

  private static boolean isPaired(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
