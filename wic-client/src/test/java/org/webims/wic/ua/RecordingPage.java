package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;

/** Records what the page would show. */
final class RecordingPage implements RegistrationListener {

  final List<String> states = new ArrayList<>();
  final List<String> log = new ArrayList<>();
  List<String> uris = new ArrayList<>();
  long registeredUntil;
  String reason;
  final List<Integer> attempts = new ArrayList<>();

  @Override
  public void onState(String state, long registeredUntilMillis, String r) {
    states.add(state);
    registeredUntil = registeredUntilMillis;
    reason = r;
  }

  @Override
  public void onReconnecting(int attempt, String r) {
    states.add(RegistrationState.RECONNECTING);
    attempts.add(attempt);
    reason = r;
  }

  @Override
  public void onAssociatedUris(List<String> list) {
    uris = list;
  }

  @Override
  public void onSipMessage(boolean sent, String text) {
    log.add((sent ? "> " : "< ") + text);
  }

  String state() {
    return states.get(states.size() - 1);
  }
}
