package org.webims.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error path of every server ({@code server.error.path}, {@code /error}), in place of Spring Boot's
 * default body: an RFC 9457 problem with type, title, status and detail for every status the container
 * or Spring MVC sends there (404 unknown path, 405 wrong method with its {@code Allow} header, 406, 415,
 * 500 ...), whatever the client accepts; for a browser (it accepts {@code text/html} by name) the
 * application's own error page when it has one. A request for the error path itself is 404: there is no
 * resource there (Boot answered 500 with {@code "status":999}). Details are fixed texts, never an
 * exception's message.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
public class ProblemErrorController implements ErrorController {

  private final String htmlView;

  /** @param htmlView the view a browser gets (its model has {@code status} and {@code error}), or null for none */
  public ProblemErrorController(String htmlView) {
    this.htmlView = htmlView;
  }

  @RequestMapping
  public ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpStatus status = status(request);
    if (htmlView != null && acceptsHtmlByName(request.getHeader("Accept"))) {
      return new ModelAndView(htmlView, Map.of("status", status.value(), "error", status.getReasonPhrase()), status);
    }
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri != null ? uri.toString() : request.getRequestURI();
    Rfc9457Problem.write(response, status.value(), status.getReasonPhrase(), Rfc9457Problem.detail(status, request.getMethod()),
        path);
    return null;
  }

  /** The status the container routed here with; 404 for a request to the error path itself. */
  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (!(code instanceof Integer value)) {
      return HttpStatus.NOT_FOUND;
    }
    HttpStatus status = HttpStatus.resolve(value);
    return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
  }

  private static boolean acceptsHtmlByName(String accept) {
    if (accept == null) {
      return false;
    }
    try {
      for (MediaType type : MediaType.parseMediaTypes(accept)) {
        if (!type.isWildcardType() && !type.isWildcardSubtype() && type.isCompatibleWith(MediaType.TEXT_HTML)) {
          return true;
        }
      }
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    return false;
  }
}
