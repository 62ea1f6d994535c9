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
import org.webims.waf.identity.IdentityMapping;
import org.webims.waf.identity.IdentityMappingService;
import org.webims.waf.identity.IdentityMappingService.Input;
import org.webims.waf.identity.ImsIdentity;

/** Mappings: search, create, edit, delete, paged; bad input gives field errors and changes nothing (issue 6). */
class IdentityMappingServiceTest {

  @TempDir
  Path dataDir;
  TestProvisioning waf;

  @BeforeEach
  void database() {
    waf = new TestProvisioning(dataDir).users("alice", "bob", "carol", "guest1");
    waf.pools.create("guests", "ims.example.net", "operator");
  }

  @Test
  void createsFixedAndPoolMappingsAndFindsThem() {
    waf.mappings.create(Input.fixed("alice", "alice@ims.example.net",
        List.of("sip:alice@ims.example.net", "tel:+15551230001")), "operator");
    waf.mappings.create(Input.toPool("guest1", "guests"), "operator");

    assertThat(waf.mappings.find("alice")).contains(new IdentityMapping("alice",
        new ImsIdentity("alice@ims.example.net", List.of("sip:alice@ims.example.net", "tel:+15551230001"))));
    assertThat(waf.mappings.find("guest1")).contains(IdentityMapping.toPool("guest1", "guests"));
    assertThat(waf.mappings.find("bob")).isEmpty();
  }

  @Test
  void searchMatchesWebIdentityImpiImpuOrPoolAndIsPaged() {
    waf.mappings.create(Input.fixed("alice", "alice@ims.example.net", List.of("sip:alice@ims.example.net")), "o");
    waf.mappings.create(Input.fixed("bob", "bob@ims.example.net", List.of("tel:+15557770000")), "o");
    waf.mappings.create(Input.fixed("carol", "carol@ims.example.net", List.of("sip:carol@ims.example.net")), "o");
    waf.mappings.create(Input.toPool("guest1", "guests"), "o");

    Page<IdentityMapping> first = waf.mappings.search(null, new PageRequest(0, 3));
    assertThat(first.items()).extracting(IdentityMapping::webIdentity).containsExactly("alice", "bob", "carol");
    assertThat(first.total()).isEqualTo(4);
    assertThat(first.totalPages()).isEqualTo(2);
    assertThat(waf.mappings.search(null, new PageRequest(1, 3)).items()).extracting(IdentityMapping::pool)
        .containsExactly("guests");
    assertThat(waf.mappings.search("777", new PageRequest(0, 10)).items()).extracting(IdentityMapping::webIdentity)
        .containsExactly("bob");
    assertThat(waf.mappings.search("GUESTS", new PageRequest(0, 10)).items())
        .extracting(IdentityMapping::webIdentity).containsExactly("guest1");
    assertThat(waf.mappings.search("%", new PageRequest(0, 10)).total()).isZero();
  }

  @Test
  void malformedUrisAreFieldErrorsAndChangeNothing() {
    assertThatThrownBy(() -> waf.mappings.create(Input.fixed("alice", "alice",
        List.of("sip:alice@ims.example.net", "sip:@bad", "http://example.net")), "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.conflict()).isFalse();
          assertThat(e.messageFor(IdentityMappingService.FIELD_IMPI)).contains("user@realm");
          assertThat(e.messageFor(IdentityMappingService.FIELD_IMPUS))
              .contains("sip:@bad: ").contains("http://example.net: not a SIP or TEL URI");
        });
    assertThatThrownBy(() -> waf.mappings.create(Input.fixed("alice", "a@ims.example.net", List.of()), "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(IdentityMappingService.FIELD_IMPUS)).startsWith("at least one IMPU"));
    assertThat(waf.mappings.find("alice")).isEmpty();
    assertThat(waf.audit.page(new PageRequest(0, 10)).total()).isEqualTo(1); // the pool's creation only
  }

  @Test
  void duplicateIdentityOrImpuIsAConflict() {
    waf.mappings.create(Input.fixed("alice", "alice@ims.example.net", List.of("sip:alice@ims.example.net")), "o");

    assertThatThrownBy(() -> waf.mappings.create(Input.toPool("alice", "guests"), "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.conflict()).isTrue();
          assertThat(e.messageFor(IdentityMappingService.FIELD_WEB_IDENTITY)).contains("mapped already");
        });
    assertThatThrownBy(() -> waf.mappings.create(Input.fixed("bob", "bob@ims.example.net",
        List.of("sip:alice@ims.example.net")), "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.conflict()).isTrue();
          assertThat(e.messageFor(IdentityMappingService.FIELD_IMPUS)).contains("mapped to alice");
        });
    assertThatThrownBy(() -> waf.mappings.create(Input.toPool("nobody", "guests"), "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(IdentityMappingService.FIELD_WEB_IDENTITY)).isEqualTo("no web user nobody"));
    assertThatThrownBy(() -> waf.mappings.create(Input.toPool("bob", "nopool"), "operator"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(IdentityMappingService.FIELD_POOL)).isEqualTo("no pool named nopool"));
    assertThat(waf.mappings.find("bob")).isEmpty();
  }

  @Test
  void editReplacesOneKindByTheOtherAndDeleteRemovesItAllAudited() {
    waf.mappings.create(Input.fixed("bob", "bob@ims.example.net", List.of("sip:bob@ims.example.net")), "op");
    waf.mappings.update("bob", Input.toPool("bob", "guests"), "op");
    assertThat(waf.mappings.find("bob")).contains(IdentityMapping.toPool("bob", "guests"));
    // his IMPU is free again for another mapping
    waf.mappings.create(Input.fixed("carol", "carol@ims.example.net", List.of("sip:bob@ims.example.net")), "op");

    waf.mappings.delete("bob", "op");

    assertThat(waf.mappings.find("bob")).isEmpty();
    assertThatThrownBy(() -> waf.mappings.delete("bob", "op")).isInstanceOf(InvalidInputException.class);
    assertThat(waf.audit.page(new PageRequest(0, 4)).items()).extracting(AuditEntry::action).containsExactly(
        AuditLog.MAPPING_DELETE, AuditLog.MAPPING_CREATE, AuditLog.MAPPING_UPDATE, AuditLog.MAPPING_CREATE);
    assertThat(waf.audit.page(new PageRequest(0, 4)).items().get(2).detail())
        .isEqualTo("IMPI bob@ims.example.net, IMPUs sip:bob@ims.example.net -> pool guests");
  }

  @Test
  void pageRequestsAreCheckedAndCapped() {
    assertThat(PageRequest.of(null, null, 20, 100)).isEqualTo(new PageRequest(0, 20));
    assertThat(PageRequest.of(2, 5000, 20, 100)).isEqualTo(new PageRequest(2, 100));
    assertThatThrownBy(() -> PageRequest.of(-1, 0, 20, 100))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).hasSize(2));
  }
}
