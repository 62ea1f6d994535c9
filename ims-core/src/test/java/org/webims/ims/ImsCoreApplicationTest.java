package org.webims.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.ims.testing.TestSubscribers;

/** Start-up: the default file database keeps the HSS across restarts, and bad settings stop the start. */
class ImsCoreApplicationTest {

  @TempDir
  Path dir;

  ConfigurableApplicationContext start(String... properties) {
    return ImsCoreApplication.builder().properties("webims.ims.sip.port=0").properties(properties).run();
  }

  @Test
  void subscribersSurviveARestartOfTheFileDatabase() {
    String url = "spring.datasource.url=jdbc:h2:file:" + dir.resolve("hss");
    try (ConfigurableApplicationContext first = start(url)) {
      first.getBean(SubscriberRepository.class).save(TestSubscribers.alice());
    }

    try (ConfigurableApplicationContext second = start(url)) {
      assertThat(second.getBean(SubscriberRepository.class).findByImpi(TestSubscribers.ALICE_IMPI))
          .contains(TestSubscribers.alice());
    }
  }

  @Test
  void minimumExpiryAboveTheMaximumStopsTheStart() {
    assertThatThrownBy(() -> start("spring.datasource.url=jdbc:h2:mem:bad-expiry",
        "webims.ims.registrar.min-expires=7200")).rootCause().hasMessageContaining("min-expires");
  }

  @Test
  void anUnknownDigestAlgorithmStopsTheStart() {
    assertThatThrownBy(() -> start("spring.datasource.url=jdbc:h2:mem:bad-digest",
        "webims.ims.digest.algorithms=SHA-256,SHA-1")).rootCause().hasMessageContaining("algorithms");
  }
}
