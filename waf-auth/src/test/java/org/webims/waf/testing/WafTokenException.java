package org.webims.waf.testing;

/**
 * The WAF refused to issue a token: {@code error} is the OAuth error code ({@code login_failed} when the form
 * login was refused), {@code description} the server's {@code error_description} when it sent one.
 */
public final class WafTokenException extends Exception {

  private final String error;
  private final String description;

  public WafTokenException(String error, String description) {
    super(description == null ? error : error + ": " + description);
    this.error = error;
    this.description = description;
  }

  public String error() {
    return error;
  }

  public String description() {
    return description;
  }
}
