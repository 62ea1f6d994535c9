package org.webims.waf.pool;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.support.TransactionOperations;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.waf.provisioning.FieldErrors;
import org.webims.waf.provisioning.ImsIdentifiers;
import org.webims.waf.provisioning.InvalidInputException;
import org.webims.waf.provisioning.Page;
import org.webims.waf.provisioning.PageRequest;

/**
 * Provisioning of IMPU pools (issue 6, TS 24.371 6.1 c)): create, edit, delete, add one IMPU or a numbered range.
 * Every change is checked first (field errors, nothing changed) and recorded in the {@link AuditLog} in the same
 * transaction. An IMPU belongs to at most one pool and is never also an IMPU of a fixed mapping.
 */
public class ImpuPoolService {

  /** Input field names of the error messages, as the console's form and the REST API name them. */
  public static final String FIELD_NAME = "name";
  public static final String FIELD_REALM = "realm";
  public static final String FIELD_IMPU = "impu";
  public static final String FIELD_IMPI = "impi";
  /** The range of IMPUs, e.g. {@code sip:guest-{001..100}@ims.example.net}. */
  public static final String FIELD_IMPU_RANGE = "impuRange";
  /** The matching IMPI pattern, e.g. {@code guest-{001..100}@ims.example.net}. */
  public static final String FIELD_IMPI_PATTERN = "impiPattern";

  /** Most conflicting IMPUs one error message names. */
  private static final int NAMED_CONFLICTS = 3;

  private final ImpuPoolRepository pools;
  private final IdentityMappingRepository mappings;
  private final AuditLog audit;
  private final TransactionOperations tx;
  private final Clock clock;
  private final int maxRangeSize;

  /** @param maxRangeSize the most IMPUs one range may add ({@code webims.waf.pools.max-range-size}) */
  public ImpuPoolService(ImpuPoolRepository pools, IdentityMappingRepository mappings,
      AuditLog audit, TransactionOperations tx, Clock clock, int maxRangeSize) {
    this.pools = pools;
    this.mappings = mappings;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    this.maxRangeSize = maxRangeSize;
  }

  /** One page of pools ordered by name, with their IMPU and live lease counts. */
  public Page<ImpuPool> list(PageRequest page) {
    return new Page<>(pools.findAll(page.offset(), page.size(), clock.instant()), page.page(), page.size(),
        pools.count());
  }

  /** The pool named {@code name}, if it exists. */
  public Optional<ImpuPool> find(String name) {
    return pools.find(name, clock.instant());
  }

  /** One page of the pool's IMPUs in lease order; field error {@code name} when there is no such pool. */
  public Page<PoolImpu> impus(String name, PageRequest page) {
    requirePool(name);
    return new Page<>(pools.findImpus(name, page.offset(), page.size(), clock.instant()), page.page(), page.size(),
        pools.countImpus(name));
  }

  /** Creates an empty pool; {@code name} must be {@code [a-z0-9-]{1,64}} and unused, {@code realm} a domain. */
  public ImpuPool create(String name, String realm, String actor) {
    FieldErrors errors = new FieldErrors();
    String nameProblem = nameProblem(name);
    if (nameProblem != null) {
      errors.add(FIELD_NAME, nameProblem);
    }
    checkRealm(errors, realm);
    errors.throwIfAny();
    return tx.execute(status -> {
      if (pools.find(name, clock.instant()).isPresent()) {
        throw InvalidInputException.conflict(FIELD_NAME, "a pool named " + name + " exists already");
      }
      pools.insert(name, realm.trim());
      audit.record(actor, AuditLog.POOL_CREATE, name, "realm " + realm.trim());
      return pools.find(name, clock.instant()).orElseThrow();
    });
  }

  /** Changes the pool's realm (IMPUs added later are checked against it; existing ones stay). */
  public ImpuPool update(String name, String realm, String actor) {
    FieldErrors errors = new FieldErrors();
    checkRealm(errors, realm);
    errors.throwIfAny();
    return tx.execute(status -> {
      ImpuPool before = requirePool(name);
      pools.updateRealm(name, realm.trim());
      audit.record(actor, AuditLog.POOL_UPDATE, name, "realm " + before.realm() + " -> " + realm.trim());
      return pools.find(name, clock.instant()).orElseThrow();
    });
  }

  /**
   * Deletes a pool and its IMPUs. Refused while web identities are mapped to it or it has live leases: remap
   * them or release the leases first. The lease history stays.
   */
  public void delete(String name, String actor) {
    tx.executeWithoutResult(status -> {
      ImpuPool pool = requirePool(name);
      long mapped = mappings.countByPool(name);
      if (mapped > 0) {
        throw InvalidInputException.of(FIELD_NAME, mapped + " web identities are mapped to this pool;"
            + " map them elsewhere first");
      }
      if (pool.liveLeases() > 0) {
        throw InvalidInputException.of(FIELD_NAME, pool.liveLeases() + " IMPUs of this pool are leased;"
            + " release the leases first");
      }
      pools.delete(name);
      audit.record(actor, AuditLog.POOL_DELETE, name, pool.impus() + " IMPUs, realm " + pool.realm());
    });
  }

  /** Adds one IMPU with the IMPI it registers under (the IMPI's realm must be the pool's). */
  public ImpuPool addImpu(String name, String impu, String impi, String actor) {
    FieldErrors errors = new FieldErrors();
    ImsIdentifiers.checkImpu(errors, FIELD_IMPU, impu);
    ImsIdentifiers.checkImpi(errors, FIELD_IMPI, impi);
    return addChecked(name, List.of(new PoolImpu(impu == null ? null : impu.trim(),
        impi == null ? null : impi.trim(), null)), FIELD_IMPU, FIELD_IMPI, errors, actor, impu + " (" + impi + ")");
  }

  /**
   * Adds a numbered range of IMPUs, e.g. {@code sip:guest-{001..100}@ims.example.net} with IMPI pattern
   * {@code guest-{001..100}@ims.example.net} (the same counter). At most {@code max-range-size} at once ("range
   * too large"); every generated IMPU and IMPI is checked, none added when one fails or exists already.
   */
  public ImpuPool addRange(String name, String impuRange, String impiPattern, String actor) {
    FieldErrors errors = new FieldErrors();
    ImpuRange impus = range(errors, FIELD_IMPU_RANGE, impuRange);
    ImpuRange impis = range(errors, FIELD_IMPI_PATTERN, impiPattern);
    if (impus != null && impus.size() > maxRangeSize) {
      errors.add(FIELD_IMPU_RANGE, "range too large: " + impus.size() + " IMPUs, at most " + maxRangeSize
          + " at once");
    } else if (impus != null && impis != null && !impus.sameCounter(impis)) {
      errors.add(FIELD_IMPI_PATTERN, "use the IMPU range's counter {" + impus.counter() + "}");
    }
    if (!errors.isEmpty()) {
      errors.throwIfAny();
    }
    List<PoolImpu> entries = new ArrayList<>();
    for (long n = impus.start(); n <= impus.end(); n++) {
      entries.add(new PoolImpu(impus.at(n), impis.at(n), null));
    }
    // One generated identity stands for all: report the first bad one only.
    entries.stream().filter(e -> ImsIdentifiers.impuProblem(e.impu()) != null).findFirst()
        .ifPresent(e -> errors.add(FIELD_IMPU_RANGE, e.impu() + ": " + ImsIdentifiers.impuProblem(e.impu())));
    entries.stream().filter(e -> ImsIdentifiers.impiProblem(e.impi()) != null).findFirst()
        .ifPresent(e -> errors.add(FIELD_IMPI_PATTERN, e.impi() + ": " + ImsIdentifiers.impiProblem(e.impi())));
    return addChecked(name, entries, FIELD_IMPU_RANGE, FIELD_IMPI_PATTERN, errors, actor,
        impuRange + " (" + impiPattern + "), " + entries.size() + " IMPUs");
  }

  /**
   * Creates the pool when missing and adds the range unless the pool holds all of it already: the seed file, at
   * every start. A range that is partly present or collides elsewhere fails as {@link #addRange} does.
   */
  public ImpuPool ensureRange(String name, String realm, String impuRange, String impiPattern, String actor) {
    return tx.execute(status -> {
      if (find(name).isEmpty()) {
        create(name, realm, actor);
      }
      ImpuRange impus = ImpuRange.parse(impuRange);
      List<String> present = pools.existingImpus(impus.expand());
      if (present.size() == impus.size()) {
        return find(name).orElseThrow();
      }
      return addRange(name, impuRange, impiPattern, actor);
    });
  }

  /** Removes one IMPU that is not leased now; field error {@code impu} otherwise. */
  public void removeImpu(String name, String impu, String actor) {
    tx.executeWithoutResult(status -> {
      requirePool(name);
      if (!pools.deleteFreeImpu(name, impu, clock.instant())) {
        throw InvalidInputException.of(FIELD_IMPU, pools.poolOfImpu(impu).filter(name::equals).isPresent()
            ? "leased now; release its lease first" : "not in pool " + name);
      }
      audit.record(actor, AuditLog.POOL_REMOVE_IMPU, name, impu);
    });
  }

  private ImpuPool addChecked(String name, List<PoolImpu> entries, String impuField, String impiField,
      FieldErrors errors, String actor, String detail) {
    return tx.execute(status -> {
      ImpuPool pool = requirePool(name);
      if (!errors.has(impiField)) {
        entries.stream().filter(e -> !e.impi().endsWith("@" + pool.realm())).findFirst()
            .ifPresent(e -> errors.add(impiField, e.impi() + " is not in the pool's realm " + pool.realm()));
      }
      if (!errors.has(impuField)) {
        List<String> impus = entries.stream().map(PoolImpu::impu).toList();
        Set<String> taken = new LinkedHashSet<>(pools.existingImpus(impus));
        if (!taken.isEmpty()) {
          errors.addConflict(impuField, named(taken) + " already in a pool");
        }
        Set<String> fixed = new LinkedHashSet<>(mappings.fixedImpusAmong(impus));
        if (!fixed.isEmpty()) {
          errors.addConflict(impuField, named(fixed) + " already mapped to a web identity");
        }
      }
      errors.throwIfAny();
      pools.insertImpus(name, entries);
      audit.record(actor, AuditLog.POOL_ADD_IMPUS, name, detail);
      return pools.find(name, clock.instant()).orElseThrow();
    });
  }

  private ImpuPool requirePool(String name) {
    return pools.find(name, clock.instant())
        .orElseThrow(() -> InvalidInputException.of(FIELD_NAME, "no pool named " + name));
  }

  /** The reason {@code name} is no valid pool name ({@code [a-z0-9-]{1,64}}), or null. */
  public static String nameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "required";
    }
    if (name.length() > 64) {
      return "at most 64 characters";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return "only lower-case letters, digits and '-'";
      }
    }
    return null;
  }

  private static void checkRealm(FieldErrors errors, String realm) {
    if (realm == null || realm.isBlank()) {
      errors.add(FIELD_REALM, "required");
      return;
    }
    String problem = ImsIdentifiers.impiProblem("user@" + realm.trim());
    if (problem != null || realm.trim().length() > 200) {
      errors.add(FIELD_REALM, "a domain name, e.g. ims.example.net");
    }
  }

  private static ImpuRange range(FieldErrors errors, String field, String text) {
    try {
      return ImpuRange.parse(text);
    } catch (IllegalArgumentException e) {
      errors.add(field, e.getMessage());
      return null;
    }
  }

  private static String named(Set<String> impus) {
    List<String> first = impus.stream().limit(NAMED_CONFLICTS).toList();
    return String.join(", ", first) + (impus.size() > NAMED_CONFLICTS
        ? " and " + (impus.size() - NAMED_CONFLICTS) + " more" : "") + (impus.size() == 1 ? " is" : " are");
  }
}
