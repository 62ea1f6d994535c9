package org.webims.waf.api;

import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.webims.waf.audit.AuditEntry;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.config.WafProperties;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.provisioning.Page;

/**
 * {@code /api/v1/leases} and {@code /api/v1/audit}: a lease by id, its release by the eP-CSCF after
 * deregistration (EPC-28, WAF-11) or by automation, and the audit log.
 */
@RestController
@RequestMapping(ApiPaths.BASE)
public class LeasesApiController {

  private final ImpuLeaseService leases;
  private final AuditLog audit;
  private final WafProperties.Provisioning paging;

  public LeasesApiController(ImpuLeaseService leases, AuditLog audit, WafProperties properties) {
    this.leases = leases;
    this.audit = audit;
    this.paging = properties.provisioning();
  }

  @GetMapping(ApiPaths.LEASE)
  ApiJson.Lease get(@PathVariable String id) {
    return leases.find(id).map(ApiJson.Lease::of).orElseThrow(() -> unknown(id));
  }

  /**
   * 204 when the lease was live and is released now, and when it had ended already (idempotent: the eP-CSCF
   * retries); 404 for an id no lease has. The optional body names the reason for the audit log.
   */
  @PostMapping(ApiPaths.LEASE_RELEASE)
  ResponseEntity<Void> release(@PathVariable String id, @RequestBody(required = false) ApiJson.Release body,
      Principal client) {
    ImpuLeaseService.Outcome outcome = leases.release(id, client.getName(), body == null ? null : body.reason());
    if (outcome == ImpuLeaseService.Outcome.UNKNOWN) {
      throw unknown(id);
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping(ApiPaths.AUDIT)
  Page<AuditEntry> audit(@RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return audit.page(paging.page(page, size));
  }

  private static NotFoundException unknown(String id) {
    return new NotFoundException("No lease with id " + id + ".");
  }
}
