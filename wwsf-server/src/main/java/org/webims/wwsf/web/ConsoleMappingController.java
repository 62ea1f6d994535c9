package org.webims.wwsf.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.webims.waf.identity.IdentityMapping;
import org.webims.waf.identity.IdentityMappingService;
import org.webims.waf.pool.ImpuPool;
import org.webims.waf.pool.ImpuPoolService;
import org.webims.waf.provisioning.InvalidInputException;
import org.webims.waf.provisioning.PageRequest;

/**
 * The console's forms of one identity mapping (issue 6 item 3): create ({@code /console/mappings/new}), edit and
 * delete ({@code /console/mappings/edit?webIdentity=}), each POST answered by a redirect. A refused input goes back
 * to its form with the messages by the fields and what was typed; the list at {@code /console} shows the result.
 */
@Controller
public class ConsoleMappingController {

  public static final String PATH = ConsoleController.PATH + "/mappings";
  public static final String NEW_PATH = PATH + "/new";
  public static final String EDIT_PATH = PATH + "/edit";
  public static final String UPDATE_PATH = PATH + "/update";
  public static final String DELETE_PATH = PATH + "/delete";
  /** The form's fields, as {@link IdentityMappingService} names them in its field errors. */
  static final List<String> FIELDS = List.of(IdentityMappingService.FIELD_WEB_IDENTITY,
      IdentityMappingService.FIELD_IMPI, IdentityMappingService.FIELD_IMPUS, IdentityMappingService.FIELD_POOL);
  /** Pool names offered as suggestions in the form. */
  private static final int POOL_SUGGESTIONS = 100;

  /**
   * The mapping form as typed: {@code kind} {@code fixed} (IMPI and IMPUs, one per line, default first) or
   * {@code pool}. Serializable: the flash of a refused form lives in the session, in the database (issue 16).
   */
  public record MappingForm(String webIdentity, String kind, String impi, String impus, String pool)
      implements Serializable {

    static final String POOL = "pool";

    static MappingForm of(IdentityMapping mapping) {
      return mapping.isPool()
          ? new MappingForm(mapping.webIdentity(), POOL, "", "", mapping.pool())
          : new MappingForm(mapping.webIdentity(), "fixed", mapping.identity().impi(),
              String.join("\n", mapping.identity().impus()), "");
    }

    /** What the service checks: only the fields of the chosen kind. */
    IdentityMappingService.Input input(String webIdentity) {
      if (POOL.equals(kind)) {
        if (pool == null || pool.isBlank()) {
          throw InvalidInputException.of(IdentityMappingService.FIELD_POOL, "required: the name of a pool");
        }
        return IdentityMappingService.Input.toPool(webIdentity, pool);
      }
      return IdentityMappingService.Input.fixed(webIdentity, impi,
          impus == null ? List.of() : impus.lines().toList());
    }
  }

  private final IdentityMappingService mappings;
  private final ImpuPoolService pools;

  public ConsoleMappingController(IdentityMappingService mappings, ImpuPoolService pools) {
    this.mappings = mappings;
    this.pools = pools;
  }

  @GetMapping(NEW_PATH)
  public String newMapping(Model model) {
    return form(model, ConsoleForms.formOr(model, new MappingForm("", "fixed", "", "", "")), false);
  }

  @GetMapping(EDIT_PATH)
  public String edit(@RequestParam(name = "webIdentity", defaultValue = "") String webIdentity, Model model,
      RedirectAttributes redirect) {
    Optional<IdentityMapping> mapping = mappings.find(webIdentity);
    if (mapping.isEmpty()) {
      ConsoleForms.refused(redirect, "No mapping for " + webIdentity);
      return "redirect:" + ConsoleController.PATH;
    }
    return form(model, ConsoleForms.formOr(model, MappingForm.of(mapping.get())), true);
  }

  @PostMapping(PATH)
  public String create(@ModelAttribute MappingForm form, Authentication operator, RedirectAttributes redirect) {
    String webIdentity = form.webIdentity() == null ? "" : form.webIdentity().trim();
    try {
      mappings.create(form.input(webIdentity), operator.getName());
    } catch (InvalidInputException e) {
      ConsoleForms.refused(redirect, form, e, FIELDS);
      return "redirect:" + NEW_PATH;
    }
    ConsoleForms.done(redirect, "Mapped " + webIdentity);
    return redirectToList(webIdentity);
  }

  @PostMapping(UPDATE_PATH)
  public String update(@ModelAttribute MappingForm form, Authentication operator, RedirectAttributes redirect) {
    String webIdentity = form.webIdentity() == null ? "" : form.webIdentity();
    try {
      mappings.update(webIdentity, form.input(webIdentity), operator.getName());
    } catch (InvalidInputException e) {
      ConsoleForms.refused(redirect, form, e, FIELDS);
      return redirectToEdit(webIdentity);
    }
    ConsoleForms.done(redirect, "Saved the mapping of " + webIdentity);
    return redirectToList(webIdentity);
  }

  @PostMapping(DELETE_PATH)
  public String delete(@RequestParam(name = "webIdentity", defaultValue = "") String webIdentity,
      @RequestParam(name = ConsoleConfirmation.PARAMETER, defaultValue = "") String confirmed,
      Authentication operator, Model model, RedirectAttributes redirect) {
    if (!ConsoleConfirmation.given(confirmed)) {
      return new ConsoleConfirmation("Delete the mapping of " + webIdentity + "?",
          "The web identity loses its IMS identity at its next sign-in.", DELETE_PATH,
          Map.of("webIdentity", webIdentity), "Delete mapping",
          UriComponentsBuilder.fromPath(EDIT_PATH).queryParam("webIdentity", "{w}").encode()
              .buildAndExpand(webIdentity).toUriString()).ask(model);
    }
    try {
      mappings.delete(webIdentity, operator.getName());
    } catch (InvalidInputException e) {
      ConsoleForms.refused(redirect, e.errors().get(0).message());
      return "redirect:" + ConsoleController.PATH;
    }
    ConsoleForms.done(redirect, "Deleted the mapping of " + webIdentity);
    return "redirect:" + ConsoleController.PATH;
  }

  private String form(Model model, Object form, boolean editing) {
    model.addAttribute(ConsoleForms.FORM, form);
    model.addAttribute("editing", editing);
    model.addAttribute("poolNames", pools.list(new PageRequest(0, POOL_SUGGESTIONS)).items().stream()
        .map(ImpuPool::name).toList());
    return "mapping";
  }

  private static String redirectToList(String webIdentity) {
    return "redirect:" + UriComponentsBuilder.fromPath(ConsoleController.PATH).queryParam("q", "{q}")
        .encode().buildAndExpand(webIdentity).toUriString();
  }

  private static String redirectToEdit(String webIdentity) {
    return "redirect:" + UriComponentsBuilder.fromPath(EDIT_PATH).queryParam("webIdentity", "{w}")
        .encode().buildAndExpand(webIdentity).toUriString();
  }
}
