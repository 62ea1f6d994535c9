package org.webims.epcscf.registration;

/**
 * Why a flow's registration state went (TS 24.229 5.2.5): the eP-CSCF treats the pool lease of a
 * scenario-3 IMPU differently after each (EPC-28).
 */
public enum Removal {
  /** EPC-41: the 200 to a deregistration (or a 200 that left no binding). */
  DEREGISTERED,
  /** EPC-42: a reg NOTIFY terminated the flow's last IMPU (network-initiated deregistration). */
  NETWORK_DEREGISTERED,
  /** EPC-43: the WebSocket closed; the binding at the S-CSCF lapses at its expiry. */
  FLOW_LOST
}
