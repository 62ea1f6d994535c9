package org.webims.ims.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;

/** The checklist's subscribers (§5): valid objects in one place; tests change one field. */
public final class TestSubscribers {

  public static final String REALM = "ims.example.net";
  public static final String ALICE_IMPI = "alice_private@ims.example.net";
  public static final String ALICE_SIP = "sip:alice@ims.example.net";
  public static final String ALICE_TEL = "tel:+15551230001";
  public static final String ALICE_PASSWORD = "s3cret-webrtc";
  /** A subscriber whose only allowed WAF is {@code waf.example.net} (SCS-06). */
  public static final String BOB_IMPI = "bob_private@ims.example.net";
  public static final String BOB_SIP = "sip:bob@ims.example.net";
  public static final String ALLOWED_WAF = "waf.example.net";

  private TestSubscribers() {
  }

  public static Subscriber alice() {
    return Subscriber.withPassword(ALICE_IMPI, REALM, List.of(ALICE_SIP, ALICE_TEL), ALICE_PASSWORD, List.of());
  }

  public static Subscriber bob() {
    return Subscriber.withPassword(BOB_IMPI, REALM, List.of(BOB_SIP), "bob-pw", List.of(ALLOWED_WAF));
  }

  /** The seed file equivalent of {@link #alice()} and {@link #bob()}. */
  public static final String SEED_YAML = """
      subscribers:
        - impi: alice_private@ims.example.net
          password: s3cret-webrtc
          impus:
            - sip:alice@ims.example.net
            - tel:+15551230001
        - impi: bob_private@ims.example.net
          password: bob-pw
          impus: [ "sip:bob@ims.example.net" ]
          allowed-waf-identities: [ waf.example.net ]
      """;

  /** A map-backed repository for socket-free tests. */
  public static SubscriberRepository inMemory(Subscriber... subscribers) {
    Map<String, Subscriber> byImpi = new HashMap<>();
    for (Subscriber s : subscribers) {
      byImpi.put(s.impi(), s);
    }
    return new SubscriberRepository() {
      @Override
      public Optional<Subscriber> findByImpi(String impi) {
        return Optional.ofNullable(byImpi.get(impi));
      }

      @Override
      public void save(Subscriber subscriber) {
        byImpi.put(subscriber.impi(), subscriber);
      }

      @Override
      public boolean delete(String impi) {
        return byImpi.remove(impi) != null;
      }

      @Override
      public long count() {
        return byImpi.size();
      }
    };
  }
}
