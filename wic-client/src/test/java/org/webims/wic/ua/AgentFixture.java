package org.webims.wic.ua;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The fakes around a {@link RegistrationAgent}, fresh for every test (JUnit makes one instance per test):
 * WebSocket, {@code /wic/session}, virtual clock and timers, the page, and {@code localStorage} (this).
 */
abstract class AgentFixture implements Storage {

  final VirtualTimers timers = new VirtualTimers();
  final FakeSocket socket = new FakeSocket();
  final FakeSessions sessions = new FakeSessions();
  final RecordingPage page = new RecordingPage();
  final Map<String, String> stored = new HashMap<>();

  RegistrationAgent newAgent(Random random) {
    return new RegistrationAgent(socket, sessions, timers, timers, this, random, page);
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
