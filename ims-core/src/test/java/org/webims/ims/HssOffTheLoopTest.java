package org.webims.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.ims.testing.TestSubscribers.ALICE_IMPI;
import static org.webims.ims.testing.TestSubscribers.ALICE_TEL;
import static org.webims.ims.testing.TestSubscribers.BOB_IMPI;
import static org.webims.ims.testing.TestSubscribers.BOB_SIP;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.webims.ims.hss.JdbcSubscriberRepository;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.ims.testing.SipTestClient;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.sip.message.SipResponse;

/**
 * Issue 13: an HSS lookup (JDBC) never runs on a SIP event loop. While bob's lookup hangs, alice's
 * REGISTER over the same UDP socket (one loop) is still answered; bob's answer, made from his HSS
 * record, follows once the HSS answers.
 */
class HssOffTheLoopTest {

  static volatile CountDownLatch HSS_ANSWERS_BOB;
  static volatile CountDownLatch BOB_LOOKUP_STARTED;

  @TempDir
  static Path dir;

  /** The real HSS, except that bob's lookups wait until the test lets them go. */
  @Configuration(proxyBeanMethods = false)
  static class SlowHss {
    @Bean
    @Primary
    SubscriberRepository slowSubscriberRepository(JdbcClient jdbc, TransactionTemplate transactions) {
      SubscriberRepository real = new JdbcSubscriberRepository(jdbc, transactions);
      return new SubscriberRepository() {
        @Override
        public Optional<Subscriber> findByImpi(String impi) {
          if (BOB_IMPI.equals(impi)) {
            BOB_LOOKUP_STARTED.countDown();
            try {
              HSS_ANSWERS_BOB.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return real.findByImpi(impi);
        }

        @Override
        public void save(Subscriber subscriber) {
          real.save(subscriber);
        }

        @Override
        public boolean delete(String impi) {
          return real.delete(impi);
        }

        @Override
        public long count() {
          return real.count();
        }
      };
    }
  }

  static ConfigurableApplicationContext start(String db, String... more) throws Exception {
    HSS_ANSWERS_BOB = new CountDownLatch(1);
    BOB_LOOKUP_STARTED = new CountDownLatch(1);
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);
    return ImsCoreApplication.builder().sources(SlowHss.class).properties(
        "webims.ims.sip.port=0",
        "webims.ims.subscribers-file=" + subscribers,
        "spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1").properties(more).run();
  }

  @Test
  void aSlowHssLookupDoesNotHoldOtherRegisters() throws Exception {
    try (ConfigurableApplicationContext ims = start("ims-slow-hss")) {
      ScscfSipService sip = ims.getBean(ScscfSipService.class);
      InetAddress trusted = InetAddress.getLoopbackAddress();
      try (SipTestClient bob = SipTestClient.open("UDP", trusted, sip.udpAddress());
          SipTestClient alice = SipTestClient.open("UDP", trusted, sip.udpAddress())) {
        CompletableFuture<SipResponse> bobsAnswer = CompletableFuture.supplyAsync(() -> {
          try {
            return bob.exchange(TestRegisters.register("UDP", BOB_SIP, BOB_IMPI, 1).build());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        try {
          SipResponse alicesAnswer = alice.exchange(TestRegisters.register("UDP", ALICE_TEL, ALICE_IMPI, 1).build());
          assertThat(alicesAnswer.statusCode()).isEqualTo(200);
          assertThat(bobsAnswer).isNotDone();
        } finally {
          HSS_ANSWERS_BOB.countDown();
        }
        // Bob's record came through from the HSS (unknown would be "Unknown private identity"): he lists his WAFs.
        assertThat(bobsAnswer.get(10, TimeUnit.SECONDS).startLine())
            .isEqualTo("SIP/2.0 403 WAF identity required for this subscriber");
      }
    }
  }

  /** A REGISTER past the queue of HSS lookups gets 503 with Retry-After at once; the queued ones are answered. */
  @Test
  void aRegisterPastTheHssQueueGets503() throws Exception {
    try (ConfigurableApplicationContext ims = start("ims-hss-queue", "webims.ims.sip.hss-threads=1",
        "webims.ims.sip.hss-queue=1")) {
      ScscfSipService sip = ims.getBean(ScscfSipService.class);
      InetAddress trusted = InetAddress.getLoopbackAddress();
      try (SipTestClient bob = SipTestClient.open("UDP", trusted, sip.udpAddress());
          SipTestClient queued = SipTestClient.open("UDP", trusted, sip.udpAddress());
          SipTestClient refused = SipTestClient.open("UDP", trusted, sip.udpAddress())) {
        bob.sendRaw(TestRegisters.register("UDP", BOB_SIP, BOB_IMPI, 1).build().toBytes());
        // Bob's lookup holds the one HSS thread; alice's first REGISTER fills the queue of one; her
        // second, read after it on the same loop, finds it full.
        assertThat(BOB_LOOKUP_STARTED.await(5, TimeUnit.SECONDS)).isTrue();
        queued.sendRaw(TestRegisters.register("UDP", ALICE_TEL, ALICE_IMPI, 1).build().toBytes());
        SipResponse busy;
        try {
          busy = refused.exchange(TestRegisters.register("UDP", ALICE_TEL, ALICE_IMPI, 2).build());
        } finally {
          HSS_ANSWERS_BOB.countDown();
        }
        assertThat(busy.startLine()).isEqualTo("SIP/2.0 503 HSS busy");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(queued.receive().statusCode()).isEqualTo(200);
        assertThat(bob.receive().statusCode()).isEqualTo(403);
      }
    }
  }
}
