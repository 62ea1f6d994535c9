package org.webims.e2e.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webims.e2e.support.DigestAnswer;
import org.webims.e2e.support.KamailioRegistrar;
import org.webims.e2e.support.WicRegister;
import org.webims.e2e.support.WsSipClient;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.header.Contact;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * Issue 5 item 4: the WIC's Digest registration and deregistration against a real registrar,
 * Kamailio 5.6, over {@code wss://} and {@code ws://}, for MD5 and SHA-256. One Kamailio per
 * algorithm (the auth module's algorithm is global), started on free loopback ports.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KamailioInteropTest {

  private static final String ORIGIN = "https://wwsf.ims.example.net";

  @TempDir
  Path temp;

  private final Map<DigestAlgorithm, KamailioRegistrar> registrars = new EnumMap<>(DigestAlgorithm.class);

  /** Kamailio's own log, printed when a test fails. */
  @RegisterExtension
  final AfterTestExecutionCallback printKamailioLogOnFailure = context -> {
    if (context.getExecutionException().isPresent()) {
      registrars.forEach((algorithm, registrar) -> System.out.println(
          "----- kamailio log (" + algorithm.token() + ") -----\n" + registrar.log()));
    }
  };

  static Stream<Arguments> algorithmsAndTransports() {
    return Stream.of(
        Arguments.of(DigestAlgorithm.MD5, "WSS"),
        Arguments.of(DigestAlgorithm.MD5, "WS"),
        Arguments.of(DigestAlgorithm.SHA_256, "WSS"),
        Arguments.of(DigestAlgorithm.SHA_256, "WS"));
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("algorithmsAndTransports")
  void digestRegisterAndDeregister(DigestAlgorithm algorithm, String transport) throws Exception {
    KamailioRegistrar kamailio = registrar(algorithm);
    WicRegister wic = new WicRegister(KamailioRegistrar.REALM, KamailioRegistrar.IMPU, transport);
    try (WsSipClient client = WsSipClient.connect(uri(kamailio, transport), ORIGIN, true)) {
      assertThat(client.subprotocol()).isEqualTo("sip");

      // REGISTER without credentials: a challenge with the configured algorithm and qop=auth.
      SipResponse challenged = client.nextResponseAfter(wic.next(3600, null));
      assertThat(challenged.statusCode()).as(challenged.encode()).isEqualTo(401);
      DigestAnswer answer = DigestAnswer.to(challenged, KamailioRegistrar.IMPI, KamailioRegistrar.PASSWORD);
      DigestChallenge challenge = answer.challenge();
      assertThat(challenge.algorithm()).isEqualTo(algorithm.token());
      assertThat(challenge.realm()).isEqualTo(KamailioRegistrar.REALM);
      assertThat(challenge.qopOptions()).contains("auth");

      // The answer, same Call-ID and CSeq + 1: 200 with our binding.
      SipRequest register = wic.next(3600, answer.next(SipRequest.REGISTER, wic.requestUri()));
      SipResponse registered = client.nextResponseAfter(register);
      assertThat(registered.statusCode()).as(registered.encode()).isEqualTo(200);
      assertThat(registered.callId()).isEqualTo(wic.callId());
      Contact binding = binding(registered.contacts(), wic);
      assertThat(binding).as("our Contact in " + registered.encode()).isNotNull();
      assertThat(binding.expires()).isBetween(1L, 3600L);

      // Deregistration with the same nonce, nc + 1: 200 without our binding.
      SipResponse deregistered = client.nextResponseAfter(wic.next(0, answer.next(SipRequest.REGISTER,
          wic.requestUri())));
      assertThat(answer.nc()).isEqualTo(2);
      assertThat(deregistered.statusCode()).as(deregistered.encode()).isEqualTo(200);
      assertThat(binding(deregistered.contacts(), wic)).as(deregistered.encode()).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  void wrongPasswordIsForbidden(DigestAlgorithm algorithm) throws Exception {
    KamailioRegistrar kamailio = registrar(algorithm);
    WicRegister wic = new WicRegister(KamailioRegistrar.REALM, KamailioRegistrar.IMPU);
    try (WsSipClient client = WsSipClient.connect(kamailio.wssUri(), ORIGIN, true)) {
      SipResponse challenged = client.nextResponseAfter(wic.next(3600, null));
      assertThat(challenged.statusCode()).isEqualTo(401);
      DigestAnswer wrong = DigestAnswer.to(challenged, KamailioRegistrar.IMPI, "not-" + KamailioRegistrar.PASSWORD);
      SipResponse refused = client.nextResponseAfter(wic.next(3600, wrong.next(SipRequest.REGISTER,
          wic.requestUri())));
      assertThat(refused.statusCode()).as(refused.encode()).isEqualTo(403);
    }
  }

  /** Kamailio with nonce_count: a second request with an nc already used gets a new challenge. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  void replayedNcIsChallengedAgain(DigestAlgorithm algorithm) throws Exception {
    KamailioRegistrar kamailio = registrar(algorithm);
    WicRegister wic = new WicRegister(KamailioRegistrar.REALM, KamailioRegistrar.IMPU);
    try (WsSipClient client = WsSipClient.connect(kamailio.wssUri(), ORIGIN, true)) {
      DigestAnswer answer = DigestAnswer.to(client.nextResponseAfter(wic.next(3600, null)),
          KamailioRegistrar.IMPI, KamailioRegistrar.PASSWORD);
      String first = answer.next(SipRequest.REGISTER, wic.requestUri());
      assertThat(client.nextResponseAfter(wic.next(3600, first)).statusCode()).isEqualTo(200);
      SipResponse replayed = client.nextResponseAfter(wic.next(0, first));
      assertThat(replayed.statusCode()).as(replayed.encode()).isEqualTo(401);
      // Clean up with a fresh nc.
      assertThat(client.nextResponseAfter(wic.next(0, answer.next(SipRequest.REGISTER, wic.requestUri())))
          .statusCode()).isEqualTo(200);
    }
  }

  static Stream<DigestAlgorithm> algorithms() {
    return Stream.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
  }

  @AfterAll
  void stopKamailio() throws InterruptedException {
    for (KamailioRegistrar registrar : registrars.values()) {
      registrar.close();
    }
  }

  private KamailioRegistrar registrar(DigestAlgorithm algorithm) throws Exception {
    KamailioRegistrar registrar = registrars.get(algorithm);
    if (registrar == null) {
      registrar = KamailioRegistrar.start(temp, algorithm);
      registrars.put(algorithm, registrar);
    }
    return registrar;
  }

  private static URI uri(KamailioRegistrar kamailio, String transport) {
    return "WS".equals(transport) ? kamailio.wsUri() : kamailio.wssUri();
  }

  /** The Contact of {@code wic}'s binding among those a 200 lists, or null. */
  private static Contact binding(List<Contact> contacts, WicRegister wic) {
    for (Contact c : contacts) {
      if (!c.isWildcard() && c.address().uri().toString().startsWith(wic.contactUri())) {
        return c;
      }
    }
    return null;
  }
}
