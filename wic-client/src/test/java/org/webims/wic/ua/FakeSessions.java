package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;

/** {@code /wic/session} under the test's control: each fetch waits until the test answers it. */
final class FakeSessions implements SessionSource {

  static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6IndhZi0xIn0.eyJpc3MiOiJodHRwczovL3dhZi5leGFtcGxlLm5ldCJ9.c2ln";

  final List<Callback> waiting = new ArrayList<>();
  int fetches;

  static WicSession alice(long expiresAtMillis) {
    return new WicSession(TOKEN, "alice_private@ims.example.net",
        List.of("sip:alice@ims.example.net", "tel:+15551230001"), "wss://localhost:7443", "ims.example.net",
        expiresAtMillis);
  }

  @Override
  public void fetch(Callback callback) {
    fetches++;
    waiting.add(callback);
  }

  void answer(WicSession session) {
    waiting.remove(0).onSession(session);
  }

  void refuse(int status, String reason) {
    waiting.remove(0).onFailure(status, reason);
  }
}
