package org.webims.epcscf.registration;

import java.util.List;

/**
 * TS 33.203 O.2.2 and O.4.2 (EPC-14): the binding of one WSS connection's TLS session to the IMPI
 * it registered with SIP Digest, and the IMPUs registered over it. Only a REGISTER on this flow,
 * over this TLS session, for this IMPI is forwarded with {@code integrity-protected="tls-yes"}
 * (EPC-13); other requests on it get their asserted identity from {@link #impus()} (EPC-17).
 */
public record TlsAssociation(
    String flowId,
    String sourceIp,
    int sourcePort,
    String tlsSessionId,
    String impi,
    List<String> impus) {

  public TlsAssociation {
    impus = List.copyOf(impus);
  }
}
