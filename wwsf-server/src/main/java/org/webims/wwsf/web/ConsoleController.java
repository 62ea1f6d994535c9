package org.webims.wwsf.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.webims.sip.SipParseException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.TelUri;
import org.webims.sip.uri.Uri;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.wwsf.config.WwsfProperties;

/**
 * {@code GET /console}: the operator's read-only view of the identity mappings (web identity, IMPI, IMPUs), one
 * page at a time ({@code ?page=}, from 0; {@code webims.wwsf.console.page-size} per page). Reads the WAF's
 * repository in this process. Only operators reach it (see {@code WwsfSecurityConfiguration}); editing comes
 * with the full operator console.
 *
 * <p>{@code POST /console/network-deregistration} (issue 7): deregisters an IMPU from the network side with
 * {@code deactivated} or {@code rejected} through the IMS core's admin API ({@link ImsAdminClient}); the result
 * comes back as a flash attribute after the redirect to {@code /console}.
 */
@Controller
public class ConsoleController {

  public static final String PATH = "/console";
  public static final String DEREGISTRATION_PATH = PATH + "/network-deregistration";
  public static final List<String> REASONS = List.of("deactivated", "rejected");

  private final IdentityMappingRepository mappings;
  private final WwsfProperties properties;
  private final ImsAdminClient imsAdmin;

  public ConsoleController(IdentityMappingRepository mappings, WwsfProperties properties, ImsAdminClient imsAdmin) {
    this.mappings = mappings;
    this.properties = properties;
    this.imsAdmin = imsAdmin;
  }

  @GetMapping(PATH)
  public String console(Authentication authentication,
      @RequestParam(name = "page", defaultValue = "0") String pageParameter, Model model) {
    int pageSize = properties.console().pageSize();
    long total = mappings.count();
    long pages = Math.max(1, (total + pageSize - 1) / pageSize);
    // A page number that is no number or out of range shows the nearest page rather than an error: the list
    // may have shrunk since the link was made.
    long page = Math.min(Math.max(parse(pageParameter), 0), pages - 1);
    model.addAttribute("operatorName", authentication.getName());
    model.addAttribute("mappings", mappings.findAll(page * pageSize, pageSize));
    model.addAttribute("page", page);
    model.addAttribute("pages", pages);
    model.addAttribute("total", total);
    model.addAttribute("consolePath", PATH);
    model.addAttribute("deregistrationEnabled", imsAdmin.enabled());
    model.addAttribute("deregistrationPath", DEREGISTRATION_PATH);
    model.addAttribute("reasons", REASONS);
    return "console";
  }

  @PostMapping(DEREGISTRATION_PATH)
  public String deregister(@RequestParam(name = "impu", defaultValue = "") String impu,
      @RequestParam(name = "reason", defaultValue = "") String reason, RedirectAttributes redirect) {
    String trimmed = impu.trim();
    redirect.addFlashAttribute("deregistrationImpu", trimmed);
    redirect.addFlashAttribute("deregistrationReason", reason);
    if (!imsAdmin.enabled()) {
      redirect.addFlashAttribute("deregistrationResult", "No IMS core admin API is configured");
      redirect.addFlashAttribute("deregistrationOk", false);
      return "redirect:" + PATH;
    }
    String impuError = impuError(trimmed);
    if (impuError != null) {
      redirect.addFlashAttribute("impuError", impuError);
      return "redirect:" + PATH;
    }
    if (!REASONS.contains(reason)) {
      redirect.addFlashAttribute("reasonError", "Choose deactivated or rejected");
      return "redirect:" + PATH;
    }
    ImsAdminClient.Outcome outcome = imsAdmin.deregister(trimmed, reason);
    redirect.addFlashAttribute("deregistrationResult", outcome.message());
    redirect.addFlashAttribute("deregistrationOk", outcome.deregistered());
    return "redirect:" + PATH;
  }

  /** Null for a SIP, SIPS or TEL URI as sip-core parses it, else the message shown by the field. */
  static String impuError(String impu) {
    if (impu.isEmpty()) {
      return "Enter a public identity (a SIP or TEL URI)";
    }
    try {
      Uri uri = Uri.parse(impu);
      if (uri instanceof SipUri || uri instanceof TelUri) {
        return null;
      }
    } catch (SipParseException | RuntimeException e) {
      // falls through to the message
    }
    return "Not a SIP or TEL URI: " + (impu.length() > 100 ? impu.substring(0, 100) + "…" : impu);
  }

  private static long parse(String page) {
    try {
      return Long.parseLong(page.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
