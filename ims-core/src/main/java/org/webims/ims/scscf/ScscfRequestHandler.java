package org.webims.ims.scscf;

import java.net.InetAddress;
import java.util.Set;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * The S-CSCF's request dispatch: REGISTER to the registrar, everything else refused with Allow
 * (RFC 3261 §8.2.1: 405 for a method it knows, 501 for one it does not); SUBSCRIBE to the reg
 * event notifier (SCS-10..14) when there is one. Socket-free: it takes a request and its source address
 * and returns the answer, so it is tested without a network.
 */
public final class ScscfRequestHandler {

  static final String ALLOW = "REGISTER";
  static final String ALLOW_WITH_REG_EVENT = "REGISTER, SUBSCRIBE";
  private static final Set<String> KNOWN_METHODS = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "SUBSCRIBE",
      "NOTIFY", "MESSAGE", "INFO", "PRACK", "UPDATE", "REFER", "PUBLISH");

  private final RegisterHandler register;
  private final RegEventNotifier regEvent;
  private final RegisterAuthorization authorization;

  public ScscfRequestHandler(RegisterHandler register) {
    this(register, null, null);
  }

  /** With {@code regEvent} null, SUBSCRIBE gets 405 as before. */
  public ScscfRequestHandler(RegisterHandler register, RegEventNotifier regEvent) {
    this(register, regEvent, null);
  }

  /**
   * As above; {@code authorization} reads the HSS
   * for {@link #lookUp} (null: nothing is read ahead).
   */
  public ScscfRequestHandler(RegisterHandler register, RegEventNotifier regEvent,
      RegisterAuthorization authorization) {
    this.register = register;
    this.regEvent = regEvent;
    this.authorization = authorization;
  }

  /**
   * Whether {@code request} needs the HSS, whose lookups block: a REGISTER does. The S-CSCF then
   * runs {@link #lookUp} on an executor and {@link #handle(SipRequest, InetAddress, SubscriberRepository)}
   * with its result on the event loop.
   */
  public boolean needsHss(SipRequest request) {
    return authorization != null && request.isMethod(SipRequest.REGISTER);
  }

  /** Reads what {@code request} needs from the HSS; blocks on the database (issue 13: never on a loop). */
  public SubscriberRepository lookUp(SipRequest request) {
    return authorization.lookUp(request);
  }

  /** The final response to {@code request}, which came from {@code source}, reading the HSS itself. */
  public SipResponse handle(SipRequest request, InetAddress source) {
    return handle(request, source, null);
  }

  /**
   * The final response to {@code request}, which came from {@code source}; {@code hss} holds the HSS
   * answer read off the event loop ({@link #lookUp}), null reads the HSS here.
   */
  public SipResponse handle(SipRequest request, InetAddress source, SubscriberRepository hss) {
    try {
      request.validate();
      if (request.isMethod(SipRequest.REGISTER)) {
        return register.register(request, source, hss);
      }
      if (regEvent != null && request.isMethod(SipRequest.SUBSCRIBE)) {
        return regEvent.subscribe(request, source);
      }
      if (request.isMethod(SipRequest.CANCEL)) {
        // RFC 3261 §9.2: every REGISTER is answered at once, so nothing is left to cancel.
        return ScscfResponses.to(request, 481, null).build();
      }
      int status = KNOWN_METHODS.contains(request.method()) ? 405 : 501;
      String allow = regEvent == null ? ALLOW : ALLOW_WITH_REG_EVENT;
      return ScscfResponses.to(request, status, null).header(HeaderNames.ALLOW, allow).build();
    } catch (SipParseException e) {
      return SipResponse.to(request, e.statusCode(), e.reason()).build();
    }
  }
}
