package org.webims.sip.header;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/**
 * Subscription-State (RFC 6665 §8.2.3): {@code active}, {@code pending} or {@code terminated},
 * with {@code expires}, {@code reason} and {@code retry-after}.
 */
public final class SubscriptionState {

  private final String state;
  private final Parameters parameters;

  private SubscriptionState(String state, Parameters parameters) {
    this.state = state;
    this.parameters = parameters;
  }

  public static SubscriptionState of(String state, Parameters parameters) {
    return new SubscriptionState(state, parameters);
  }

  public static SubscriptionState parse(String value) throws SipParseException {
    Scanner s = new Scanner(value, ParseProblem.BAD_HEADER, "Subscription-State");
    s.skipWhitespace();
    String state = s.token();
    Parameters params = s.parameters("");
    String expires = params.get("expires");
    if (expires != null) {
      SipChars.parseDecimal(expires, Contact.MAX_EXPIRES, "Subscription-State expires");
    }
    String retry = params.get("retry-after");
    if (retry != null) {
      SipChars.parseDecimal(retry, Contact.MAX_EXPIRES, "Subscription-State retry-after");
    }
    return new SubscriptionState(state, params);
  }

  /** The state in lower case. */
  public String state() {
    return SipChars.toLowerAscii(state);
  }

  public boolean isTerminated() {
    return SipChars.equalsIgnoreCase(state, "terminated");
  }

  /** The {@code expires} parameter in seconds, or -1. */
  public long expires() {
    String e = parameters.get("expires");
    return e == null ? -1 : Long.parseLong(e);
  }

  /** The {@code reason} parameter, for example {@code deactivated}, or null. */
  public String reason() {
    return parameters.get("reason");
  }

  public Parameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubscriptionState && ((SubscriptionState) o).state.equals(state)
        && ((SubscriptionState) o).parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return state.hashCode();
  }

  @Override
  public String toString() {
    return state + parameters;
  }
}
