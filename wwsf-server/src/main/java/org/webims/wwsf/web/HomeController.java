package org.webims.wwsf.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.webims.wwsf.config.WicStartOptions;
import org.webims.wwsf.config.WwsfSecurityConfiguration;
import org.webims.wwsf.session.ImsTokenUserService;
import org.webims.wwsf.session.WicSession;
import org.webims.wwsf.session.WicSessionController;
import org.webims.wwsf.session.WicSessions;

/**
 * {@code GET /}: the client page of a signed-in user (identity, WIC controls, loading {@code wic.js}; for an
 * operator a link to the console, no WIC without IMS identity, and for a pool user the leased IMPU), otherwise
 * the signed-out home page with its "Sign in" button and, after a failed sign-in, the reason.
 */
@Controller
public class HomeController {

  private static final Map<String, String> SIGN_IN_MESSAGES = Map.of(
      SignInFailureHandler.NO_IMS_IDENTITY,
      "Your web account has no IMS identity, so it cannot register from this page. "
          + "Ask your operator to provision one, or sign in with another account.",
      SignInFailureHandler.POOL_EXHAUSTED,
      "All IMS identities for guests are in use right now. Please try again in a few minutes.",
      SignInFailureHandler.FAILED,
      "Sign-in did not complete. Please try again.");

  private final WicSessions sessions;
  private final WicStartOptions wicOptions;

  public HomeController(WicSessions sessions, WicStartOptions wicOptions) {
    this.sessions = sessions;
    this.wicOptions = wicOptions;
  }

  @GetMapping("/")
  public String home(Authentication authentication,
      @RequestParam(name = SignInFailureHandler.PARAMETER, required = false) String signInFailure, Model model,
      HttpServletRequest request, HttpServletResponse response) {
    if (authentication instanceof OAuth2AuthenticationToken signedIn) {
      OAuth2User user = signedIn.getPrincipal();
      model.addAttribute("webIdentity", user.getName());
      model.addAttribute("impi", user.getAttribute(ImsTokenUserService.ATTRIBUTE_IMPI));
      model.addAttribute("impus", user.getAttribute(ImsTokenUserService.ATTRIBUTE_IMPUS));
      if (user.getAttribute(ImsTokenUserService.ATTRIBUTE_POOL) != null) {
        leasedIdentity(authentication, request, response, model);
      }
      model.addAttribute("sessionPath", WicSessionController.PATH);
      model.addAttribute(WicStartOptions.ATTRIBUTE, wicOptions.options());
      model.addAttribute("operator", signedIn.getAuthorities().stream()
          .anyMatch(authority -> ImsTokenUserService.OPERATOR_AUTHORITY.equals(authority.getAuthority())));
      model.addAttribute("consolePath", ConsoleController.PATH);
      return "client";
    }
    model.addAttribute("signInPath", WwsfSecurityConfiguration.SIGN_IN_PATH);
    if (signInFailure != null) {
      model.addAttribute("message", SIGN_IN_MESSAGES.getOrDefault(signInFailure,
          SIGN_IN_MESSAGES.get(SignInFailureHandler.FAILED)));
    }
    return "home";
  }

  /**
   * Issue 6 item 4: a pool user sees the IMPU its lease gives now, the one the WIC registers (the lease may have
   * changed since sign-in), or why there is none.
   */
  private void leasedIdentity(Authentication authentication, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    try {
      WicSession session = sessions.current(authentication, request, response);
      if (session.lease() != null) {
        model.addAttribute("impi", session.impi());
        model.addAttribute("impus", session.impus());
        model.addAttribute("lease", session.lease());
      }
    } catch (WicSessions.Unavailable e) {
      model.addAttribute("leaseMessage", e.getMessage());
    }
  }
}
