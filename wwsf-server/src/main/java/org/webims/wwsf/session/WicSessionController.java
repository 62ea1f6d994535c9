package org.webims.wwsf.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.webims.server.web.Rfc9457Problem;

/**
 * {@code GET /wic/session}: hands the WIC of the signed-in user its access token and IMS identity over HTTPS
 * (WAF-01, WAF-02, WIC-30; issue 4 contract), for a pool user with its live lease (issue 6 contract, WAF-10,
 * WAF-11), as {@link WicSessions} finds them. Never cached; 401 with a problem body when there is no usable
 * sign-in, 403 without IMS identity, 503 when the user's pool has no free IMPU.
 */
@RestController
public class WicSessionController {

  public static final String PATH = "/wic/session";

  private final WicSessions sessions;

  public WicSessionController(WicSessions sessions) {
    this.sessions = sessions;
  }

  @GetMapping(PATH)
  public ResponseEntity<?> session(Authentication authentication, HttpServletRequest request,
      HttpServletResponse response) {
    try {
      return ResponseEntity.ok().cacheControl(CacheControl.noStore())
          .body(sessions.current(authentication, request, response));
    } catch (WicSessions.Unavailable e) {
      return ResponseEntity.status(e.status()).cacheControl(CacheControl.noStore())
          .body(Rfc9457Problem.of(e.status(), e.getMessage()));
    }
  }
}
