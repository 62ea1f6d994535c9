package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.epcscf.testing.WssCalls;
import org.webims.sip.message.SipRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, point 5: the event log switched to JSON with Spring Boot's own structured logging
 * ({@code logging.structured.format.console=ecs}): a registration's line on the console is one JSON object whose
 * members carry the event's name and fields, not only the text.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventLogJsonTest {

  @TempDir
  Path dir;

  @Test
  void withEcsOnTheConsoleARegistrationIsOneJsonObjectWithItsFields(CapturedOutput output) throws Exception {
    RSAKey wafKey = TestTokens.newKey("waf-1");
    RunningEpCscf running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.digest.enabled=false",
        "--logging.structured.format.console=ecs");
    try (WsClient ws = WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip",
        "https://localhost:8443")) {
      ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(wafKey,
          TestTokens.claims(Instant.now()).build()))));
      assertThat(WssCalls.nextFinal(ws, SipRequest.REGISTER).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("registration impu="));
    } finally {
      running.close();
    }
    String line = output.getOut().lines().filter(l -> l.contains("registration impu=")).findFirst().orElseThrow();
    JsonNode json = JsonMapper.builder().build().readTree(line);

    assertThat(json.path("log").path("logger").asString()).isEqualTo("webims.events.epcscf");
    assertThat(json.path("event").asString()).isEqualTo("registration");
    assertThat(json.path("impu").asString()).isEqualTo(TestTokens.IMPU);
    assertThat(json.path("flow").asString()).startsWith("fl-");
    assertThat(json.path("expires").asString()).isEqualTo("3600");
    assertThat(json.path("message").asString()).startsWith("registration impu=" + TestTokens.IMPU);
  }
}
