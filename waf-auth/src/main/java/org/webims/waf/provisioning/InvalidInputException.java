package org.webims.waf.provisioning;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Provisioning input refused, field by field: the one failure of the provisioning services. Nothing was changed.
 * The console shows each message next to its field; the REST API answers a problem with an {@code errors} array,
 * status 409 when {@link #conflict()} (a duplicate identity, IMPU or pool), 400 otherwise.
 */
public class InvalidInputException extends RuntimeException {

  private final List<FieldError> errors;
  private final boolean conflict;

  public InvalidInputException(List<FieldError> errors, boolean conflict) {
    super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one field error");
    }
    this.errors = List.copyOf(errors);
    this.conflict = conflict;
  }

  /** One field error. */
  public static InvalidInputException of(String field, String message) {
    return new InvalidInputException(List.of(new FieldError(field, message)), false);
  }

  /** One field error that names a duplicate (REST: 409). */
  public static InvalidInputException conflict(String field, String message) {
    return new InvalidInputException(List.of(new FieldError(field, message)), true);
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** True when the input is well-formed but collides with what exists (duplicate). */
  public boolean conflict() {
    return conflict;
  }

  /** The message of {@code field}, or null when that field is fine (for a form that shows it next to the field). */
  public String messageFor(String field) {
    return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
  }
}
