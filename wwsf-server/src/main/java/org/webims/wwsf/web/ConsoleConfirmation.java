package org.webims.wwsf.web;

import java.util.Map;
import org.springframework.ui.Model;

/**
 * A destructive console action asks first (issue 12 item 9): its POST without {@code confirmed=yes} changes
 * nothing and answers the {@code confirm} page, whose form posts the same fields again with {@code confirmed=yes}.
 * A step of its own rather than a script dialog, so it holds without script and for any client that POSTs.
 *
 * @param question what the button will do, as a question ("Delete pool guests?")
 * @param consequence what follows from it, or null
 * @param action where the confirming form posts (the action's own path)
 * @param fields the action's fields besides {@code confirmed}
 * @param button the confirming button's label
 * @param cancel where Cancel leads
 */
public record ConsoleConfirmation(String question, String consequence, String action, Map<String, String> fields,
    String button, String cancel) {

  /** The request parameter that confirms. */
  public static final String PARAMETER = "confirmed";
  public static final String YES = "yes";

  public ConsoleConfirmation {
    fields = Map.copyOf(fields);
  }

  /** Whether the request parameter {@code confirmed} said yes. */
  static boolean given(String confirmed) {
    return YES.equals(confirmed);
  }

  /** Puts this confirmation into the model and names the page that asks it. */
  String ask(Model model) {
    model.addAttribute("confirmation", this);
    return "confirm";
  }

  public String parameter() {
    return PARAMETER;
  }

  public String yes() {
    return YES;
  }
}
