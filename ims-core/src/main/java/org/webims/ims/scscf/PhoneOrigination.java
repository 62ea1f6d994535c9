package org.webims.ims.scscf;

import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.proxy.Decision;
import org.webims.sip.server.loop.Offload;

/**
 * SCS-34 (project): an initial request from a phone that registered at the S-CSCF itself by SIP Digest
 * (a plain SIP UA, no P-CSCF in front, so no P-Asserted-Identity) is authenticated as a proxy does it
 * (RFC 3261 §22.3): 407 with one challenge per algorithm, then the Proxy-Authorization is checked with
 * the REGISTER's nonces and lockout. Its From identity, owned by the IMPI, becomes the asserted identity.
 * Runs on the home loop; the HSS is read on the HSS executor.
 */
final class PhoneOrigination {

  private static final Logger log = LoggerFactory.getLogger(PhoneOrigination.class);

  private final RegisterAuthorization authorization;
  private final Executor hssLookups;
  private final EventLoop home;

  PhoneOrigination(RegisterAuthorization authorization, Executor hssLookups, EventLoop home) {
    this.authorization = authorization;
    this.hssLookups = hssLookups;
    this.home = home;
  }

  /**
   * Authenticates {@code request} from {@code source}: on success {@code proceed} gets the request to forward
   * (P-Asserted-Identity set to the From identity as the HSS spells it, the Proxy-Authorization consumed) and
   * that IMPU; otherwise {@code decision} gets 407, 403 or 400.
   */
  void authenticate(SipRequest request, InetAddress source, Decision decision,
      BiConsumer<SipRequest, String> proceed) {
    try {
      Offload.run(hssLookups, () -> authorization.lookUpOriginating(request), home,
          (SubscriberRepository looked, Throwable failure) -> {
            if (failure != null) {
              log.warn("HSS lookup failed: {}", failure.toString());
              decision.respond(SipResponse.to(request, 500, ScscfSipService.HSS_FAILED).build());
              return;
            }
            decide(request, source, looked, decision, proceed);
          });
    } catch (RejectedExecutionException e) {
      decision.respond(SipResponse.to(request, 503, ScscfSipService.HSS_BUSY).header(HeaderNames.RETRY_AFTER, "1")
          .build());
    }
  }

  private void decide(SipRequest request, InetAddress source, SubscriberRepository looked, Decision decision,
      BiConsumer<SipRequest, String> proceed) {
    try {
      AuthorizationVerdict verdict = authorization.checkOriginating(request, source, looked);
      if (verdict instanceof AuthorizationVerdict.Challenged challenged) {
        SipResponse.Builder required = ScscfResponses.to(request, 407, null);
        for (DigestChallenge challenge : challenged.challenges()) {
          required.header(HeaderNames.PROXY_AUTHENTICATE, challenge.toString());
        }
        decision.respond(required.build());
      } else if (verdict instanceof AuthorizationVerdict.Refused refused) {
        SipResponse.Builder refusal = ScscfResponses.to(request, refused.status(), refused.reason());
        if (refused.retryAfterSeconds() > 0) {
          refusal.header(HeaderNames.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
        }
        decision.respond(refusal.build());
      } else {
        String impu = ((AuthorizationVerdict.Authorized) verdict).impu();
        proceed.accept(request.toBuilder().removeHeader(HeaderNames.PROXY_AUTHORIZATION)
            .setHeader(HeaderNames.P_ASSERTED_IDENTITY, "<" + impu + ">").build(), impu);
      }
    } catch (SipParseException e) {
      decision.respond(SipResponse.to(request, e.statusCode(), e.reason()).build());
    }
  }
}
