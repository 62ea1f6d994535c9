/**
 * RFC 3261 §17 INVITE (with RFC 6026) and non-INVITE client and server transactions, on an
 * injected {@link org.webims.sip.transaction.TimerService} so that the JVM, the browser and tests each supply their
 * own clock. {@link org.webims.sip.transaction.TransactionLayer} is the entry point.
 *
 * <p>Single-threaded by contract: every call into this package, and every timer task, runs on one
 * thread or event loop (the browser's, or one per connection group on the eP-CSCF); there are no
 * locks. Callers that receive on several threads serialise per layer.
 */
package org.webims.sip.transaction;
