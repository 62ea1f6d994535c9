package org.webims.wwsf.operations;

/**
 * What a node of the console's Nodes page is (issue 16 point 4), which says which figures it has and from which
 * meter of its {@code /actuator/prometheus} each comes (docs/operator-console.md). Configured as {@code ep-cscf},
 * {@code ims-core} or {@code wwsf}.
 */
public enum NodeRole {
  EP_CSCF("eP-CSCF", "webims_epcscf_ws_connections", "webims_epcscf_registrations", "webims_epcscf_calls", null),
  IMS_CORE("IMS core", null, "webims_ims_registrations", null, null),
  WWSF("WWSF + WAF", null, null, null, "webims_waf_leases_active");

  private final String label;
  private final String flows;
  private final String registrations;
  private final String calls;
  private final String leases;

  NodeRole(String label, String flows, String registrations, String calls, String leases) {
    this.label = label;
    this.flows = flows;
    this.registrations = registrations;
    this.calls = calls;
    this.leases = leases;
  }

  /** How the page names the role. */
  public String label() {
    return label;
  }

  /** The gauge of WebSocket flows open now; null when the role has none. */
  String flowsMeter() {
    return flows;
  }

  /** The gauge of registrations now; null when the role has none. */
  String registrationsMeter() {
    return registrations;
  }

  /** The gauge of calls now; null when the role has none. */
  String callsMeter() {
    return calls;
  }

  /** The gauge of live pool leases; null when the role has none. */
  String leasesMeter() {
    return leases;
  }
}
