package org.webims.wwsf.web;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.identity.IdentityMapping;
import org.webims.waf.identity.IdentityMappingService;
import org.webims.waf.provisioning.ImsIdentifiers;
import org.webims.waf.provisioning.Page;
import org.webims.wwsf.config.WwsfProperties;

/**
 * {@code GET /console}: the operator console's first page (issue 6 item 3), the identity mappings (web identity,
 * IMPI and IMPUs, or pool) whose web identity, IMPI, IMPU or pool contains {@code ?q=}, one page at a time
 * ({@code ?page=}, from 0; {@code webims.wwsf.console.page-size} per page), through the WAF's
 * {@link IdentityMappingService} in this process. Creating and editing them: {@link ConsoleMappingController}.
 * Only operators reach any {@code /console} URL (see {@code WwsfSecurityConfiguration}).
 *
 * <p>{@code POST /console/network-deregistration} (issue 7): deregisters an IMPU from the network side with
 * {@code deactivated} or {@code rejected} through the IMS core's admin API ({@link ImsAdminClient}); the result
 * comes back as a flash attribute after the redirect to {@code /console}. It asks first
 * ({@link ConsoleConfirmation}) and each call to the IMS core is in the audit log (issue 12 item 9).
 */
@Controller
public class ConsoleController {

  public static final String PATH = "/console";
  public static final String DEREGISTRATION_PATH = PATH + "/network-deregistration";
  public static final List<String> REASONS = List.of("deactivated", "rejected");

  private final IdentityMappingService mappings;
  private final WwsfProperties properties;
  private final ImsAdminClient imsAdmin;
  private final AuditLog audit;

  public ConsoleController(IdentityMappingService mappings, WwsfProperties properties, ImsAdminClient imsAdmin,
      AuditLog audit) {
    this.mappings = mappings;
    this.audit = audit;
    this.properties = properties;
    this.imsAdmin = imsAdmin;
  }

  @GetMapping(PATH)
  public String console(Authentication authentication, @RequestParam(name = "q", defaultValue = "") String q,
      @RequestParam(name = "page", defaultValue = "0") String pageParameter, Model model) {
    String query = q.trim();
    Page<IdentityMapping> found = ConsolePaging.read(pageParameter, properties.console().pageSize(),
        request -> mappings.search(query, request));
    model.addAttribute("operatorName", authentication.getName());
    model.addAttribute("mappings", found.items());
    model.addAttribute("paging", ConsolePaging.of(found, PATH, "page", Map.of("q", query)));
    model.addAttribute("q", query);
    model.addAttribute("consolePath", PATH);
    model.addAttribute("deregistrationEnabled", imsAdmin.enabled());
    model.addAttribute("deregistrationPath", DEREGISTRATION_PATH);
    model.addAttribute("reasons", REASONS);
    return "console";
  }

  @PostMapping(DEREGISTRATION_PATH)
  public String deregister(@RequestParam(name = "impu", defaultValue = "") String impu,
      @RequestParam(name = "reason", defaultValue = "") String reason,
      @RequestParam(name = ConsoleConfirmation.PARAMETER, defaultValue = "") String confirmed,
      Authentication operator, Model model, RedirectAttributes redirect) {
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
    if (!ConsoleConfirmation.given(confirmed)) {
      return new ConsoleConfirmation("Deregister " + trimmed + " from the network (" + reason + ")?",
          "Every registration of it ends now.", DEREGISTRATION_PATH,
          Map.of("impu", trimmed, "reason", reason), "Deregister", PATH).ask(model);
    }
    ImsAdminClient.Outcome outcome = imsAdmin.deregister(trimmed, reason);
    // Issue 12 item 9: a change made through the console, in the audit log like the provisioning changes.
    audit.record(operator.getName(), AuditLog.REGISTRATION_DEREGISTER, trimmed, reason + ": " + outcome.message());
    redirect.addFlashAttribute("deregistrationResult", outcome.message());
    redirect.addFlashAttribute("deregistrationOk", outcome.deregistered());
    return "redirect:" + PATH;
  }

  /**
   * Null for an IMPU (a SIP URI with a user part or a TEL URI, checked as the WAF's provisioning checks one), else
   * the message shown by the field, which quotes the input.
   */
  static String impuError(String impu) {
    if (impu.isEmpty()) {
      return "Enter a public identity (a SIP or TEL URI)";
    }
    String problem = ImsIdentifiers.impuProblem(impu);
    return problem == null ? null : (impu.length() > 100 ? impu.substring(0, 100) + "…" : impu) + ": " + problem;
  }

}
