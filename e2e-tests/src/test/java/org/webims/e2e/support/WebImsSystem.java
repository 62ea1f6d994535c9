package org.webims.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.EpCscfApplication;
import org.webims.epcscf.websocket.SipWebSocketHandler;
import org.webims.ims.ImsCoreApplication;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.ims.scscf.RegEventNotifier;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.pool.LeaseState;
import org.webims.waf.provisioning.PageRequest;
import org.webims.wwsf.WwsfApplication;

/**
 * The whole system in one JVM for browser tests: the IMS core, the WWSF with its WAF, and the
 * eP-CSCF, each a Spring application on loopback with TLS, as {@code ./run.sh} starts them (but on
 * free ports and with test data).
 */
public final class WebImsSystem implements AutoCloseable {

  public static final String PASSWORD_SUFFIX = "-web-pw";

  private final ConfigurableApplicationContext ims;
  private final ConfigurableApplicationContext wwsf;
  private final ConfigurableApplicationContext epcscf;
  private final int wwsfPort;

  private WebImsSystem(ConfigurableApplicationContext ims, ConfigurableApplicationContext wwsf,
      ConfigurableApplicationContext epcscf, int wwsfPort) {
    this.ims = ims;
    this.wwsf = wwsf;
    this.epcscf = epcscf;
    this.wwsfPort = wwsfPort;
  }

  /** The IMPU pool of scenario 3 (issue 6): {@link #GUEST_IMPUS}, leased to {@code guest1..guest3}. */
  public static final String GUEST_POOL = "guests";
  public static final List<String> GUEST_IMPUS = List.of("sip:guest-001@ims.example.net",
      "sip:guest-002@ims.example.net");
  /** The WAF's {@code ep-cscf} client secret, with which the eP-CSCF releases leases (EPC-28). */
  static final String EPCSCF_CLIENT_SECRET = "e2e-ep-cscf-secret";

  /**
   * Starts everything with data under {@code dir}. Web users: {@code alice} (two IMPUs), {@code mallory}
   * (barred by the IMS core for this WAF: her REGISTER gets 403), {@code nomap} (no IMS identity), {@code bob}
   * (no mapping in the WAF, but the IMS core knows {@code bob_private@ims.example.net} with
   * {@code sip:bob@ims.example.net}: the operator maps him in the console), {@code operator} (role operator)
   * and {@code guest1..guest3}, mapped to the pool {@link #GUEST_POOL} of two IMPUs; each password is the name
   * plus {@link #PASSWORD_SUFFIX}. The IMS core also knows {@code carol_private@ims.example.net} (password
   * {@code carol-webrtc}, {@code sip:carol@ims.example.net}), who has no web account: a third party for calls
   * (issue 14) with IMS credentials on {@code /ims}. The eP-CSCF releases a guest's lease at the WAF after deregistration.
   */
  public static WebImsSystem start(Path dir) throws IOException {
    return start(dir, List.of());
  }

  /** As {@link #start(Path)}, with extra {@code --name=value} arguments for the IMS core. */
  public static WebImsSystem start(Path dir, List<String> imsArguments) throws IOException {
    return start(dir, imsArguments, List.of());
  }

  /** As {@link #start(Path)}, with extra {@code --name=value} arguments for the IMS core and the WWSF (with its WAF). */
  public static WebImsSystem start(Path dir, List<String> imsArguments, List<String> wwsfArguments)
      throws IOException {
    return start(dir, imsArguments, wwsfArguments, List.of());
  }

  /**
   * As {@link #start(Path)}, with extra {@code --name=value} arguments for the IMS core, the WWSF and the eP-CSCF.
   * A list property named again adds to it (Spring joins repeated command-line options): a second
   * {@code --webims.epcscf.websocket.allowed-origins=...} allows one more origin beside the WWSF's.
   */
  public static WebImsSystem start(Path dir, List<String> imsArguments, List<String> wwsfArguments,
      List<String> epcscfArguments) throws IOException {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), String.join("\n",
        "subscribers:",
        "  - impi: alice_private@ims.example.net",
        "    password: s3cret-webrtc",
        "    impus: [ 'sip:alice@ims.example.net', 'tel:+15551230001' ]",
        "  - impi: mallory_private@ims.example.net",
        "    password: mallory-webrtc",
        "    impus: [ 'sip:mallory@ims.example.net' ]",
        "    allowed-waf-identities: [ 'waf.partner.example' ]",
        "  - impi: bob_private@ims.example.net",
        "    password: bob-webrtc",
        "    impus: [ 'sip:bob@ims.example.net' ]",
        "  - impi: carol_private@ims.example.net",
        "    password: carol-webrtc",
        "    impus: [ 'sip:carol@ims.example.net' ]",
        "  - impi: guest-001@ims.example.net",
        "    impus: [ 'sip:guest-001@ims.example.net' ]",
        "    allowed-waf-identities: []",
        "  - impi: guest-002@ims.example.net",
        "    impus: [ 'sip:guest-002@ims.example.net' ]",
        "    allowed-waf-identities: []",
        ""));
    Path seed = Files.writeString(dir.resolve("waf-seed.yml"), String.join("\n",
        "pools:",
        "  - name: " + GUEST_POOL,
        "    realm: ims.example.net",
        "    impus: 'sip:guest-{001..002}@ims.example.net'",
        "    impis: 'guest-{001..002}@ims.example.net'",
        "users:",
        "  - username: alice",
        "    password: alice" + PASSWORD_SUFFIX,
        "    impi: alice_private@ims.example.net",
        "    impus: [ 'sip:alice@ims.example.net', 'tel:+15551230001' ]",
        "  - username: mallory",
        "    password: mallory" + PASSWORD_SUFFIX,
        "    impi: mallory_private@ims.example.net",
        "    impus: [ 'sip:mallory@ims.example.net' ]",
        "  - username: nomap",
        "    password: nomap" + PASSWORD_SUFFIX,
        "  - username: bob",
        "    password: bob" + PASSWORD_SUFFIX,
        "  - username: operator",
        "    password: operator" + PASSWORD_SUFFIX,
        "    roles: [ operator ]",
        "  - { username: guest1, password: guest1" + PASSWORD_SUFFIX + ", pool: " + GUEST_POOL + " }",
        "  - { username: guest2, password: guest2" + PASSWORD_SUFFIX + ", pool: " + GUEST_POOL + " }",
        "  - { username: guest3, password: guest3" + PASSWORD_SUFFIX + ", pool: " + GUEST_POOL + " }",
        ""));
    List<String> imsArgs = new ArrayList<>(List.of("--webims.ims.subscribers-file=" + subscribers,
        "--spring.datasource.url=jdbc:h2:mem:ims-" + dir.getFileName() + ";DB_CLOSE_DELAY=-1"));
    imsArgs.addAll(managementPasswordFile(dir, "ims-core"));
    if (imsArguments.stream().noneMatch(a -> a.startsWith("--webims.ims.sip.port="))) {
      imsArgs.add("--webims.ims.sip.port=0");
    }
    imsArgs.addAll(imsArguments);
    ConfigurableApplicationContext ims = ImsCoreApplication.builder().run(imsArgs.toArray(String[]::new));
    int wwsfPort = freePort();
    int epcscfPort = freePort();
    int wwsfManagementPort = freePort();
    int epcscfManagementPort = freePort();
    Path keyStore = dir.resolve("tls.p12");
    String wwsfUrl = "https://localhost:" + wwsfPort;
    List<String> wwsfArgs = new ArrayList<>(List.of("--server.port=" + wwsfPort,
        "--webims.tls.key-store=" + keyStore,
        "--webims.waf.seed-file=" + seed,
        "--webims.waf.clients.ep-cscf.secret=" + EPCSCF_CLIENT_SECRET,
        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("wwsf"),
        "--webims.wwsf.epcscf-url=wss://localhost:" + epcscfPort,
        "--management.server.port=" + wwsfManagementPort));
    wwsfArgs.addAll(managementPasswordFile(dir, "wwsf"));
    // The console's Nodes page reads the three servers' management ports, as ./run.sh configures it (issue 16).
    consoleNode(wwsfArgs, 0, "wwsf", wwsfManagementPort, dir);
    consoleNode(wwsfArgs, 1, "ep-cscf", epcscfManagementPort, dir);
    consoleNode(wwsfArgs, 2, "ims-core",
        Integer.parseInt(ims.getEnvironment().getRequiredProperty("local.management.port")), dir);
    wwsfArgs.addAll(wwsfArguments);
    ConfigurableApplicationContext wwsf = WwsfApplication.builder().run(wwsfArgs.toArray(String[]::new));
    InetSocketAddress core = ims.getBean(ScscfSipService.class).tcpAddress();
    List<String> epcscfArgs = new ArrayList<>(List.of(
        "--server.port=" + epcscfPort, "--webims.epcscf.core.port=0",
        "--webims.tls.key-store=" + keyStore,
        "--webims.epcscf.core.uri=sip:127.0.0.1:" + core.getPort() + ";transport=tcp",
        "--webims.epcscf.websocket.allowed-origins=" + wwsfUrl,
        "--webims.epcscf.token.issuer=" + wwsfUrl,
        "--webims.epcscf.token.jwks-uri=" + wwsfUrl + "/oauth2/jwks",
        "--webims.epcscf.token.trust-store=" + keyStore,
        "--webims.epcscf.token.trust-store-password=webims-dev-only",
        "--webims.epcscf.lease-release.client-secret=" + EPCSCF_CLIENT_SECRET,
        // A test's close is not a rolling restart: no drain delay before the flows close (DrainWssTest covers it).
        "--webims.epcscf.drain.delay=0s",
        "--management.server.port=" + epcscfManagementPort));
    epcscfArgs.addAll(managementPasswordFile(dir, "ep-cscf"));
    epcscfArgs.addAll(epcscfArguments);
    ConfigurableApplicationContext epcscf = EpCscfApplication.builder().run(epcscfArgs.toArray(String[]::new));
    return new WebImsSystem(ims, wwsf, epcscf, wwsfPort);
  }

  /** A server's management password generated into {@code dir/<name>-management-password}, as a standalone start. */
  private static List<String> managementPasswordFile(Path dir, String name) {
    return List.of("--webims.management.password=",
        "--webims.management.password-file=" + dir.resolve(name + "-management-password"));
  }

  /** Node {@code n} of the console's Nodes page: {@code name} is also its role. */
  private static void consoleNode(List<String> wwsfArgs, int n, String name, int managementPort, Path dir) {
    String prefix = "--webims.wwsf.console.nodes[" + n + "].";
    wwsfArgs.addAll(List.of(prefix + "name=" + name, prefix + "role=" + name,
        prefix + "url=http://127.0.0.1:" + managementPort,
        prefix + "password-file=" + dir.resolve(name + "-management-password")));
  }

  /**
   * IMS core arguments for tests with SIP phones registered at the S-CSCF itself (issue 15, SCS-34): a free SIP
   * port named in the Service-Route, so the Record-Route a phone follows for ACK and BYE is an address, not the
   * default's unresolvable {@code scscf.ims.example.net}; and the Digest challenge MD5 alone, because baresip 1.0.0
   * (libre 1.1.0) gives up on a 401 that also offers SHA-256 (docs/interop.md).
   */
  public static List<String> imsReachableByPhones() {
    int port = freePort();
    return List.of("--webims.ims.sip.port=" + port,
        "--webims.ims.registrar.service-route=sip:orig@127.0.0.1:" + port + ";lr",
        "--webims.ims.digest.algorithms=MD5");
  }

  /** The S-CSCF's UDP address, where SIP phones register (SCS-34). */
  public InetSocketAddress scscfUdpAddress() {
    return ims.getBean(ScscfSipService.class).udpAddress();
  }

  /** Adds a subscriber to the HSS with one IMPU and a SIP Digest password: a phone's account (issue 15). */
  public void addSubscriber(String impi, String password, String impu) {
    ims.getBean(SubscriberRepository.class).save(Subscriber.withPassword(impi,
        ims.getEnvironment().getProperty("webims.ims.home-domain", "ims.example.net"), List.of(impu), password,
        List.of()));
  }

  public String wwsfUrl() {
    return "https://localhost:" + wwsfPort;
  }

  /** The eP-CSCF's WSS URL, as the WWSF gives it to the WIC. */
  public String epcscfUrl() {
    return wwsf.getEnvironment().getRequiredProperty("webims.wwsf.epcscf-url");
  }

  /** The IMS core's bindings of an IMPU. */
  public List<?> bindings(String impu) {
    return ims.getBean(Registrar.class).bindings(impu);
  }

  /** The pool leases of {@link #GUEST_POOL} in the WAF (WAF-10, WAF-11), live, released or expired as asked. */
  public List<ImpuLease> guestLeases(LeaseState state) {
    return wwsf.getBean(ImpuLeaseService.class).list(GUEST_POOL, state.value(), new PageRequest(0, 100)).items();
  }

  /** Open WebSocket connections at the eP-CSCF. */
  public int openWebSockets() {
    return epcscf.getBean(SipWebSocketHandler.class).flowCount();
  }

  /** The eP-CSCF drops every WebSocket connection (flow loss, EPC-43). */
  public void dropWebSockets() {
    epcscf.getBean(SipWebSocketHandler.class).closeAllFlows();
  }

  /** SCS-12 from the operator's chair, in process: the IMS core deregisters {@code impu} with {@code event}. */
  public void deregisterInNetwork(String impu, String event) {
    try {
      ims.getBean(ScscfSipService.class).onLoop(() -> ims.getBean(Registrar.class).deregister(impu, event))
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** reg event subscriptions the IMS core holds (the eP-CSCF's and the WICs'). */
  public int regSubscriptions() {
    return ims.getBean(RegEventNotifier.class).subscriptionCount();
  }

  public ConfigurableApplicationContext wwsf() {
    return wwsf;
  }

  @Override
  public void close() {
    for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {epcscf, wwsf, ims}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
