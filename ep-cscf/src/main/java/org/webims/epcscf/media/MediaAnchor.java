package org.webims.epcscf.media;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.media.AnchoredSessions.Session;
import org.webims.epcscf.media.MediaGateway.Leg;
import org.webims.epcscf.media.MediaGateway.Toward;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.proxy.Decision;
import org.webims.sip.proxy.Target;

/**
 * The eP-CSCF's step before it forwards an SDP (EPC-80..82): an offer of a session the
 * {@link AnchoringPolicy} anchors goes to the eIMS-AGW ({@link MediaGateway}) and is forwarded with the
 * gateway's SDP; the answer in a 18x or 2xx, and every later offer and answer of the dialog (re-INVITE,
 * UPDATE), the same way. The proxy waits for the gateway without blocking: the request's decision is given
 * when the gateway answered, a response is handed on then, and the call's later messages wait in a
 * {@link CallQueue}. Sessions end at the gateway on BYE (either way), on an error final response to the
 * initial INVITE (a CANCEL's 487 among them) and on the loss of the WIC's flow.
 *
 * <p>A gateway that does not answer gets the INVITE a {@code 503 Media Gateway Unavailable}; an error
 * result a {@code 500 Media Gateway Error}; either way the session is deleted. A failed answer leaves the
 * response as it came (the endpoint then refuses the SDP and ends the call, which deletes the session).
 * Everything runs on the proxy's event loop: gateway results are posted back to it through {@code loop}.
 */
public final class MediaAnchor {

  private static final Logger log = LoggerFactory.getLogger(MediaAnchor.class);
  static final String UNAVAILABLE = "Media Gateway Unavailable";
  static final String ERROR = "Media Gateway Error";
  /** RFC 3311; sip-core names only the RFC 3261 methods. */
  private static final String UPDATE = "UPDATE";

  /** Where a message came from. */
  public enum Side { WIC, CORE }

  private static final MediaAnchor OFF = new MediaAnchor(null, null, null, null, null, 1);

  private final MediaGateway gateway;
  private final AnchoringPolicy policy;
  private final Executor loop;
  private final MediaMeters meters;
  private final AnchoredSessions sessions;
  private final CallQueue queue;

  private MediaAnchor(MediaGateway gateway, AnchoringPolicy policy, Executor loop,
      MeterRegistry registry, String prefix, int maxQueued) {
    this.gateway = gateway;
    this.policy = policy;
    this.loop = loop;
    this.sessions = new AnchoredSessions(prefix == null ? "" : prefix);
    this.meters = registry == null ? null : new MediaMeters(registry, sessions::size);
    this.queue = new CallQueue(maxQueued);
  }

  /** No gateway: every message passes as it is. */
  public static MediaAnchor off() {
    return OFF;
  }

  /**
   * @param loop runs a task on the proxy's event loop (at once when already there)
   * @param prefix the start of every gateway call id this eP-CSCF makes (its sessions among others')
   * @param maxQueued messages of one call that may wait for a gateway command
   */
  public static MediaAnchor of(MediaGateway gateway, AnchoringPolicy policy, Executor loop,
      MeterRegistry registry, String prefix, int maxQueued) {
    return new MediaAnchor(gateway, policy, loop, registry, prefix, maxQueued);
  }

  /** Whether a gateway is configured. */
  public boolean isOn() {
    return gateway != null;
  }

  /** Runs {@code work} for {@code message} now, or once the gateway command under way for its call ended. */
  public void enter(SipMessage message, Runnable work) {
    if (gateway == null) {
      work.run();
      return;
    }
    String callId;
    try {
      callId = message.callId();
    } catch (SipParseException e) {
      callId = null;
    }
    queue.enter(callId, work);
  }

  /**
   * §16.5's answer for {@code received} ({@code request} is the eP-CSCF's version of it), which came from {@code from} and
   * belongs to the WIC flow {@code flowId}: forwarded to the one target {@code target} builds, after the
   * gateway rewrote an offer it carries.
   */
  public void forward(SipRequest received, SipRequest request, Side from, String flowId, Decision decision,
      Function<SipRequest, Target> target) throws SipParseException {
    if (gateway == null) {
      decision.forward(List.of(target.apply(request)));
      return;
    }
    String callId = request.callId();
    Session s = sessions.get(callId, flowId);
    if (request.isMethod(SipRequest.BYE)) {
      decision.forward(List.of(target.apply(request)));
      release(s);
      return;
    }
    boolean offer = hasSdp(request) && (request.isMethod(SipRequest.INVITE) || request.isMethod(UPDATE));
    boolean initial = request.isMethod(SipRequest.INVITE) && request.to().tag() == null;
    if (s == null && offer && initial && (from == Side.WIC ? policy.anchorsFromWic(request.requestUri())
        : policy.anchorsFromCore(request.bodyAsString()))) {
      s = sessions.create(callId, flowId, from == Side.WIC ? request.from().tag() : null);
    }
    if (s == null || !offer) {
      decision.forward(List.of(target.apply(request)));
      return;
    }
    Session session = s;
    s.offerCseq = request.cseq().sequence();
    s.offerFromWic = from == Side.WIC;
    meters.offer();
    step(callId, gateway.offer(new Leg(s.ngCallId, request.from().tag(), request.to().tag()), request.bodyAsString(),
        from == Side.WIC ? Toward.CORE : Toward.WIC), (sdp, failure) -> {
          if (failure == null) {
            decision.forward(List.of(target.apply(withSdp(request, sdp))));
            return;
          }
          boolean timeout = failure.reason() == MediaGatewayException.Reason.TIMEOUT;
          log.warn("{} of call {} refused: {}", request.method(), callId, failure.getMessage());
          decision.respond(SipResponse.to(received, timeout ? 503 : 500, timeout ? UNAVAILABLE : ERROR).build());
          if (initial) {
            release(session); // a timed-out offer may still have reached the gateway
          }
        });
  }

  /**
   * A response from {@code from} ({@code flowId}: the WIC's flow, null from the core), handed to
   * {@code then} once the gateway rewrote an answer it carries.
   */
  public void response(SipResponse response, Side from, String flowId, Consumer<SipResponse> then) {
    if (gateway == null) {
      then.accept(response);
      return;
    }
    try {
      String callId = response.callId();
      Session s = from == Side.WIC ? sessions.get(callId, flowId) : sessions.byWicTag(callId, response.from().tag());
      if (s == null) {
        then.accept(response);
        return;
      }
      if (from == Side.WIC && s.wicTag == null) {
        s.wicTag = response.to().tag();
      }
      String method = response.cseq().method();
      boolean invite = method.equals(SipRequest.INVITE);
      if (invite && response.isSuccess()) {
        s.confirmed = true;
      }
      int status = response.statusCode();
      if (!hasSdp(response) || !(invite || method.equals(UPDATE)) || status <= 100 || status >= 300
          || !s.answers(response.cseq().sequence(), from == Side.WIC)) {
        then.accept(response);
        return;
      }
      meters.answer();
      step(callId, gateway.answer(new Leg(s.ngCallId, response.from().tag(), response.to().tag()),
          response.bodyAsString(), from == Side.WIC ? Toward.CORE : Toward.WIC), (sdp, failure) -> {
            if (failure != null) {
              log.warn("answer in the {} of call {} not rewritten: {}", status, callId, failure.getMessage());
            }
            then.accept(failure == null ? withSdp(response, sdp) : response);
          });
    } catch (SipParseException e) {
      then.accept(response);
    }
  }

  /** The final {@code status} of the branch that carried the initial INVITE of {@code callId} for {@code flowId}. */
  public void initialFinal(String callId, String flowId, int status) {
    if (gateway != null && status >= 300) {
      Session s = sessions.get(callId, flowId);
      if (s != null && !s.confirmed) {
        release(s);
      }
    }
  }

  /** The WIC's flow is gone: its sessions end (EPC-82 with EPC-66's BYE). */
  public void flowLost(String flowId) {
    if (gateway != null) {
      for (Session s : sessions.ofFlow(flowId)) {
        release(s);
      }
    }
  }

  /**
   * Deletes at the gateway what it lists with this eP-CSCF's prefix and this eP-CSCF no longer knows
   * (a delete that failed, a restart), up to {@code limit} listed calls; on the event loop.
   */
  public void reconcile(int limit) {
    if (gateway == null) {
      return;
    }
    gateway.list(limit).whenComplete((calls, failure) -> loop.execute(() -> {
      if (failure != null) {
        fail("list", failure);
        return;
      }
      for (String id : calls) {
        if (sessions.isOurs(id) && !sessions.knows(id)) {
          log.info("orphaned media session {} deleted", id);
          delete(id);
        }
      }
    }));
  }

  /** Sessions anchored now (tests, the gauge). */
  public int sessions() {
    return sessions.size();
  }

  private void release(Session s) {
    if (s != null && sessions.remove(s)) {
      delete(s.ngCallId);
    }
  }

  private void delete(String ngCallId) {
    meters.delete();
    gateway.delete(ngCallId).whenComplete((ok, failure) -> {
      if (failure != null) {
        loop.execute(() -> fail("delete of " + ngCallId, failure));
      }
    });
  }

  private void fail(String what, Throwable failure) {
    MediaGatewayException e = MediaGatewayException.of(failure);
    meters.failed(e == null ? MediaGatewayException.Reason.ERROR : e.reason());
    log.warn("media gateway {} failed: {}", what, e == null ? failure.toString() : e.getMessage());
  }

  /** Runs {@code then} on the loop with the gateway's SDP or failure; the call's messages wait meanwhile. */
  private void step(String callId, CompletionStage<String> command, BiConsumer<String, MediaGatewayException> then) {
    queue.begin(callId);
    command.whenComplete((sdp, failure) -> loop.execute(() -> {
      try {
        MediaGatewayException e = null;
        if (failure != null) {
          e = MediaGatewayException.of(failure);
          if (e == null) {
            e = new MediaGatewayException(MediaGatewayException.Reason.ERROR, failure.toString());
          }
          meters.failed(e.reason());
        }
        then.accept(sdp, e);
      } finally {
        queue.end(callId);
      }
    }));
  }

  private static boolean hasSdp(SipMessage message) {
    String type = message.header(HeaderNames.CONTENT_TYPE);
    return message.bodyLength() > 0 && type != null
        && type.trim().toLowerCase(Locale.ROOT).startsWith("application/sdp");
  }

  private static SipRequest withSdp(SipRequest request, String sdp) {
    return request.toBuilder().body(request.header(HeaderNames.CONTENT_TYPE), sdp).build();
  }

  private static SipResponse withSdp(SipResponse response, String sdp) {
    return response.toBuilder().body(response.header(HeaderNames.CONTENT_TYPE), sdp).build();
  }
}
