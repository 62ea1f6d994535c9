package org.webims.waf.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.testing.WafTokenClient;
import org.webims.waf.testing.WafTokenException;

/**
 * Many guests of one pool ask for a token at the same moment (issue 6 concurrency test, WAF-10): every guest
 * signs in first (authorization code in hand), then all token requests are released together, spread over the
 * given WAF nodes. Each outcome is the token or the OAuth error.
 */
final class PoolContention {

  /** One guest's answer: a token, or the error and its description. */
  record Outcome(String guest, String token, String error, String description) {
  }

  private PoolContention() {
  }

  static List<Outcome> run(List<WafTestServer> nodes, List<String> guests, String password) throws Exception {
    List<WafTokenClient> clients = nodes.stream().map(WafTestServer::tokenClient).toList();
    ExecutorService threads = Executors.newFixedThreadPool(guests.size());
    try {
      // Sign-ins need not be simultaneous, only the token requests: a few at a time keeps BCrypt off the clock.
      List<Future<WafTokenClient.AuthorizationCode>> signIns = new ArrayList<>();
      ExecutorService signInThreads = Executors.newFixedThreadPool(4);
      for (int i = 0; i < guests.size(); i++) {
        WafTokenClient client = clients.get(i % clients.size());
        String guest = guests.get(i);
        signIns.add(signInThreads.submit(() -> client.authorize(guest, password)));
      }
      List<WafTokenClient.AuthorizationCode> codes = new ArrayList<>();
      for (Future<WafTokenClient.AuthorizationCode> signIn : signIns) {
        codes.add(signIn.get(2, TimeUnit.MINUTES));
      }
      signInThreads.shutdown();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < guests.size(); i++) {
        WafTokenClient client = clients.get(i % clients.size());
        WafTokenClient.AuthorizationCode code = codes.get(i);
        String guest = guests.get(i);
        futures.add(threads.submit(() -> {
          start.await();
          try {
            return new Outcome(guest, client.exchange(code), null, null);
          } catch (WafTokenException e) {
            return new Outcome(guest, null, e.error(), e.description());
          }
        }));
      }
      start.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(2, TimeUnit.MINUTES));
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }
}
