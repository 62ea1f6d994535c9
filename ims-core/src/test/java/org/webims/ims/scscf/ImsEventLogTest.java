package org.webims.ims.scscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.ims.testing.TestSubscribers.ALICE_IMPI;
import static org.webims.ims.testing.TestSubscribers.ALICE_PASSWORD;
import static org.webims.ims.testing.TestSubscribers.ALICE_SIP;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.ims.testing.TestDigest;
import org.webims.server.testing.EventLines;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.message.HeaderNames;

/**
 * Issue 16, point 5: the IMS core's event log ({@code webims.events.ims}): a registration, its end by the user or by
 * its expiry, and a REGISTER refused, one line each; a Digest refusal shows no part of the credentials (response,
 * nonce, cnonce, nonce count), only who was refused and why. Socket-free, as {@link SipDigestRegistrationTest}.
 */
class ImsEventLogTest {

  private final SipDigestRegistrationTest s = new SipDigestRegistrationTest();
  private final EventLines events = new EventLines(Registrar.EVENTS);

  @AfterEach
  void release() {
    events.close();
  }

  /** Alice registers with SIP Digest; returns the challenge she answered. */
  private DigestChallenge registered() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(s.firstRegister(), DigestAlgorithm.SHA_256);
    assertThat(s.send(SipDigestRegistrationTest.alice(2,
        TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending"))).statusCode()).isEqualTo(200);
    return challenge;
  }

  @Test
  void aRegistrationAndItsDeregistrationByTheUserAreOneLineEach() throws Exception {
    DigestChallenge challenge = registered();
    assertThat(events.of("registration")).singleElement().asString()
        .startsWith("registration impu=" + ALICE_SIP + " impi=" + ALICE_IMPI).contains(" expires=");

    assertThat(s.send(SipDigestRegistrationTest.alice(3, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 2,
        "tls-yes")).setHeader(HeaderNames.EXPIRES, "0")).statusCode()).isEqualTo(200);
    assertThat(events.of("deregistration")).singleElement().asString()
        .contains("impu=" + ALICE_SIP, "impi=" + ALICE_IMPI, "reason=user");
  }

  @Test
  void aBindingThatLapsesIsADeregistrationForItsExpiry() throws Exception {
    registered();
    s.clock.advanceSeconds(3601);
    assertThat(events.of("deregistration")).singleElement().asString().contains("reason=expired");
  }

  /** Never a credential: the refusal names the IMPU, the source and the reason, nothing of the Digest answer. */
  @Test
  void aWrongPasswordIsOneRefusalWithoutAnyPartOfTheCredentials() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(s.firstRegister(), DigestAlgorithm.SHA_256);
    String wrong = TestDigest.answer(challenge, ALICE_IMPI, "guess", 1, "tls-pending");

    assertThat(s.send(SipDigestRegistrationTest.alice(2, wrong)).statusCode()).isEqualTo(403);

    assertThat(events.of("register.refused")).singleElement().asString()
        .contains("impu=" + ALICE_SIP, "reason=403", "phrase=\"Wrong credentials\"", "source=");
    DigestCredentials sent = DigestCredentials.from(AuthValue.parseList(wrong, "Authorization").get(0));
    assertThat(events.all()).isNotEmpty().noneMatch(line -> line.contains(sent.response())
        || line.contains(sent.nonce()) || line.contains(sent.cnonce()) || line.contains("nc=")
        || line.contains("Digest") || line.contains("guess"));
    assertThat(events.of("registration")).isEmpty();
  }
}
