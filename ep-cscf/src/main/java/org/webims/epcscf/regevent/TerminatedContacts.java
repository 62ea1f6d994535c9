package org.webims.epcscf.regevent;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.registration.FlowRegistration;
import org.webims.epcscf.registration.Registrations;
import org.webims.epcscf.registration.Removal;
import org.webims.epcscf.registration.TlsAssociations;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.reginfo.RegInfo;
import org.webims.sip.reginfo.RegInfoReader;
import org.webims.sip.reginfo.ReginfoException;

/**
 * EPC-41, EPC-42: what a reg NOTIFY's reginfo means for a flow. When the flow's contact is terminated
 * in some registrations, the state of those IMPUs goes (registration and TLS association; with the
 * last one, the flow's state). Why it went decides whether the flow's WebSocket closes
 * ({@link NetworkDeregistrationClose}): it was the client's own deregistration only while the flow's
 * REGISTER with expiry 0 is unanswered ({@link Registrations#isDeregistering}); any other end is
 * the network's, whatever event the reginfo names (Kamailio names an administrative {@code ul.rm}
 * "unregistered", the event RFC 3680 §5.2 keeps for the UE's own).
 */
final class TerminatedContacts {

  private static final Logger log = LoggerFactory.getLogger(TerminatedContacts.class);

  private final Registrations registrations;
  private final TlsAssociations associations;

  TerminatedContacts(Registrations registrations, TlsAssociations associations) {
    this.registrations = registrations;
    this.associations = associations;
  }

  /** True when {@code notify} carries a body that is not reginfo (RFC 3261 §21.4.13: 415). */
  static boolean hasOtherBody(SipRequest notify) {
    return notify.bodyLength() > 0 && !isReginfo(notify);
  }

  private static boolean isReginfo(SipRequest notify) {
    String type = notify.header(HeaderNames.CONTENT_TYPE);
    return type != null && type.toLowerCase(Locale.ROOT).startsWith(RegInfo.CONTENT_TYPE);
  }

  /** The reginfo {@code notify} carries, or null when it has none. */
  static RegInfo read(SipRequest notify) throws ReginfoException {
    if (notify.bodyLength() == 0 || !isReginfo(notify)) {
      return null;
    }
    return RegInfoReader.read(notify.body(), RegInfoReader.DEFAULT_MAX_BYTES);
  }

  /** Applies {@code info} to the flow's state (see the class comment). */
  void apply(String flowId, RegInfo info) {
    FlowRegistration r = registrations.forFlow(flowId).orElse(null);
    if (r == null) {
      return;
    }
    List<String> gone = info.terminatedAors(r.contact());
    if (gone.isEmpty()) {
      return;
    }
    Removal why = registrations.isDeregistering(flowId) ? Removal.DEREGISTERED : Removal.NETWORK_DEREGISTERED;
    log.debug("reg NOTIFY terminated {} IMPU(s) of flow {} ({})", gone.size(), flowId, why);
    associations.removeImpus(flowId, gone);
    String regEvent = r.contact() == null ? null : info.endedEvent(r.contact());
    if (registrations.removeImpus(flowId, gone, why, regEvent) == null) {
      associations.removeFlow(flowId);
    }
  }

  /** {@link #apply} for a NOTIFY relayed to the WIC, whose answer is the WIC's: unreadable reginfo is only logged. */
  void applyRelayed(String flowId, SipRequest notify) {
    try {
      RegInfo info = read(notify);
      if (info != null) {
        apply(flowId, info);
      }
    } catch (ReginfoException e) {
      log.info("relayed reg NOTIFY for flow {} with unreadable reginfo: {}", flowId, e.getMessage());
    }
  }
}
