package org.webims.waf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.webims.waf.identity.IdentityMapping;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.ImpuPool;

/** The JSON bodies of the REST API, as the OpenAPI document ({@code openapi.json}) describes them. */
final class ApiJson {

  private ApiJson() {
  }

  /** A mapping: {@code impi} and {@code impus} for a fixed one, {@code pool} for a pool one. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Mapping(String webIdentity, String impi, List<String> impus, String pool) {

    static Mapping of(IdentityMapping mapping) {
      return mapping.isPool() ? new Mapping(mapping.webIdentity(), null, null, mapping.pool())
          : new Mapping(mapping.webIdentity(), mapping.identity().impi(), mapping.identity().impus(), null);
    }
  }

  record Pool(String name, String realm, long impus, long liveLeases, long free) {

    static Pool of(ImpuPool pool) {
      return new Pool(pool.name(), pool.realm(), pool.impus(), pool.liveLeases(), pool.free());
    }
  }

  /** The body of {@code POST /pools} and {@code PUT /pools/{name}} (no name there). */
  record PoolInput(String name, String realm) {
  }

  /** The body of {@code POST /pools/{name}/impus}: one IMPU with its IMPI, or a range with its IMPI pattern. */
  record ImpusInput(String impu, String impi, String impuRange, String impiPattern) {

    boolean isRange() {
      return impuRange != null || impiPattern != null;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Lease(String id, String pool, String impu, String impi, String holder, String state, Instant leasedAt,
      Instant expiresAt, Instant releasedAt, String releasedBy, String releaseReason) {

    static Lease of(ImpuLease lease) {
      return new Lease(lease.id(), lease.pool(), lease.impu(), lease.impi(), lease.holder(), lease.state().value(),
          lease.leasedAt(), lease.expiresAt(), lease.releasedAt(), lease.releasedBy(), lease.releaseReason());
    }
  }

  /** The optional body of a release. */
  record Release(String reason) {
  }
}
