package org.webims.wic.browser;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.ajax.XMLHttpRequest;
import org.teavm.jso.core.JSDate;
import org.teavm.jso.json.JSON;
import org.webims.wic.ua.SessionSource;
import org.webims.wic.ua.WicSession;

/** WIC-30: {@code GET /wic/session}, same origin, so the session cookie goes with it. */
public final class BrowserSessionSource implements SessionSource {

  private static final int OK = 200;

  private final String url;

  public BrowserSessionSource(String url) {
    this.url = url;
  }

  @Override
  public void fetch(Callback callback) {
    XMLHttpRequest xhr = XMLHttpRequest.create();
    xhr.open("GET", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onLoad(e -> {
      if (xhr.getStatus() != OK) {
        callback.onFailure(xhr.getStatus(), xhr.getStatusText());
        return;
      }
      WicSession session = parse(xhr.getResponseText());
      if (session == null) {
        callback.onFailure(OK, "bad session JSON");
      } else {
        callback.onSession(session);
      }
    });
    xhr.onError(e -> callback.onFailure(0, "network error"));
    xhr.send();
  }

  private static WicSession parse(String text) {
    SessionJson json;
    try {
      json = (SessionJson) JSON.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
    if (json == null || json.getToken() == null || json.getRealm() == null || json.getEpcscfUrl() == null
        || json.getImpus() == null) {
      return null;
    }
    List<String> impus = new ArrayList<>();
    for (String impu : json.getImpus()) {
      impus.add(impu);
    }
    double expires = json.getExpiresAt() == null ? 0 : JSDate.parse(json.getExpiresAt());
    // NaN (an unreadable date) is the one value not equal to itself: treated as unknown.
    return new WicSession(json.getToken(), json.getImpi(), impus, json.getEpcscfUrl(), json.getRealm(),
        expires == expires ? (long) expires : 0);
  }
}
