package org.webims.waf.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.audit.AuditEntry;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.identity.IdentityMappingService;
import org.webims.waf.pool.ImpuPool;
import org.webims.waf.pool.ImpuPoolService;
import org.webims.waf.pool.PoolImpu;

/** Pools: create, edit, delete, add one IMPU or a numbered range; bad input changes nothing (issue 6, WAF-10). */
class ImpuPoolServiceTest {

  private static final String GUESTS = "sip:guest-{001..010}@ims.example.net";
  private static final String GUEST_IMPIS = "guest-{001..010}@ims.example.net";

  @TempDir
  Path dataDir;
  TestProvisioning waf;

  @BeforeEach
  void database() {
    waf = new TestProvisioning(dataDir).users("alice");
  }

  @Test
  void rangeAddsNumberedImpusWithTheirImpisInOrder() {
    waf.pools.create("guests", "ims.example.net", "operator");

    ImpuPool pool = waf.pools.addRange("guests", GUESTS, GUEST_IMPIS, "operator");

    assertThat(pool.impus()).isEqualTo(10);
    assertThat(pool.free()).isEqualTo(10);
    assertThat(waf.pools.impus("guests", new PageRequest(0, 3)).items()).containsExactly(
        new PoolImpu("sip:guest-001@ims.example.net", "guest-001@ims.example.net", null),
        new PoolImpu("sip:guest-002@ims.example.net", "guest-002@ims.example.net", null),
        new PoolImpu("sip:guest-003@ims.example.net", "guest-003@ims.example.net", null));
    assertThat(waf.pools.impus("guests", new PageRequest(3, 3)).items()).extracting(PoolImpu::impu)
        .containsExactly("sip:guest-010@ims.example.net");
  }

  @Test
  void everyChangeIsAuditedWithWhoWhatAndWhen() {
    waf.pools.create("guests", "ims.example.net", "operator");
    waf.pools.addRange("guests", GUESTS, GUEST_IMPIS, "automation");
    waf.pools.addImpu("guests", "tel:+15550000001", "tel1@ims.example.net", "operator");
    waf.pools.removeImpu("guests", "tel:+15550000001", "operator");
    waf.pools.update("guests", "guests.example.net", "operator");
    waf.pools.delete("guests", "operator");

    List<AuditEntry> log = waf.audit.page(new PageRequest(0, 10)).items();
    assertThat(log).extracting(AuditEntry::action).containsExactly(AuditLog.POOL_DELETE, AuditLog.POOL_UPDATE,
        AuditLog.POOL_REMOVE_IMPU, AuditLog.POOL_ADD_IMPUS, AuditLog.POOL_ADD_IMPUS, AuditLog.POOL_CREATE);
    assertThat(log.get(3).actor()).isEqualTo("operator");
    assertThat(log.get(4)).satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo("automation");
      assertThat(entry.target()).isEqualTo("guests");
      assertThat(entry.detail()).contains(GUESTS, "10 IMPUs");
      assertThat(entry.at()).isEqualTo(waf.clock.instant());
    });
  }

  @Test
  void rangeTooLargeIsAFieldErrorAndAddsNothing() {
    waf.pools.create("guests", "ims.example.net", "operator");

    assertThatThrownBy(() -> waf.pools.addRange("guests", "sip:guest-{1..51}@ims.example.net",
        "guest-{1..51}@ims.example.net", "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.messageFor(ImpuPoolService.FIELD_IMPU_RANGE)).startsWith("range too large: 51 IMPUs");
          assertThat(e.conflict()).isFalse();
        });
    assertThat(waf.count("waf_pool_impu")).isZero();
  }

  @Test
  void malformedRangeOrUriIsAFieldErrorNamingTheField() {
    waf.pools.create("guests", "ims.example.net", "operator");

    assertThatThrownBy(() -> waf.pools.addRange("guests", "sip:guest-001@ims.example.net", GUEST_IMPIS, "op"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(ImpuPoolService.FIELD_IMPU_RANGE)).contains("braces"));
    assertThatThrownBy(() -> waf.pools.addRange("guests", "sip:gu est-{1..2}@ims.example.net",
        "guest-{1..2}@ims.example.net", "op"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(ImpuPoolService.FIELD_IMPU_RANGE)).startsWith("sip:gu est-1@"));
    assertThatThrownBy(() -> waf.pools.addRange("guests", GUESTS, "guest-{1..10}@ims.example.net", "op"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(ImpuPoolService.FIELD_IMPI_PATTERN)).contains("{001..010}"));
    assertThatThrownBy(() -> waf.pools.addImpu("guests", "mailto:guest@ims.example.net", "guest", "op"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.messageFor(ImpuPoolService.FIELD_IMPU)).startsWith("not a SIP or TEL URI");
          assertThat(e.messageFor(ImpuPoolService.FIELD_IMPI)).contains("user@realm");
        });
    assertThatThrownBy(() -> waf.pools.addImpu("guests", "sip:g@ims.example.net", "g@other.example.net", "op"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(ImpuPoolService.FIELD_IMPI)).contains("realm ims.example.net"));
    assertThat(waf.count("waf_pool_impu")).isZero();
    assertThat(waf.audit.page(new PageRequest(0, 10)).total()).isEqualTo(1); // the create only
  }

  @Test
  void anImpuBelongsToOnePoolAndNoFixedMapping() {
    waf.pools.create("guests", "ims.example.net", "operator");
    waf.pools.create("visitors", "ims.example.net", "operator");
    waf.pools.addRange("guests", GUESTS, GUEST_IMPIS, "operator");
    waf.mappings.create(IdentityMappingService.Input.fixed("alice", "alice@ims.example.net",
        List.of("sip:alice@ims.example.net")), "operator");

    assertThatThrownBy(() -> waf.pools.addRange("visitors", "sip:guest-{009..012}@ims.example.net",
        "guest-{009..012}@ims.example.net", "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.conflict()).isTrue();
          assertThat(e.messageFor(ImpuPoolService.FIELD_IMPU_RANGE))
              .isEqualTo("sip:guest-009@ims.example.net, sip:guest-010@ims.example.net are already in a pool");
        });
    assertThatThrownBy(() -> waf.pools.addImpu("visitors", "sip:alice@ims.example.net", "a@ims.example.net", "o"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.conflict()).isTrue());
    assertThat(waf.pools.find("visitors").orElseThrow().impus()).isZero();
  }

  @Test
  void poolNamesAreCheckedAndUnique() {
    waf.pools.create("guests", "ims.example.net", "operator");

    assertThatThrownBy(() -> waf.pools.create("guests", "ims.example.net", "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.conflict()).isTrue());
    assertThatThrownBy(() -> waf.pools.create("Guests!", " ", "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.messageFor(ImpuPoolService.FIELD_NAME)).contains("lower-case");
          assertThat(e.messageFor(ImpuPoolService.FIELD_REALM)).isEqualTo("required");
        });
    assertThat(waf.pools.list(new PageRequest(0, 10)).items()).extracting(ImpuPool::name).containsExactly("guests");
  }

  @Test
  void aPoolWithMappedWebIdentitiesIsNotDeleted() {
    waf.pools.create("guests", "ims.example.net", "operator");
    waf.mappings.create(IdentityMappingService.Input.toPool("alice", "guests"), "operator");

    assertThatThrownBy(() -> waf.pools.delete("guests", "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(ImpuPoolService.FIELD_NAME)).contains("1 web identities are mapped"));
    assertThat(waf.pools.find("guests")).isPresent();
  }
}
