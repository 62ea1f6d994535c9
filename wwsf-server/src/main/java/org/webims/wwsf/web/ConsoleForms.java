package org.webims.wwsf.web;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.webims.waf.provisioning.FieldError;
import org.webims.waf.provisioning.InvalidInputException;

/**
 * POST-redirect-GET for the console's forms, also when the input is refused: the redirect back to the form carries
 * (as flash attributes, shown once) what the operator typed, the message of each field, and the outcome of a
 * change for the page after it. The flash lives in the HTTP session, and so in the database (issue 16): every
 * flash value is {@link Serializable}.
 */
final class ConsoleForms {

  /** Flash attribute: the form's values as typed. */
  static final String FORM = "form";
  /** Flash attribute: field name -> message, shown by the {@code fieldError} fragment next to the field. */
  static final String ERRORS = "errors";
  /** Flash attribute: a refusal that belongs to no field of the form. */
  static final String FORM_ERROR = "formError";
  /** Flash attribute: what a change did, shown once at the top of the next page. */
  static final String RESULT = "consoleResult";

  private ConsoleForms() {
  }

  static void done(RedirectAttributes redirect, String result) {
    redirect.addFlashAttribute(RESULT, result);
  }

  static void refused(RedirectAttributes redirect, String message) {
    redirect.addFlashAttribute(FORM_ERROR, message);
  }

  /**
   * Puts the typed {@code form} and the messages of {@code refused} into the flash for the form's page. An error
   * of a field the form does not show ({@code impus[2]} shows by {@code impus}) goes to the message above the
   * form, so none is lost.
   */
  static void refused(RedirectAttributes redirect, Serializable form, InvalidInputException refused,
      List<String> fields) {
    refused(redirect, form, refused, fields, Map.of());
  }

  /** As above, where the service's field {@code x} is the form's field {@code aliases.get(x)}. */
  static void refused(RedirectAttributes redirect, Serializable form, InvalidInputException refused,
      List<String> fields, Map<String, String> aliases) {
    LinkedHashMap<String, String> errors = new LinkedHashMap<>();
    StringBuilder other = new StringBuilder();
    for (FieldError error : refused.errors()) {
      String field = fieldOf(aliases.getOrDefault(error.field(), error.field()), fields);
      if (field != null) {
        errors.merge(field, error.message(), (first, next) -> first + "; " + next);
      } else {
        other.append(other.isEmpty() ? "" : "; ").append(error.field()).append(": ").append(error.message());
      }
    }
    redirect.addFlashAttribute(FORM, form);
    redirect.addFlashAttribute(ERRORS, errors);
    if (!other.isEmpty()) {
      redirect.addFlashAttribute(FORM_ERROR, other.toString());
    }
  }

  /** The form of the page: the one the redirect brought back, else {@code fresh}. */
  static Object formOr(Model model, Object fresh) {
    Object typed = model.getAttribute(FORM);
    return typed != null && typed.getClass() == fresh.getClass() ? typed : fresh;
  }

  private static String fieldOf(String errorField, List<String> fields) {
    for (String field : fields) {
      if (errorField.equals(field) || errorField.startsWith(field + "[") || errorField.startsWith(field + ".")) {
        return field;
      }
    }
    return null;
  }
}
