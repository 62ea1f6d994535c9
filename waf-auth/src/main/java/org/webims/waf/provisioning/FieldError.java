package org.webims.waf.provisioning;

import java.util.Objects;

/** One refused input field and why, in words for the person who typed it (console) or the API client. */
public record FieldError(String field, String message) {

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
