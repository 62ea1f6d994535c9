package org.webims.waf.api;

/** The paths of the WAF's REST API (issue 6), relative to {@link #BASE}; {@code docs/rest-api.md} describes them. */
public final class ApiPaths {

  public static final String BASE = "/api/v1";
  public static final String OPENAPI = "/openapi.json";
  public static final String MAPPINGS = "/mappings";
  public static final String MAPPING = "/mappings/{webIdentity}";
  public static final String POOLS = "/pools";
  public static final String POOL = "/pools/{name}";
  public static final String POOL_IMPUS = "/pools/{name}/impus";
  public static final String POOL_LEASES = "/pools/{name}/leases";
  public static final String LEASE = "/leases/{id}";
  /** The release of a lease by the eP-CSCF (EPC-28, WAF-11) or automation. */
  public static final String LEASE_RELEASE = "/leases/{id}/release";
  public static final String AUDIT = "/audit";

  private ApiPaths() {
  }
}
