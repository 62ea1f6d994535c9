package org.webims.wwsf.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.wwsf.config.WwsfProperties;

/**
 * {@code GET /console}: the operator's read-only view of the identity mappings (web identity, IMPI, IMPUs), one
 * page at a time ({@code ?page=}, from 0; {@code webims.wwsf.console.page-size} per page). Reads the WAF's
 * repository in this process. Only operators reach it (see {@code WwsfSecurityConfiguration}); editing comes
 * with the full operator console.
 */
@Controller
public class ConsoleController {

  public static final String PATH = "/console";

  private final IdentityMappingRepository mappings;
  private final WwsfProperties properties;

  public ConsoleController(IdentityMappingRepository mappings, WwsfProperties properties) {
    this.mappings = mappings;
    this.properties = properties;
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
    return "console";
  }

  private static long parse(String page) {
    try {
      return Long.parseLong(page.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
