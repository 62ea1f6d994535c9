package org.webims.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.ims.testing.SipTestClient;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.server.testing.ManagementPort;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/**
 * Issue 16: the IMS core's management port over real HTTP, also without the admin API (then the only web
 * listener): the management user only (its password generated beside the keystore, owner-only), and meters that
 * follow a Trusted Node REGISTER over TCP.
 */
class ImsCoreOperationsTest {

  @TempDir
  Path dir;

  @Test
  void theManagementPortCountsARegisterAndNeedsTheManagementUser() throws Exception {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);
    try (ConfigurableApplicationContext ims = ImsCoreApplication.builder().properties(
        "webims.ims.sip.port=0",
        "webims.ims.subscribers-file=" + subscribers,
        "webims.tls.key-store=" + dir.resolve("ims-core-tls.p12"),
        "webims.management.password=", // as a standalone IMS core has: generated into the password file
        "spring.datasource.url=jdbc:h2:mem:ims-operations;DB_CLOSE_DELAY=-1").run()) {
      Path file = dir.resolve("ims-core-management-password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      ManagementPort management = ManagementPort.of(ims, "metrics",
          Files.readString(file, StandardCharsets.UTF_8).trim());
      assertThat(management.getWithoutCredentials("/actuator/prometheus").statusCode()).isEqualTo(401);
      assertThat(management.readiness().statusCode()).isEqualTo(200);
      ManagementPort.Scrape before = management.scrape();

      ScscfSipService sip = ims.getBean(ScscfSipService.class);
      SipResponse ok;
      try (SipTestClient client = SipTestClient.open("TCP", InetAddress.getLoopbackAddress(), sip.tcpAddress())) {
        ok = client.exchange(TestRegisters.alice("TCP", 1)
            .setHeader(HeaderNames.CALL_ID, "call-operations")
            .setHeader(HeaderNames.CONTACT, "<sip:operations@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:"
                + "uuid:" + UUID.nameUUIDFromBytes("operations".getBytes(StandardCharsets.UTF_8)) + ">\";reg-id=1")
            .build());
      }
      assertThat(ok.statusCode()).isEqualTo(200);

      ManagementPort.Scrape after = management.scrape();
      assertThat(after.count("webims_ims_registrations") - before.count("webims_ims_registrations"))
          .isGreaterThanOrEqualTo(1);
      assertThat(after.count("webims_ims_requests_total") - before.count("webims_ims_requests_total")).isEqualTo(1);
      assertThat(after.count("webims_ims_transactions_total", "method", "REGISTER", "class", "2xx")
          - before.count("webims_ims_transactions_total", "method", "REGISTER", "class", "2xx")).isEqualTo(1);
    }
  }
}
