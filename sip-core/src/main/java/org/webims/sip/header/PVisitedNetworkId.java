package org.webims.sip.header;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Quoting;
import org.webims.sip.syntax.Scanner;

/** One P-Visited-Network-ID value (RFC 7315 §4.3): a token or quoted string naming the network. */
public final class PVisitedNetworkId {

  private final String network;
  private final Parameters parameters;

  private PVisitedNetworkId(String network, Parameters parameters) {
    this.network = network;
    this.parameters = parameters;
  }

  public static PVisitedNetworkId of(String network) {
    return new PVisitedNetworkId(network, Parameters.EMPTY);
  }

  public static List<PVisitedNetworkId> parseList(String value) throws SipParseException {
    List<String> parts = Scanner.splitList(value, ParseProblem.BAD_HEADER, "P-Visited-Network-ID");
    List<PVisitedNetworkId> list = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      Scanner s = new Scanner(parts.get(i), ParseProblem.BAD_HEADER, "P-Visited-Network-ID");
      String network = s.peek() == '"' ? s.quotedString() : s.token();
      list.add(new PVisitedNetworkId(network, s.parameters("")));
    }
    return list;
  }

  /** The network name without quotes. */
  public String network() {
    return network;
  }

  public Parameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PVisitedNetworkId && ((PVisitedNetworkId) o).network.equals(network)
        && ((PVisitedNetworkId) o).parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return network.hashCode();
  }

  /** Always quoted, as TS 24.229 examples write it. */
  @Override
  public String toString() {
    return Quoting.quote(network) + parameters;
  }
}
