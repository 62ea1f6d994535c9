package org.webims.wic.browser;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.ajax.XMLHttpRequest;
import org.teavm.jso.core.JSDate;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;
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
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void fetch(Callback callback) {
    XMLHttpRequest xhr = XMLHttpRequest.create();
    xhr.open("GET", url);
    xhr.setRequestHeader("Accept", "application/json");
    // One listener object for both events, not a lambda each: every lambda is a class in wic.js.
    EventListener reply = new Reply(xhr, callback);
    xhr.onLoad(reply);
    xhr.onError(reply);
    xhr.send();
  }

  /** The answer to one fetch: {@code load} (any status) or {@code error} (no answer). */
  private static final class Reply implements EventListener<Event> {

    private final XMLHttpRequest xhr;
    private final Callback callback;

    Reply(XMLHttpRequest xhr, Callback callback) {
      this.xhr = xhr;
      this.callback = callback;
    }

    @Override
    public void handleEvent(Event e) {
      if (e.getType().equals("error")) {
        callback.onFailure(0, "network error");
      } else if (xhr.getStatus() != OK) {
        callback.onFailure(xhr.getStatus(), xhr.getStatusText());
      } else {
        WicSession session = parse(xhr.getResponseText());
        if (session == null) {
          callback.onFailure(OK, "bad session JSON");
        } else {
          callback.onSession(session);
        }
      }
    }
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
