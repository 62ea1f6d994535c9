package org.webims.ims.scscf;

import java.time.Instant;
import java.util.List;

/**
 * One registrar binding (RFC 3261 §10.3): a contact of a registered public identity, immutable.
 * A REGISTER for one IMPU binds the whole implicit registration set (TS 23.228 §4.3.3.4), so each
 * IMPU of the set refers to the same instance.
 *
 * @param impi the private identity whose registration created the binding
 * @param contact the Contact value as registered, without {@code expires}, e.g.
 *     {@code <sip:k2not68h@df7jal23ls0d.invalid;transport=ws>;+sip.instance="<urn:uuid:...>";reg-id=1}
 * @param uri the contact URI alone
 * @param instance the {@code +sip.instance} value without quotes (RFC 5626 §4.1), or null
 * @param regId the {@code reg-id} when the binding is an outbound flow (RFC 5626 §6), else -1
 * @param path the Path values received with the REGISTER, in order (RFC 3327 §5.3)
 * @param callId the Call-ID of the REGISTER that last refreshed the binding
 * @param cseq its CSeq number (RFC 3261 §10.3 step 7 ordering)
 * @param expiresAtMillis when the binding lapses, in the registrar clock's epoch milliseconds
 */
public record Binding(String impi, String contact, String uri, String instance, int regId, List<String> path,
    String callId, long cseq, long expiresAtMillis) {

  public Binding {
    path = List.copyOf(path);
  }

  /** True when the binding is an RFC 5626 outbound flow (it was accepted with its reg-id). */
  public boolean isOutbound() {
    return regId >= 0;
  }

  public Instant expiresAt() {
    return Instant.ofEpochMilli(expiresAtMillis);
  }

  /** Whole seconds left at {@code nowMillis}, rounded up, never negative. */
  public long remainingSeconds(long nowMillis) {
    long left = expiresAtMillis - nowMillis;
    return left <= 0 ? 0 : (left + 999) / 1000;
  }
}
