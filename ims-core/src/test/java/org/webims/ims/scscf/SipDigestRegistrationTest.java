package org.webims.ims.scscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.ims.testing.TestSubscribers.ALICE_IMPI;
import static org.webims.ims.testing.TestSubscribers.ALICE_PASSWORD;
import static org.webims.ims.testing.TestSubscribers.ALICE_SIP;
import static org.webims.ims.testing.TestSubscribers.ALICE_TEL;
import static org.webims.ims.testing.TestSubscribers.BOB_SIP;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.webims.ims.config.ImsProperties;
import org.webims.ims.testing.TestDigest;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.ims.testing.VirtualClock;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * SIP Digest at the S-CSCF (SCS-01..04, RFC 7616, RFC 8760) without sockets, on a virtual clock: the
 * REGISTERs arrive from the eP-CSCF (a trusted node) with the WIC's address in the bottom Via.
 */
class SipDigestRegistrationTest {

  static final InetAddress EPCSCF = InetAddress.getLoopbackAddress();
  static final String WIC_ADDRESS = "198.51.100.23";

  final VirtualClock clock = new VirtualClock();
  final Registrar registrar = new Registrar(clock, clock);
  ScscfRequestHandler scscf = scscf(TestDigest.defaults());

  ScscfRequestHandler scscf(ImsProperties.Digest digest) {
    return new ScscfRequestHandler(new RegisterHandler(registrar,
        new RegisterAuthorization(TestSubscribers.inMemory(TestSubscribers.alice(), TestSubscribers.bob()),
            List.of(EPCSCF), TestSubscribers.REALM, digest, clock),
        new ImsProperties.Registrar(3600, 60, 3600, "sip:orig@scscf.ims.example.net;lr", "ccf=192.0.2.10", 10)));
  }

  /** Alice's REGISTER with these credentials (null: no Authorization). */
  static SipRequest.Builder alice(long cseq, String authorization) {
    SipRequest.Builder b = TestRegisters.alice("TCP", cseq);
    return authorization == null ? b.removeHeader(HeaderNames.AUTHORIZATION)
        : b.setHeader(HeaderNames.AUTHORIZATION, authorization);
  }

  /** The same REGISTER as relayed for a WIC at {@code wicAddress} (RFC 3581 received). */
  static SipRequest.Builder from(String wicAddress, SipRequest.Builder register) {
    return register.setHeader(HeaderNames.VIA, "SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bKep"
        + Long.toHexString(System.nanoTime()) + ", SIP/2.0/WSS df7jal23ls0d.invalid;rport=52810;received="
        + wicAddress + ";branch=z9hG4bK56sdasks");
  }

  SipResponse send(SipRequest.Builder request) {
    return scscf.handle(request.build(), EPCSCF);
  }

  /** WIC-20: the empty-response REGISTER the eP-CSCF forwards without integrity-protected (EPC-11). */
  SipResponse firstRegister() {
    return send(alice(1, TestDigest.emptyResponse(ALICE_IMPI, null)));
  }

  @Test
  void scs01ChallengesARegisterWithoutAuthorizationOncePerConfiguredAlgorithm() throws Exception {
    SipResponse r = send(alice(1, null));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.to().tag()).isNotBlank();
    List<DigestChallenge> challenges = TestDigest.challenges(r);
    assertThat(challenges).extracting(DigestChallenge::algorithm).containsExactly("SHA-512-256", "SHA-256", "MD5");
    assertThat(challenges).allSatisfy(c -> {
      assertThat(c.realm()).isEqualTo(TestSubscribers.REALM);
      assertThat(c.qopOptions()).containsExactly("auth");
      assertThat(c.opaque()).isNotBlank();
      assertThat(c.stale()).isFalse();
      assertThat(c.nonce()).matches("[0-9a-f]{32}");
    });
    assertThat(r.headerLines(HeaderNames.WWW_AUTHENTICATE).get(0))
        .contains("qop=\"auth\"").contains("algorithm=SHA-512-256");
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void scs01ChallengesAnEmptyResponseWithoutIntegrityProtectedWithTlsPendingAndWithTlsYes() {
    for (String integrityProtected : new String[] {null, "tls-pending", "tls-yes", "ip-assoc-pending"}) {
      SipResponse r = send(alice(1, TestDigest.emptyResponse(ALICE_IMPI, integrityProtected)));

      assertThat(r.statusCode()).as(String.valueOf(integrityProtected)).isEqualTo(401);
    }
  }

  @Test
  void scs02AlgorithmsAndTheirOrderComeFromConfiguration() throws Exception {
    scscf = scscf(TestDigest.config("MD5", "SHA-256"));

    SipResponse r = firstRegister();

    assertThat(TestDigest.challenges(r)).extracting(DigestChallenge::algorithm).containsExactly("MD5", "SHA-256");
  }

  @Test
  void scs02EveryChallengeHasItsOwnFreshNonce() throws Exception {
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      TestDigest.challenges(firstRegister()).forEach(c -> nonces.add(c.nonce()));
    }

    assertThat(nonces).hasSize(30);
  }

  @Test
  void scs02KeepsAtMostMaxNoncesAndForgetsTheOldestFirst() throws Exception {
    scscf = scscf(new ImsProperties.Digest(List.of("SHA-256"), Duration.ofMinutes(5), 2, 5, Duration.ofMinutes(5)));
    List<DigestChallenge> issued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      issued.add(TestDigest.challenges(firstRegister()).get(0));
    }

    SipResponse oldest = send(alice(2, TestDigest.answer(issued.get(0), ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")));
    SipResponse newest = send(alice(3, TestDigest.answer(issued.get(2), ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")));

    assertThat(oldest.statusCode()).isEqualTo(401);
    assertThat(TestDigest.challenges(oldest).get(0).stale()).isFalse();
    assertThat(newest.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(value = DigestAlgorithm.class, names = {"MD5", "SHA_256", "SHA_512_256"})
  void scs03ACorrectResponseRegistersWithTheUsualOk(DigestAlgorithm algorithm) throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), algorithm);

    SipResponse ok = send(alice(2, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header(HeaderNames.SERVICE_ROUTE)).isEqualTo("<sip:orig@scscf.ims.example.net;lr>");
    assertThat(ok.pAssociatedUris()).extracting(a -> a.uri().toString()).containsExactly(ALICE_SIP, ALICE_TEL);
    assertThat(ok.headerLines(HeaderNames.PATH)).containsExactly(TestRegisters.PATH);
    assertThat(registrar.bindings(ALICE_SIP)).singleElement().extracting(Binding::impi).isEqualTo(ALICE_IMPI);
  }

  @Test
  void scs03ACorrectResponseWithoutIntegrityProtectedAlsoRegisters() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);

    SipResponse ok = send(alice(2, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, null)));

    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void scs03WrongPasswordIsForbiddenAfterTheChallengeRound() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);

    SipResponse r = send(alice(2, TestDigest.answer(challenge, ALICE_IMPI, "guess", 1, "tls-pending")));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Wrong credentials");
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void scs03ANonceAnsweredWronglyIsForgottenSoTheRightPasswordNeedsANewRound() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);
    send(alice(2, TestDigest.answer(challenge, ALICE_IMPI, "guess", 1, "tls-pending")));

    SipResponse r = send(alice(3, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 2, "tls-pending")));

    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void scs03UnknownImpiGetsTheSameAnswerAsAWrongPassword() throws Exception {
    String mallory = "mallory@ims.example.net";
    DigestChallenge challenge = TestDigest.challenge(send(alice(1, TestDigest.emptyResponse(mallory, null))),
        DigestAlgorithm.SHA_256);

    SipResponse r = send(alice(2, TestDigest.answer(challenge, mallory, "whatever", 1, "tls-pending")));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Wrong credentials");
  }

  @Test
  void scs03RealmMismatchIsForbidden() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);
    String otherRealm = TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")
        .replace("realm=\"ims.example.net\"", "realm=\"other.example.net\"");

    SipResponse r = send(alice(2, otherRealm));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Realm mismatch");
  }

  @Test
  void scs03ExpiredNonceWithACorrectResponseGetsStaleThenTheNewNonceRegisters() throws Exception {
    DigestChallenge old = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);
    clock.advanceSeconds(300);

    SipResponse stale = send(alice(2, TestDigest.answer(old, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")));
    DigestChallenge fresh = TestDigest.challenge(stale, DigestAlgorithm.SHA_256);
    SipResponse ok = send(alice(3, TestDigest.answer(fresh, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")));

    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(TestDigest.challenges(stale)).hasSize(3).allSatisfy(c -> assertThat(c.stale()).isTrue());
    assertThat(fresh.nonce()).isNotEqualTo(old.nonce());
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void scs03ExpiredNonceWithAWrongResponseIsForbiddenNotStale() throws Exception {
    DigestChallenge old = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);
    clock.advanceSeconds(301);

    SipResponse r = send(alice(2, TestDigest.answer(old, ALICE_IMPI, "guess", 1, "tls-pending")));

    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void scs03ReplayedNcIsChallengedAgainWithoutStaleAndChangesNothing() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);
    String nc1 = TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending");
    assertThat(send(alice(2, nc1)).statusCode()).isEqualTo(200);

    SipResponse replayed = send(alice(3, nc1).setHeader(HeaderNames.EXPIRES, "0"));

    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(TestDigest.challenges(replayed)).allSatisfy(c -> assertThat(c.stale()).isFalse());
    assertThat(registrar.bindings(ALICE_SIP)).hasSize(1);
  }

  @Test
  void scs03AnUnknownNonceGetsANewChallenge() throws Exception {
    DigestChallenge forged = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);
    String answer = TestDigest.answer(forged, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")
        .replace(forged.nonce(), "5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c");

    SipResponse r = send(alice(2, answer));

    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void scs03MalformedCredentialsAreABadRequest() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);
    String good = TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending");

    SipResponse noQop = send(alice(2, good.replace(", qop=auth", "")));
    SipResponse badNc = send(alice(3, good.replace("nc=00000001", "nc=1")));
    SipResponse otherUri = send(alice(4, good.replace("uri=\"sip:ims.example.net\"", "uri=\"sip:other.example.net\"")));

    assertThat(noQop.statusCode()).isEqualTo(400);
    assertThat(badNc.statusCode()).isEqualTo(400);
    assertThat(otherUri.statusCode()).isEqualTo(400);
    assertThat(otherUri.reasonPhrase()).isEqualTo("Bad Digest credentials: uri does not match the Request-URI");
  }

  @Test
  void scs03AuthenticatedButNotOwningTheToIdentityIsForbidden() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);

    SipResponse r = send(TestRegisters.register("TCP", BOB_SIP, ALICE_IMPI, 2).setHeader(HeaderNames.AUTHORIZATION,
        TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Public identity not associated with private identity");
  }

  @Test
  void scs04TlsYesReRegistrationAndDeregistrationReuseTheNonceWithNcPlusOne() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_512_256);
    assertThat(send(alice(2, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")))
        .statusCode()).isEqualTo(200);
    clock.advanceSeconds(60);

    SipResponse reRegistered = send(alice(3, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 2, "tls-yes")));
    SipResponse deregistered = send(alice(4, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 3, "tls-yes"))
        .setHeader(HeaderNames.EXPIRES, "0"));

    assertThat(reRegistered.statusCode()).isEqualTo(200);
    assertThat(deregistered.statusCode()).isEqualTo(200);
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void scs04TlsYesWithAnExpiredNonceIsChallengedWithStale() throws Exception {
    DigestChallenge challenge = TestDigest.challenge(firstRegister(), DigestAlgorithm.SHA_256);
    send(alice(2, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")));
    clock.advanceSeconds(1800);

    SipResponse r = send(alice(3, TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 2, "tls-yes")));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(TestDigest.challenge(r, DigestAlgorithm.SHA_256).stale()).isTrue();
  }

  @Test
  void scs04TlsYesWithANonceIssuedToAnotherImpiIsChallenged() throws Exception {
    SipResponse bobs = send(TestRegisters.register("TCP", BOB_SIP, TestSubscribers.BOB_IMPI, 1)
        .setHeader(HeaderNames.AUTHORIZATION, TestDigest.emptyResponse(TestSubscribers.BOB_IMPI, null)));
    DigestChallenge bobChallenge = TestDigest.challenge(bobs, DigestAlgorithm.SHA_256);

    SipResponse r = send(alice(2, TestDigest.answer(bobChallenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-yes")));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void scs04TlsYesAnsweringANonceIssuedToNobodyIsVerifiedLikeAnyOtherAnswer() throws Exception {
    // An ordinary SIP UA (JsSIP) starts every REGISTER without Authorization, so each nonce it answers was
    // issued to nobody; after its first 200 the eP-CSCF marks those answers tls-yes (EPC-13, EPC-22).
    DigestChallenge first = TestDigest.challenge(send(alice(1, null)), DigestAlgorithm.SHA_256);
    assertThat(send(alice(2, TestDigest.answer(first, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending"))).statusCode())
        .isEqualTo(200);

    DigestChallenge refresh = TestDigest.challenge(send(alice(3, null)), DigestAlgorithm.SHA_256);
    SipResponse reRegistered = send(alice(4, TestDigest.answer(refresh, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-yes")));
    DigestChallenge guessed = TestDigest.challenge(send(alice(5, null)), DigestAlgorithm.SHA_256);
    SipResponse wrongPassword = send(alice(6, TestDigest.answer(guessed, ALICE_IMPI, "wrong", 1, "tls-yes")));

    assertThat(reRegistered.statusCode()).isEqualTo(200);
    assertThat(wrongPassword.statusCode()).isEqualTo(403);
  }

  @Test
  void guessingLocksTheImpiOutAfterMaxFailuresEvenForTheRightPasswordUntilTheWindowPasses() throws Exception {
    for (int i = 0; i < 5; i++) {
      DigestChallenge c = TestDigest.challenge(send(from("192.0.2." + (10 + i), alice(1, null))), DigestAlgorithm.MD5);
      assertThat(send(from("192.0.2." + (10 + i), alice(2, TestDigest.answer(c, ALICE_IMPI, "guess" + i, 1, null))))
          .statusCode()).isEqualTo(403);
    }

    SipResponse locked = firstRegister();
    clock.advanceSeconds(300);
    DigestChallenge c = TestDigest.challenge(firstRegister(), DigestAlgorithm.MD5);
    SipResponse ok = send(alice(3, TestDigest.answer(c, ALICE_IMPI, ALICE_PASSWORD, 1, null)));

    assertThat(locked.statusCode()).isEqualTo(403);
    assertThat(locked.reasonPhrase()).startsWith("Too many failed authentication attempts");
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  /** Issue 12 item 9: the lockout says how long it lasts, in the reason phrase and in Retry-After (seconds). */
  @Test
  void aLockoutSaysHowLongItLastsInTheReasonPhraseAndRetryAfter() throws Exception {
    for (int i = 0; i < 5; i++) {
      DigestChallenge c = TestDigest.challenge(send(alice(1, null)), DigestAlgorithm.MD5);
      send(alice(2, TestDigest.answer(c, ALICE_IMPI, "guess" + i, 1, null)));
    }
    clock.advanceSeconds(100);

    SipResponse locked = firstRegister();
    clock.advanceSeconds(170);
    SipResponse lockedStill = firstRegister();

    assertThat(locked.statusCode()).isEqualTo(403);
    assertThat(locked.reasonPhrase()).isEqualTo("Too many failed authentication attempts, try again in 4 minutes");
    assertThat(locked.header(HeaderNames.RETRY_AFTER)).isEqualTo("200");
    assertThat(lockedStill.reasonPhrase())
        .isEqualTo("Too many failed authentication attempts, try again in 30 seconds");
    assertThat(lockedStill.header(HeaderNames.RETRY_AFTER)).isEqualTo("30");
  }

  @Test
  void guessingLocksTheClientAddressOutAcrossImpisButNotOtherClientsBehindTheSameEpCscf() throws Exception {
    for (int i = 0; i < 5; i++) {
      String impi = "guess" + i + "@ims.example.net";
      DigestChallenge c = TestDigest.challenge(send(alice(1, TestDigest.emptyResponse(impi, null))),
          DigestAlgorithm.MD5);
      send(alice(2, TestDigest.answer(c, impi, "pw", 1, null)));
    }

    SipResponse sameClient = firstRegister();
    SipResponse otherClient = send(from("203.0.113.7", alice(1, TestDigest.emptyResponse(ALICE_IMPI, null))));

    assertThat(sameClient.statusCode()).isEqualTo(403);
    assertThat(otherClient.statusCode()).isEqualTo(401);
  }

  @Test
  void aCorrectAnswerClearsTheImpiFailureCount() throws Exception {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 4; i++) {
        String client = "192.0.2." + (round * 10 + i);
        DigestChallenge c = TestDigest.challenge(send(from(client, alice(1, null))), DigestAlgorithm.MD5);
        send(from(client, alice(2, TestDigest.answer(c, ALICE_IMPI, "guess", 1, null))));
      }
      DigestChallenge c = TestDigest.challenge(send(from("203.0.113." + round, alice(1, null))), DigestAlgorithm.MD5);
      SipResponse ok = send(from("203.0.113." + round, alice(10 + round,
          TestDigest.answer(c, ALICE_IMPI, ALICE_PASSWORD, 1, null))));

      assertThat(ok.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void scs05AuthDoneFromTheTrustedNodeStillRegistersWithoutAChallenge() {
    SipResponse ok = send(TestRegisters.alice("TCP", 1));

    assertThat(ok.statusCode()).isEqualTo(200);
  }
}
