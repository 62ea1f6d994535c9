package org.webims.wwsf.web;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.webims.waf.config.WafProperties;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.pool.ImpuPool;
import org.webims.waf.pool.ImpuPoolService;
import org.webims.waf.pool.LeaseState;
import org.webims.waf.pool.PoolImpu;
import org.webims.waf.provisioning.InvalidInputException;
import org.webims.waf.provisioning.Page;
import org.webims.wwsf.config.WwsfProperties;

/**
 * The console's IMPU pools (issue 6 item 3, TS 24.371 6.1 c), WAF-10, WAF-11): the list and a new pool at
 * {@code /console/pools}; a pool's page {@code /console/pools/{name}} with its realm, its leases by state (each
 * live one with a release button) and its IMPUs (add one or a numbered range, remove a free one). Every POST is
 * answered by a redirect; a refused input goes back with the messages by the fields and what was typed.
 */
@Controller
public class ConsolePoolController {

  public static final String PATH = ConsoleController.PATH + "/pools";
  public static final String LEASES_PATH = ConsoleController.PATH + "/leases";
  /** Why the console releases a lease, in the audit log (one of {@link ImpuLeaseService#RELEASE_REASONS}). */
  static final String RELEASE_REASON = "operator";
  static final List<String> POOL_FIELDS = List.of(ImpuPoolService.FIELD_NAME, ImpuPoolService.FIELD_REALM);
  static final List<String> IMPU_FIELDS = List.of(ImpuPoolService.FIELD_IMPU, ImpuPoolService.FIELD_IMPI);
  static final List<String> STATES = List.of(LeaseState.LIVE.value(), LeaseState.RELEASED.value(),
      LeaseState.EXPIRED.value());

  /** The new-pool and realm forms as typed; serializable, as the flash of a refused form lives in the session. */
  public record PoolForm(String name, String realm) implements Serializable {
  }

  /** The add-IMPUs form as typed: one IMPU and its IMPI, or a range and its IMPI pattern (with a {@code {}). */
  public record ImpuForm(String impu, String impi) implements Serializable {

    boolean isRange() {
      return impu != null && impu.contains("{");
    }
  }

  private final ImpuPoolService pools;
  private final ImpuLeaseService leases;
  private final WwsfProperties properties;
  private final int maxRangeSize;

  public ConsolePoolController(ImpuPoolService pools, ImpuLeaseService leases, WwsfProperties properties,
      WafProperties waf) {
    this.pools = pools;
    this.leases = leases;
    this.properties = properties;
    this.maxRangeSize = waf.pools().maxRangeSize();
  }

  @GetMapping(PATH)
  public String pools(@RequestParam(name = "page", defaultValue = "0") String pageParameter, Model model) {
    Page<ImpuPool> page = ConsolePaging.read(pageParameter, properties.console().pageSize(), pools::list);
    model.addAttribute("pools", page.items());
    model.addAttribute("paging", ConsolePaging.of(page, PATH, "page", Map.of()));
    model.addAttribute(ConsoleForms.FORM, ConsoleForms.formOr(model, new PoolForm("", "")));
    return "pools";
  }

  @PostMapping(PATH)
  public String create(@ModelAttribute PoolForm form, Authentication operator, RedirectAttributes redirect) {
    try {
      ImpuPool pool = pools.create(form.name(), form.realm(), operator.getName());
      ConsoleForms.done(redirect, "Created pool " + pool.name());
      return redirectToPool(pool.name());
    } catch (InvalidInputException e) {
      ConsoleForms.refused(redirect, form, e, POOL_FIELDS);
      return "redirect:" + PATH;
    }
  }

  @GetMapping(PATH + "/{name}")
  public String pool(@PathVariable("name") String name,
      @RequestParam(name = "state", defaultValue = "") String state,
      @RequestParam(name = "page", defaultValue = "0") String leasePage,
      @RequestParam(name = "impuPage", defaultValue = "0") String impuPage, Model model,
      RedirectAttributes redirect) {
    Optional<ImpuPool> pool = pools.find(name);
    if (pool.isEmpty()) {
      ConsoleForms.refused(redirect, "No pool named " + name);
      return "redirect:" + PATH;
    }
    // An unknown state shows every lease rather than an error: the filter is a link, not typed input.
    String filter = STATES.contains(state) ? state : "";
    int size = properties.console().pageSize();
    String path = PATH + "/" + name;
    Page<PoolImpu> impus = ConsolePaging.read(impuPage, size, request -> pools.impus(name, request));
    Page<ImpuLease> leased = ConsolePaging.read(leasePage, size, request -> leases.list(name, filter, request));
    Map<String, String> impuQuery = new LinkedHashMap<>();
    impuQuery.put("state", filter);
    impuQuery.put("page", String.valueOf(leased.page()));
    Map<String, String> leaseQuery = new LinkedHashMap<>();
    leaseQuery.put("state", filter);
    leaseQuery.put("impuPage", String.valueOf(impus.page()));
    // Both forms before either is set: the flash's typed form is one of them.
    Object impuForm = ConsoleForms.formOr(model, new ImpuForm("", ""));
    Object poolForm = ConsoleForms.formOr(model, new PoolForm(name, pool.get().realm()));
    model.addAttribute("pool", pool.get());
    model.addAttribute(ConsoleForms.FORM, poolForm);
    model.addAttribute("impuForm", impuForm);
    model.addAttribute("rangeLimit", maxRangeSize);
    model.addAttribute("impus", impus.items());
    model.addAttribute("impuPaging", ConsolePaging.of(impus, path, "impuPage", impuQuery));
    model.addAttribute("leases", leased.items());
    model.addAttribute("leasePaging", ConsolePaging.of(leased, path, "page", leaseQuery));
    model.addAttribute("state", filter);
    model.addAttribute("states", STATES);
    return "pool";
  }

  @PostMapping(PATH + "/{name}")
  public String update(@PathVariable("name") String name, @RequestParam(name = "realm", defaultValue = "") String realm,
      Authentication operator, RedirectAttributes redirect) {
    try {
      pools.update(name, realm, operator.getName());
      ConsoleForms.done(redirect, "Saved pool " + name);
    } catch (InvalidInputException e) {
      ConsoleForms.refused(redirect, new PoolForm(name, realm), e, List.of(ImpuPoolService.FIELD_REALM));
    }
    return redirectToPool(name);
  }

  @PostMapping(PATH + "/{name}/impus")
  public String addImpus(@PathVariable("name") String name, @ModelAttribute ImpuForm form,
      Authentication operator, RedirectAttributes redirect) {
    try {
      long before = pools.find(name).map(ImpuPool::impus).orElse(0L);
      ImpuPool pool = form.isRange()
          ? pools.addRange(name, form.impu(), form.impi(), operator.getName())
          : pools.addImpu(name, form.impu(), form.impi(), operator.getName());
      ConsoleForms.done(redirect, "Added " + (pool.impus() - before) + " IMPUs to pool " + name);
    } catch (InvalidInputException e) {
      // The service names a range's fields apart from a single IMPU's; the form has one pair for both.
      ConsoleForms.refused(redirect, form, e, IMPU_FIELDS, Map.of(
          ImpuPoolService.FIELD_IMPU_RANGE, ImpuPoolService.FIELD_IMPU,
          ImpuPoolService.FIELD_IMPI_PATTERN, ImpuPoolService.FIELD_IMPI));
    }
    return redirectToPool(name);
  }

  @PostMapping(PATH + "/{name}/impus/remove")
  public String removeImpu(@PathVariable("name") String name,
      @RequestParam(name = "impu", defaultValue = "") String impu,
      @RequestParam(name = ConsoleConfirmation.PARAMETER, defaultValue = "") String confirmed,
      Authentication operator, Model model, RedirectAttributes redirect) {
    if (!ConsoleConfirmation.given(confirmed)) {
      return new ConsoleConfirmation("Remove " + impu + " from pool " + name + "?",
          "No web user can lease it any more.", poolPath(name) + "/impus/remove", Map.of("impu", impu),
          "Remove IMPU", poolPath(name)).ask(model);
    }
    try {
      pools.removeImpu(name, impu, operator.getName());
      ConsoleForms.done(redirect, "Removed " + impu + " from pool " + name);
    } catch (InvalidInputException e) {
      ConsoleForms.refused(redirect, impu + ": " + e.errors().get(0).message());
    }
    return redirectToPool(name);
  }

  @PostMapping(PATH + "/{name}/delete")
  public String delete(@PathVariable("name") String name,
      @RequestParam(name = ConsoleConfirmation.PARAMETER, defaultValue = "") String confirmed,
      Authentication operator, Model model, RedirectAttributes redirect) {
    if (!ConsoleConfirmation.given(confirmed)) {
      return new ConsoleConfirmation("Delete pool " + name + "?", "This cannot be undone.",
          poolPath(name) + "/delete", Map.of(), "Delete pool", poolPath(name)).ask(model);
    }
    try {
      pools.delete(name, operator.getName());
    } catch (InvalidInputException e) {
      ConsoleForms.refused(redirect, e.errors().get(0).message());
      return redirectToPool(name);
    }
    ConsoleForms.done(redirect, "Deleted pool " + name);
    return "redirect:" + PATH;
  }

  @PostMapping(LEASES_PATH + "/{id}/release")
  public String release(@PathVariable("id") String id,
      @RequestParam(name = ConsoleConfirmation.PARAMETER, defaultValue = "") String confirmed,
      Authentication operator, Model model, RedirectAttributes redirect) {
    Optional<ImpuLease> lease = leases.find(id);
    if (lease.isEmpty()) {
      ConsoleForms.refused(redirect, "No lease " + id);
      return "redirect:" + PATH;
    }
    if (!ConsoleConfirmation.given(confirmed)) {
      return new ConsoleConfirmation("Release lease " + id + " of " + lease.get().holder() + "?",
          lease.get().impu() + " becomes free for another web user.",
          LEASES_PATH + "/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8) + "/release", Map.of(),
          "Release lease", poolPath(lease.get().pool())).ask(model);
    }
    ImpuLeaseService.Outcome outcome = leases.release(id, operator.getName(), RELEASE_REASON);
    ConsoleForms.done(redirect, outcome == ImpuLeaseService.Outcome.RELEASED
        ? "Released lease " + id + ": " + lease.get().impu() + " is free again"
        : "Lease " + id + " had ended already");
    return redirectToPool(lease.get().pool());
  }

  private static String redirectToPool(String name) {
    return "redirect:" + poolPath(name);
  }

  private static String poolPath(String name) {
    return PATH + "/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
  }
}
