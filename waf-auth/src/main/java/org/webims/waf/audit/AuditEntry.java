package org.webims.waf.audit;

import java.time.Instant;

/**
 * One recorded provisioning change (issue 6): who, what, when.
 *
 * @param id increasing number of the entry
 * @param at when
 * @param actor who: the operator's web identity, the OAuth client id of an automation client or the eP-CSCF, or
 *     {@link AuditLog#SEED_FILE}
 * @param action what was done, one of the {@code AuditLog} action constants, e.g. {@code pool.add-range}
 * @param target what it was done to: a web identity, pool name or lease id
 * @param detail the change in words, e.g. the new IMPUs; never a password or token
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String detail) {
}
