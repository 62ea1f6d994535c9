package org.webims.sip.header;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Scanner;

/** Event (RFC 6665 §8.2.1): a package such as {@code reg} (RFC 3680) and its parameters. */
public final class Event {

  private final String eventType;
  private final Parameters parameters;

  private Event(String eventType, Parameters parameters) {
    this.eventType = eventType;
    this.parameters = parameters;
  }

  public static Event of(String eventType) {
    return new Event(eventType, Parameters.EMPTY);
  }

  public static Event parse(String value) throws SipParseException {
    Scanner s = new Scanner(value, ParseProblem.BAD_HEADER, "Event");
    s.skipWhitespace();
    String type = s.token();
    return new Event(type, s.parameters(""));
  }

  public String eventType() {
    return eventType;
  }

  /** The {@code id} parameter, or null. */
  public String id() {
    return parameters.get("id");
  }

  public Parameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event && ((Event) o).eventType.equals(eventType) && ((Event) o).parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return eventType.hashCode();
  }

  @Override
  public String toString() {
    return eventType + parameters;
  }
}
