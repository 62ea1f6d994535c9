package org.webims.wic.ua;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.webims.sip.reginfo.XmlReader;
import org.webims.sip.transaction.TransactionTimers;

/**
 * The fakes around a {@link RegistrationAgent}, fresh for every test (JUnit makes one instance per test):
 * WebSocket, {@code /wic/session}, virtual clock and timers, the page, and {@code sessionStorage} (this).
 */
abstract class AgentFixture implements Storage {

  final VirtualTimers timers = new VirtualTimers();
  final FakeSocket socket = new FakeSocket();
  final FakeSessions sessions = new FakeSessions();
  final RecordingPage page = new RecordingPage();
  final Map<String, String> stored = new HashMap<>();
  /** The WAF the WIC trusts (RFC 8898 authz_server, WIC-32) and the default timers. */
  static final String WAF = "https://localhost:8443";
  WicConfig config = WicConfig.defaults(WAF);
  /** RFC 3261 Table 4: Timer F (64*T1), which sip-core's transaction layer runs for the WIC's requests; also Timer B and the wait for an ACK. */
  static final long TIMER_F_MILLIS = TransactionTimers.DEFAULT.transactionTimeout();

  RegistrationAgent newAgent(Random random) {
    return new RegistrationAgent(socket, sessions, timers, timers, this, random::nextInt, page, config, XmlReader::read);
  }

  @Override
  public String get(String key) {
    return stored.get(key);
  }

  @Override
  public void put(String key, String value) {
    stored.put(key, value);
  }
}
