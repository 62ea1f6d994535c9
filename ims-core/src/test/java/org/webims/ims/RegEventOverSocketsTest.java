package org.webims.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.ims.scscf.RegEventNotifier;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.ims.testing.ReginfoBodies;
import org.webims.ims.testing.SipPeer;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.ims.testing.TestSubscribes;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.RegInfo;

/**
 * The reg event over real UDP and TCP sockets (SCS-09, SCS-10, SCS-14): a peer in the eP-CSCF's
 * place registers a user with its own Path, subscribes as the UE, gets the 200 and the full NOTIFY
 * through the Path, answers it, deregisters and gets the terminated NOTIFY.
 */
class RegEventOverSocketsTest {

  @TempDir
  static Path dir;

  static ConfigurableApplicationContext ims;
  static ScscfSipService sip;

  @BeforeAll
  static void start() throws Exception {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);
    ims = ImsCoreApplication.builder().properties(
        "webims.ims.sip.port=0",
        "webims.ims.subscribers-file=" + subscribers,
        "spring.datasource.url=jdbc:h2:mem:ims-regevent;DB_CLOSE_DELAY=-1").run();
    sip = ims.getBean(ScscfSipService.class);
  }

  @AfterAll
  static void stop() {
    ims.close();
  }

  /** The next message that is a request of {@code method}, answering nothing else. */
  static SipPeer.Received next(SipPeer peer, List<SipResponse> responses) throws Exception {
    while (true) {
      SipPeer.Received r = peer.receive();
      if (r.message().isRequest()) {
        return r;
      }
      responses.add((SipResponse) r.message());
    }
  }

  static SipResponse response(SipPeer peer, List<SipResponse> early, String method) throws Exception {
    for (SipResponse r : early) {
      if (r.cseq().method().equals(method)) {
        early.remove(r);
        return r;
      }
    }
    while (true) {
      SipMessage m = peer.receive().message();
      if (!m.isRequest() && ((SipResponse) m).cseq().method().equals(method)) {
        return (SipResponse) m;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void scs10And14TheUeSubscribesAndGetsTheFullNotifyThroughThePathThenTheTerminatedOneOnDeregistration(
      String transport) throws Exception {
    String user = "carol-" + transport.toLowerCase();
    String impu = "sip:" + user + "@ims.example.net";
    String impi = user + "_private@ims.example.net";
    ims.getBean(SubscriberRepository.class).save(Subscriber.withPassword(impi, TestSubscribers.REALM,
        List.of(impu), "pw-" + user, List.of()));
    java.net.InetSocketAddress server = "UDP".equals(transport) ? sip.udpAddress() : sip.tcpAddress();
    try (SipPeer epcscf = new SipPeer(transport, server)) {
      String path = "<" + epcscf.uri("fl-" + user, ";lr;ob") + ">";
      epcscf.send(TestRegisters.register(transport, impu, impi, 1).setHeader(HeaderNames.PATH, path).build());
      assertThat(response(epcscf, new java.util.ArrayList<>(), "REGISTER").statusCode()).isEqualTo(200);

      SipRequest subscribe = TestSubscribes.fromUe(impu, transport, 1, 600000).build();
      epcscf.send(subscribe);
      List<SipResponse> early = new java.util.ArrayList<>();
      SipPeer.Received first = next(epcscf, early);
      SipResponse ok = response(epcscf, early, "SUBSCRIBE");

      assertThat(ok.statusCode()).isEqualTo(200);
      SipRequest notify = (SipRequest) first.message();
      assertThat(notify.method()).isEqualTo(SipRequest.NOTIFY);
      assertThat(notify.requestUri().toString()).isEqualTo(TestRegisters.CONTACT_URI);
      assertThat(notify.headerValues(HeaderNames.ROUTE)).containsExactly(path); // SCS-14
      assertThat(notify.topVia().transport()).isEqualTo(transport);
      assertThat(notify.from().tag()).isEqualTo(ok.to().tag());
      assertThat(notify.subscriptionState().state()).isEqualTo("active");
      RegInfo full = ReginfoBodies.read(notify.body());
      assertThat(full.version()).isZero();
      assertThat(full.state()).isEqualTo("full");
      assertThat(full.registration(impu).contacts()).singleElement()
          .satisfies(c -> assertThat(c.state()).isEqualTo("active"));
      first.reply(SipResponse.to(notify, 200, null).build());

      epcscf.send(TestRegisters.register(transport, impu, impi, 2).setHeader(HeaderNames.PATH, path)
          .setHeader(HeaderNames.EXPIRES, "0").build());
      early.clear();
      SipPeer.Received last = next(epcscf, early);
      assertThat(response(epcscf, early, "REGISTER").statusCode()).isEqualTo(200);
      SipRequest end = (SipRequest) last.message();
      last.reply(SipResponse.to(end, 200, null).build());

      assertThat(end.subscriptionState().isTerminated()).isTrue();
      assertThat(end.cseq().sequence()).isEqualTo(2);
      RegInfo info = ReginfoBodies.read(end.body());
      assertThat(info.version()).isEqualTo(1);
      assertThat(info.registration(impu).state()).isEqualTo("terminated");
      assertThat(info.registration(impu).contacts()).singleElement().satisfies(c -> {
        assertThat(c.state()).isEqualTo("terminated");
        assertThat(c.event()).isEqualTo("unregistered");
      });
      assertThat(ims.getBean(Registrar.class).bindings(impu)).isEmpty();
      await().atMost(Duration.ofSeconds(5))
          .until(() -> ims.getBean(RegEventNotifier.class).subscriptionCount() == 0);
    }
  }
}
