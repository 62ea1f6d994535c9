package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.header.Contact;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.transaction.ClientTransactionUser;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;

/**
 * The REGISTER procedure: writes the REGISTERs of one registration (WIC-05, 06, 07, 11, 12, 31, and WIC-40 with expires 0):
 * one Call-ID, From tag and Contact per connection, CSeq counting up, the Authorization from
 * {@link Authentication}. Each goes out in a sip-core non-INVITE client transaction, which matches
 * the final response and runs Timer F (RFC 3261 §17.1.2); at most one is outstanding. Reads the final
 * response: a 401 goes to {@link Authentication}, a failure or the granted expiry to the agent.
 */
final class RegisterRequests implements ClientTransactionUser {

  private final RegistrationAgent agent;
  private final RandomTokens random;
  /** The +sip.instance value, {@code <urn:uuid:…>} (WIC-06). */
  final String instance;
  private String callId;
  private String fromTag;
  private long cseq;

  RegisterRequests(RegistrationAgent agent, RandomTokens random, String instance) {
    this.agent = agent;
    this.random = random;
    this.instance = instance;
  }

  /** A new connection: a new Call-ID and From tag, CSeq from 1 (WIC-44's new initial registration). */
  void reset() {
    callId = random.token(22);
    fromTag = random.token(10);
    cseq = 0;
  }

  /**
   * Sends one REGISTER (WIC-04) for the agent's session's first IMPU over its flow, unless the
   * session cannot make one: an expired token (WIC-34), no flow, a realm that is no host (WIC-11: the
   * Request-URI is {@code sip:<home domain>}, so this fails here, not at the registrar).
   */
  void send(long expires) {
    WicSession session = agent.session;
    // WIC-34: a REGISTER never carries an expired token (as far as the browser's clock can tell).
    if (session.password() == null && session.expiresAtMillis() != 0
        && session.expiresAtMillis() <= agent.clock.nowMillis()) {
      agent.fail("token expired");
      return;
    }
    if (agent.flow == null) {
      agent.lost("connection lost");
      return;
    }
    try {
      send(agent.flow, session, agent.authentication.authorization(session), expires);
    } catch (SipParseException e) {
      agent.fail("bad session: " + e.reason());
    }
  }

  private void send(Flow flow, WicSession session, String authorization, long expires) throws SipParseException {
    String impu = session.impus().get(0);
    SipRequest register = SipRequest.builder(SipRequest.REGISTER, SipUri.parse("sip:" + session.realm()))
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, "<" + impu + ">;tag=" + fromTag)
        .header(HeaderNames.TO, "<" + impu + ">")
        .header(HeaderNames.CALL_ID, callId)
        .header(HeaderNames.CSEQ, SipChars.decimal(++cseq) + " REGISTER")
        .header(HeaderNames.CONTACT, "<" + flow.contact + ";transport=ws>;+sip.instance=\"" + instance + "\";reg-id=1")
        .header(HeaderNames.EXPIRES, SipChars.decimal(expires))
        .header(HeaderNames.SUPPORTED, "path, outbound")
        .header(HeaderNames.AUTHORIZATION, authorization)
        .build();
    flow.send(register, this);
  }

  /** WIC-13: the {@code expires} of the Contact with our +sip.instance and reg-id; -1 when absent. */
  long grantedExpiry(SipResponse response) throws SipParseException {
    for (Contact c : response.contacts()) {
      if (!c.isWildcard() && instance.equals(c.instance()) && "1".equals(c.address().parameter("reg-id"))) {
        return c.expires() >= 0 ? c.expires() : response.expires();
      }
    }
    return -1;
  }

  /** The final response to a REGISTER, from its client transaction. */
  @Override
  public void onResponse(SipResponse response) {
    if (response.isProvisional()) {
      return;
    }
    try {
      onFinalResponse(response);
    } catch (SipParseException e) {
      // One try for the whole response: a header the agent needs but cannot read fails the procedure.
      agent.fail("bad " + response.statusCode() + " " + response.reasonPhrase() + ": " + e.reason());
    }
  }

  private void onFinalResponse(SipResponse response) throws SipParseException {
    Authentication authentication = agent.authentication;
    long expires = agent.state() == RegistrationState.DEREGISTERING ? 0 : RegistrationAgent.REQUESTED_EXPIRES;
    if (response.statusCode() == 401) {
      int next = authentication.onUnauthorized(response, agent.session);
      if (next == Authentication.ANSWER) {
        send(expires);
      } else if (next == Authentication.NEW_TOKEN) {
        // One new token from the WWSF and one retry, same Call-ID, CSeq+1; the next 401 is final.
        agent.fetchSession();
      } else {
        agent.fail(authentication.failure);
      }
      return;
    }
    if (!response.isSuccess()) {
      agent.fail(response.statusCode() + " " + response.reasonPhrase());
      return;
    }
    authentication.procedureDone();
    if (expires == 0) {
      agent.deregistered(null);
      return;
    }
    long granted = grantedExpiry(response);
    if (granted <= 0) {
      agent.fail("200 OK without own Contact");
      return;
    }
    agent.registered(response, granted);
  }

  @Override
  public void onTimeout() {
    agent.lost("no response");
  }

  @Override
  public void onTransportError(TransportException error) {
    agent.lost("connection lost");
  }
}
