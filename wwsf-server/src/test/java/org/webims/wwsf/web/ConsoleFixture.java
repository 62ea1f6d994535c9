package org.webims.wwsf.web;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.identity.IdentityMappingService;
import org.webims.waf.pool.ImpuPool;
import org.webims.waf.pool.ImpuPoolService;
import org.webims.waf.provisioning.PageRequest;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * A WWSF for the console's tests (page size 2, so that paging shows with few entries) with the operator
 * {@link TestSeedFile#OPERATOR} and what the tests check in the WAF's database behind the pages, read through the
 * WAF's services in the server's own context: that a change happened, or that a refused one changed nothing.
 */
final class ConsoleFixture implements AutoCloseable {

  private final WwsfTestServer wwsf;

  private ConsoleFixture(WwsfTestServer wwsf) {
    this.wwsf = wwsf;
  }

  /** Starts a WWSF with {@code seed} plus the operator; {@code extraArguments} as {@link WwsfTestServer#start}. */
  static ConsoleFixture start(Path dataDir, TestSeedFile seed, String... extraArguments) {
    String[] arguments = new String[extraArguments.length + 1];
    arguments[0] = "--webims.wwsf.console.page-size=2";
    System.arraycopy(extraArguments, 0, arguments, 1, extraArguments.length);
    return new ConsoleFixture(WwsfTestServer.start(dataDir, seed.operator(), arguments));
  }

  WwsfTestServer wwsf() {
    return wwsf;
  }

  /** A new browser signed in as the operator. */
  WwsfBrowser operator() {
    return wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
  }

  /** The fields of the mapping form ({@code #mapping-form}), as a browser posts them. */
  static Map<String, String> mappingForm(String webIdentity, String kind, String impi, String impus, String pool) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("webIdentity", webIdentity);
    form.put("kind", kind);
    form.put("impi", impi);
    form.put("impus", impus);
    form.put("pool", pool);
    return form;
  }

  @Override
  public void close() {
    wwsf.close();
  }

  /** The stored mapping of {@code webIdentity} in words ("impi [impus]" or "pool name"), empty when none. */
  String mapping(String webIdentity) {
    return wwsf.context().getBean(IdentityMappingService.class).find(webIdentity)
        .map(m -> m.isPool() ? "pool " + m.pool() : m.identity().impi() + " " + m.identity().impus())
        .orElse("");
  }

  /** The number of audit log entries. */
  long auditEntries() {
    return wwsf.context().getBean(AuditLog.class).page(new PageRequest(0, 1)).total();
  }

  /** The number of IMPUs of pool {@code name}; -1 when there is no such pool. */
  long poolImpus(String name) {
    return wwsf.context().getBean(ImpuPoolService.class).find(name).map(ImpuPool::impus).orElse(-1L);
  }
}
