package org.webims.waf.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.support.TransactionOperations;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.pool.ImpuPoolRepository;
import org.webims.waf.provisioning.FieldErrors;
import org.webims.waf.provisioning.ImsIdentifiers;
import org.webims.waf.provisioning.InvalidInputException;
import org.webims.waf.provisioning.Page;
import org.webims.waf.provisioning.PageRequest;

/**
 * Provisioning of identity mappings (issue 6, WAF-02): search, create, edit, delete. A web identity maps either
 * to a fixed IMPI with ordered IMPUs or to one IMPU pool. Input is checked first (SIP and TEL URIs with sip-core's
 * parser; field errors, nothing changed), and every change is recorded in the {@link AuditLog} in its transaction.
 */
public class IdentityMappingService {

  /** Input field names of the error messages, as the console's form and the REST API name them. */
  public static final String FIELD_WEB_IDENTITY = "webIdentity";
  public static final String FIELD_IMPI = "impi";
  public static final String FIELD_IMPUS = "impus";
  public static final String FIELD_POOL = "pool";

  /** Most IMPUs one fixed mapping may have. */
  public static final int MAX_IMPUS = 20;

  /**
   * What an operator enters for a mapping: {@code pool} alone for a pool mapping, or {@code impi} and
   * {@code impus} (default IMPU first) for a fixed one.
   */
  public record Input(String webIdentity, String impi, List<String> impus, String pool) {

    public Input {
      impus = impus == null ? List.of() : impus.stream().filter(i -> i != null && !i.isBlank()).map(String::trim)
          .toList();
    }

    /** A fixed mapping. */
    public static Input fixed(String webIdentity, String impi, List<String> impus) {
      return new Input(webIdentity, impi, impus, null);
    }

    /** A mapping to a pool. */
    public static Input toPool(String webIdentity, String pool) {
      return new Input(webIdentity, null, List.of(), pool);
    }

    boolean isPool() {
      return pool != null && !pool.isBlank();
    }
  }

  private final IdentityMappingRepository mappings;
  private final WebUserRepository users;
  private final ImpuPoolRepository pools;
  private final AuditLog audit;
  private final TransactionOperations tx;

  public IdentityMappingService(IdentityMappingRepository mappings, WebUserRepository users,
      ImpuPoolRepository pools, AuditLog audit, TransactionOperations tx) {
    this.mappings = mappings;
    this.users = users;
    this.pools = pools;
    this.audit = audit;
    this.tx = tx;
  }

  /**
   * One page of mappings ordered by web identity whose web identity, IMPI, an IMPU or pool contains
   * {@code query} (case-insensitive); all when {@code query} is null or blank.
   */
  public Page<IdentityMapping> search(String query, PageRequest page) {
    return new Page<>(mappings.search(query, page.offset(), page.size()), page.page(), page.size(),
        mappings.countSearch(query));
  }

  /** The mapping of {@code webIdentity}, fixed or pool, if it has one. */
  public Optional<IdentityMapping> find(String webIdentity) {
    return mappings.find(webIdentity);
  }

  /**
   * Creates the mapping of a web user that has none. Field errors: no such web user; the web identity is mapped
   * already (conflict); bad IMPI or IMPU; an IMPU used by another mapping or a pool (conflict); no such pool.
   */
  public IdentityMapping create(Input input, String actor) {
    return tx.execute(status -> {
      FieldErrors errors = new FieldErrors();
      String webIdentity = input.webIdentity() == null ? "" : input.webIdentity().trim();
      if (webIdentity.isEmpty()) {
        errors.add(FIELD_WEB_IDENTITY, "required");
      } else if (users.findByUsername(webIdentity).isEmpty()) {
        errors.add(FIELD_WEB_IDENTITY, "no web user " + webIdentity);
      } else if (mappings.find(webIdentity).isPresent()) {
        errors.addConflict(FIELD_WEB_IDENTITY, webIdentity + " is mapped already; edit that mapping instead");
      }
      IdentityMapping mapping = checked(webIdentity, input, errors);
      save(mapping);
      audit.record(actor, AuditLog.MAPPING_CREATE, webIdentity, describe(mapping));
      return mapping;
    });
  }

  /** Replaces the mapping of {@code webIdentity}, which must exist; the same field errors as {@link #create}. */
  public IdentityMapping update(String webIdentity, Input input, String actor) {
    return tx.execute(status -> {
      IdentityMapping before = mappings.find(webIdentity)
          .orElseThrow(() -> InvalidInputException.of(FIELD_WEB_IDENTITY, "no mapping for " + webIdentity));
      IdentityMapping mapping = checked(webIdentity, input, new FieldErrors());
      save(mapping);
      audit.record(actor, AuditLog.MAPPING_UPDATE, webIdentity, describe(before) + " -> " + describe(mapping));
      return mapping;
    });
  }

  /** Deletes the mapping of {@code webIdentity}; field error when it has none. A live pool lease stays until it ends. */
  public void delete(String webIdentity, String actor) {
    tx.executeWithoutResult(status -> {
      IdentityMapping before = mappings.find(webIdentity)
          .orElseThrow(() -> InvalidInputException.of(FIELD_WEB_IDENTITY, "no mapping for " + webIdentity));
      mappings.delete(webIdentity);
      audit.record(actor, AuditLog.MAPPING_DELETE, webIdentity, describe(before));
    });
  }

  private IdentityMapping checked(String webIdentity, Input input, FieldErrors errors) {
    if (input.isPool()) {
      if (input.impi() != null && !input.impi().isBlank() || !input.impus().isEmpty()) {
        errors.add(FIELD_POOL, "a mapping has either a pool or an IMPI with IMPUs, not both");
      } else if (!pools.exists(input.pool().trim())) {
        errors.add(FIELD_POOL, "no pool named " + input.pool().trim());
      }
      errors.throwIfAny();
      return IdentityMapping.toPool(webIdentity, input.pool().trim());
    }
    ImsIdentifiers.checkImpi(errors, FIELD_IMPI, input.impi() == null ? null : input.impi().trim());
    checkImpus(webIdentity, input.impus(), errors);
    errors.throwIfAny();
    return new IdentityMapping(webIdentity, new ImsIdentity(input.impi().trim(), input.impus()));
  }

  private void checkImpus(String webIdentity, List<String> impus, FieldErrors errors) {
    if (impus.isEmpty()) {
      errors.add(FIELD_IMPUS, "at least one IMPU, e.g. sip:alice@ims.example.net");
      return;
    }
    if (impus.size() > MAX_IMPUS) {
      errors.add(FIELD_IMPUS, "at most " + MAX_IMPUS + " IMPUs");
      return;
    }
    List<String> problems = new ArrayList<>();
    for (String impu : impus) {
      String problem = ImsIdentifiers.impuProblem(impu);
      if (problem != null) {
        problems.add(impu + ": " + problem);
      }
    }
    if (!problems.isEmpty()) {
      errors.add(FIELD_IMPUS, String.join("; ", problems));
      return;
    }
    Set<String> distinct = new LinkedHashSet<>(impus);
    if (distinct.size() < impus.size()) {
      errors.add(FIELD_IMPUS, "an IMPU is listed twice");
      return;
    }
    for (String impu : impus) {
      Optional<String> owner = mappings.findWebIdentityByImpu(impu).filter(other -> !other.equals(webIdentity));
      if (owner.isPresent()) {
        errors.addConflict(FIELD_IMPUS, impu + " is mapped to " + owner.get() + " already");
        return;
      }
      Optional<String> pool = pools.poolOfImpu(impu);
      if (pool.isPresent()) {
        errors.addConflict(FIELD_IMPUS, impu + " belongs to pool " + pool.get());
        return;
      }
    }
  }

  private void save(IdentityMapping mapping) {
    if (mapping.isPool()) {
      mappings.savePool(mapping.webIdentity(), mapping.pool());
    } else {
      mappings.save(mapping.webIdentity(), mapping.identity());
    }
  }

  private static String describe(IdentityMapping mapping) {
    return mapping.isPool() ? "pool " + mapping.pool()
        : "IMPI " + mapping.identity().impi() + ", IMPUs " + String.join(", ", mapping.identity().impus());
  }
}
