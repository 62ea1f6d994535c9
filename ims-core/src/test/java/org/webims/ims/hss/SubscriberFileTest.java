package org.webims.ims.hss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.ims.testing.TestSubscribers;

/** The seed file: YAML or JSON, password hashed at load, pre-hashed H(A1) accepted. */
class SubscriberFileTest {

  @TempDir
  Path dir;

  @Test
  void readsYamlWithPasswordsHashedAndNeverKept() throws IOException {
    Path file = Files.writeString(dir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);

    List<Subscriber> subscribers = SubscriberFile.read(file, TestSubscribers.REALM);

    assertThat(subscribers).containsExactly(TestSubscribers.alice(), TestSubscribers.bob());
    assertThat(subscribers.get(0).toString()).doesNotContain(TestSubscribers.ALICE_PASSWORD);
  }

  @Test
  void readsJson() throws IOException {
    Path file = Files.writeString(dir.resolve("subscribers.json"), """
        {"subscribers": [{"impi": "alice_private@ims.example.net", "password": "s3cret-webrtc",
          "impus": ["sip:alice@ims.example.net", "tel:+15551230001"]}]}
        """);

    assertThat(SubscriberFile.read(file, TestSubscribers.REALM)).containsExactly(TestSubscribers.alice());
  }

  @Test
  void acceptsPrecomputedHa1() throws IOException {
    String sha256 = TestSubscribers.alice().ha1ByHash().get("SHA-256");
    Path file = Files.writeString(dir.resolve("s.yaml"), """
        subscribers:
          - impi: alice_private@ims.example.net
            impus: [ "sip:alice@ims.example.net" ]
            ha1: { SHA-256: %s }
        """.formatted(sha256.toUpperCase()));

    Subscriber s = SubscriberFile.read(file, TestSubscribers.REALM).get(0);

    assertThat(s.ha1ByHash()).containsExactly(java.util.Map.entry("SHA-256", sha256));
  }

  @Test
  void refusesAnImpuThatIsNotAUri() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.yaml"), """
        subscribers:
          - impi: x@ims.example.net
            impus: [ "not a uri" ]
        """);

    assertThatThrownBy(() -> SubscriberFile.read(file, TestSubscribers.REALM)).isInstanceOf(IOException.class)
        .hasMessageContaining("x@ims.example.net");
  }
}
