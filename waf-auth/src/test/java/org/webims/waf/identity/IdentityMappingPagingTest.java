package org.webims.waf.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.webims.waf.config.WafSchema;

/** The paged list of identity mappings the WWSF's console reads (issue 4). */
class IdentityMappingPagingTest {

  private JdbcIdentityMappingRepository mappings;

  @BeforeEach
  void database() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:paging-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    mappings = new JdbcIdentityMappingRepository(WafSchema.migrate(dataSource).jdbc(),
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    mappings.save("carol", new ImsIdentity("carol@ims", List.of("sip:carol@ims")));
    mappings.save("alice", new ImsIdentity("alice@ims", List.of("sip:alice@ims", "tel:+1")));
    mappings.save("bob", new ImsIdentity("bob@ims", List.of("sip:bob@ims")));
  }

  @Test
  void pagesAreOrderedByWebIdentityAndKeepTheImpuOrder() {
    assertThat(mappings.count()).isEqualTo(3);
    assertThat(mappings.findAll(0, 2)).containsExactly(
        new IdentityMapping("alice", new ImsIdentity("alice@ims", List.of("sip:alice@ims", "tel:+1"))),
        new IdentityMapping("bob", new ImsIdentity("bob@ims", List.of("sip:bob@ims"))));
    assertThat(mappings.findAll(2, 2)).extracting(IdentityMapping::webIdentity).containsExactly("carol");
    assertThat(mappings.findAll(3, 2)).isEmpty();
  }
}
