package org.webims.waf.provisioning;

import java.util.ArrayList;
import java.util.List;

/** Collects the field errors of one input, so that a form shows all of them at once, not the first only. */
public final class FieldErrors {

  private final List<FieldError> errors = new ArrayList<>();
  private int conflicts;

  public FieldErrors add(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  /** A duplicate: the whole input then answers 409 in the REST API. */
  public FieldErrors addConflict(String field, String message) {
    conflicts++;
    return add(field, message);
  }

  public boolean has(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Throws {@link InvalidInputException} with every collected error, if any. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      // 409 only when every error is a duplicate: a malformed field is the first thing to fix.
      throw new InvalidInputException(errors, conflicts == errors.size());
    }
  }
}
