package org.webims.wwsf.web;

import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.webims.waf.audit.AuditEntry;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.provisioning.Page;
import org.webims.wwsf.config.WwsfProperties;

/**
 * {@code GET /console/audit}: the audit log of provisioning changes (issue 6 item 3), newest first, one page at a
 * time ({@code ?page=}): who, what, when, from the console, the REST API and the eP-CSCF's releases.
 */
@Controller
public class ConsoleAuditController {

  public static final String PATH = ConsoleController.PATH + "/audit";

  private final AuditLog audit;
  private final WwsfProperties properties;

  public ConsoleAuditController(AuditLog audit, WwsfProperties properties) {
    this.audit = audit;
    this.properties = properties;
  }

  @GetMapping(PATH)
  public String audit(@RequestParam(name = "page", defaultValue = "0") String pageParameter, Model model) {
    Page<AuditEntry> page = ConsolePaging.read(pageParameter, properties.console().pageSize(), audit::page);
    model.addAttribute("entries", page.items());
    model.addAttribute("paging", ConsolePaging.of(page, PATH, "page", Map.of()));
    return "audit";
  }
}
