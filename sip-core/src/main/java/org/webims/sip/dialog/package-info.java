/**
 * RFC 3261 §12 dialogs: {@link org.webims.sip.dialog.Dialog} holds one side's state (route set, remote
 * target, CSeq numbers, tags), {@link org.webims.sip.dialog.RouteSet} turns it into a Request-URI and
 * Route headers (§12.2.1.1, loose and strict routing), and {@link org.webims.sip.dialog.Dialogs} finds
 * the dialog of an incoming message. RFC 6665 subscriptions use the same dialog.
 *
 * <p>Pure and single-threaded by contract, like {@code org.webims.sip.transaction}: no timers, no I/O,
 * no locks. Requests built here carry no Via; the transaction layer or transport adds it.
 */
package org.webims.sip.dialog;
