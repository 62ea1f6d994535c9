package org.webims.sip.header;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Quoting;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/**
 * P-Charging-Vector (RFC 7315 §4.6): {@code icid-value} first, then charging parameters such as
 * {@code icid-generated-at}, {@code orig-ioi}, {@code term-ioi}.
 */
public final class PChargingVector {

  private final Parameters parameters;

  private PChargingVector(Parameters parameters) {
    this.parameters = parameters;
  }

  /** A vector with just an ICID; the value is quoted because it may hold '=' or '/'. */
  public static PChargingVector of(String icidValue) {
    return new PChargingVector(Parameters.EMPTY.with("icid-value", Quoting.quote(icidValue)));
  }

  public static PChargingVector parse(String value) throws SipParseException {
    Scanner s = new Scanner(";" + value, ParseProblem.BAD_HEADER, "P-Charging-Vector");
    Parameters params = s.parameters("");
    if (params.size() == 0 || !SipChars.equalsIgnoreCase(params.name(0), "icid-value") || params.value(0) == null) {
      throw s.error("icid-value must come first");
    }
    return new PChargingVector(params);
  }

  /** The ICID without quotes. */
  public String icidValue() {
    return parameters.unquoted("icid-value");
  }

  public Parameters parameters() {
    return parameters;
  }

  public PChargingVector withParameter(String name, String value) {
    return new PChargingVector(parameters.with(name, value));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PChargingVector && ((PChargingVector) o).parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode();
  }

  @Override
  public String toString() {
    return parameters.toString().substring(1);
  }
}
