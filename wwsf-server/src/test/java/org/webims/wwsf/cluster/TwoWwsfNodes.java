package org.webims.wwsf.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.webims.waf.testing.TestPostgres;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * Two WWSF+WAF nodes in this JVM, each its own Spring context on a free port over real HTTPS, both on one fresh
 * PostgreSQL schema, behind a {@link RoundRobinProxy} (issue 16): the public URL, the WAF's issuer and the
 * redirect URI name the proxy, as they name the load balancer in a cluster. Both nodes serve one certificate
 * (node A's generated keystore), as the nodes behind one host name do. Each node's Tomcat closes a connection
 * after one request, so every request of a browser is a new connection and lands on the other node.
 */
final class TwoWwsfNodes implements AutoCloseable {

  static final int A = 0;
  static final int B = 1;

  private final TestPostgres postgres;
  private final RoundRobinProxy proxy;
  private final List<WwsfTestServer> nodes = new ArrayList<>();
  private final boolean[] stopped = new boolean[2];

  private TwoWwsfNodes(TestPostgres postgres, RoundRobinProxy proxy) {
    this.postgres = postgres;
    this.proxy = proxy;
  }

  /** Starts node A, then node B (one after the other: each applies the seed file), and the proxy before them. */
  static TwoWwsfNodes start(Path dataDir, TestSeedFile seed, String... extraArguments) {
    TwoWwsfNodes cluster = new TwoWwsfNodes(TestPostgres.freshSchema(), RoundRobinProxy.start());
    try {
      String[] common = Stream.of(cluster.postgres.wafArguments(), extraArguments,
              new String[] {"--webims.waf.issuer=" + cluster.baseUrl(), "--server.tomcat.max-keep-alive-requests=1"})
          .flatMap(Stream::of).toArray(String[]::new);
      WwsfTestServer a = WwsfTestServer.start(dataDir.resolve("a"), seed, common);
      cluster.nodes.add(a);
      cluster.nodes.add(WwsfTestServer.start(dataDir.resolve("b"), seed,
          Stream.concat(Stream.of(common), Stream.of("--webims.tls.key-store=" + a.tlsKeyStore()))
              .toArray(String[]::new)));
      cluster.proxy.forwardTo(cluster.nodes.stream().map(node -> node.waf().baseUrl().getPort()).toList());
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The load balancer's URL: {@code https://localhost:<proxy port>}. */
  URI baseUrl() {
    return URI.create("https://localhost:" + proxy.port());
  }

  /** A browser (own cookie jar) on the load balancer's URL. */
  WwsfBrowser browser() {
    return new WwsfBrowser(baseUrl(), nodes.get(A).tlsKeyStore(), WafTestServer.KEY_STORE_PASSWORD.toCharArray());
  }

  WwsfTestServer node(int index) {
    return nodes.get(index);
  }

  /** Connections node {@code index} has taken through the load balancer. */
  int connections(int index) {
    return proxy.connections(index);
  }

  /** Stops a node: its context closes, its port refuses, and the load balancer sends everything to the other. */
  void stop(int index) {
    stopped[index] = true;
    nodes.get(index).close();
  }

  @Override
  public void close() {
    for (int i = 0; i < nodes.size(); i++) {
      if (!stopped[i]) {
        nodes.get(i).close();
      }
    }
    proxy.close();
    postgres.drop();
  }
}
