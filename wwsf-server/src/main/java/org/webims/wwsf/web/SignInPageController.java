package org.webims.wwsf.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.webims.waf.web.WafLoginPage;
import org.webims.waf.web.WafSecurityConfiguration;

/**
 * {@code GET /login}: the web users' sign-in page in the product's own look (issue 12 item 9) instead of Spring
 * Security's generated "Please sign in": the WebIMS bar, a way home, and why the last attempt failed in words. The
 * WAF's form login chain still takes the POST and redirects back here with {@code ?error} on failure.
 */
@Controller
public class SignInPageController implements WafLoginPage {

  static final String WRONG_CREDENTIALS = "The user name or password is not right. Check both and try again.";
  static final String DISABLED = "This web account is disabled. Ask your operator.";
  static final String FAILED = "Sign-in did not complete. Please try again.";

  @GetMapping(WafSecurityConfiguration.LOGIN_PATH)
  public String signIn(@RequestParam(name = "error", required = false) String error, HttpSession session,
      Model model) {
    if (error != null) {
      model.addAttribute("message", message(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)));
    }
    return "login";
  }

  /**
   * What the user reads: never the exception's own text, except a lock's, which its thrower words for the user
   * (how long it lasts).
   */
  static String message(Object failure) {
    if (failure instanceof BadCredentialsException) {
      return WRONG_CREDENTIALS;
    }
    if (failure instanceof LockedException locked && locked.getMessage() != null) {
      return locked.getMessage();
    }
    if (failure instanceof DisabledException) {
      return DISABLED;
    }
    return FAILED;
  }
}
