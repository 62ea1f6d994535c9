package org.webims.wic.browser;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.browser.Window;
import org.teavm.jso.core.JSDate;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLFormElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.webims.sip.syntax.SipChars;
import org.webims.wic.ua.CallListener;
import org.webims.wic.ua.CallState;
import org.webims.wic.ua.Phone;
import org.webims.wic.ua.RegistrationAgent;
import org.webims.wic.ua.RegistrationListener;
import org.webims.wic.ua.RegistrationState;
import org.webims.wic.ua.SessionSource;
import org.webims.wic.ua.WicSession;

/**
 * The client page's hooks (issue 4 contract): {@code #register}, {@code #deregister},
 * {@code #signout}, {@code #state} (text and {@code data-state}), {@code #impus} and
 * {@code #log-entries}; issue 7 adds {@code data-state="reconnecting"} with {@code data-attempt} and
 * deregisters on {@code pagehide}. A missing element is skipped, so a page without a log still works.
 * Issue 14 adds the call panel: {@code #callee}, {@code #call}, {@code #answer}, {@code #decline},
 * {@code #mute}, {@code #camera}, {@code #hangup} to the {@link Phone}, and {@code #call-state}
 * ({@code data-state} and text) from it; the page's own script enables the buttons by that state.
 */
public final class ClientPage
    implements RegistrationListener, CallListener, EventListener<Event>, Runnable, SessionSource {

  private final HTMLDocument document;
  private final HTMLElement state;
  private final HTMLElement impus;
  private final HTMLElement log;
  private final HTMLElement callState;
  private RegistrationAgent agent;
  private Phone phone;
  private HTMLFormElement signOutForm;
  private String epcscfUrl;
  private String realm;

  private ClientPage(HTMLDocument document) {
    this.document = document;
    this.state = document.getElementById("state");
    this.impus = document.getElementById("impus");
    this.log = document.getElementById("log-entries");
    this.callState = document.getElementById("call-state");
  }

  /** The hooks of the current document. */
  public static ClientPage current() {
    return new ClientPage(HTMLDocument.current());
  }

  /**
   * Shows {@code idle} and sends the buttons' clicks, the sign-out submit and the page's
   * {@code pagehide} to {@code agent} and the call buttons' clicks to {@code phone}, all through
   * {@link #handleEvent} (one listener object: a lambda each would be a class each in wic.js).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void bind(RegistrationAgent agent, Phone phone) {
    this.agent = agent;
    this.phone = phone;
    onState(RegistrationState.IDLE, 0, null);
    onCallState(CallState.IDLE, null, null);
    EventListener events = this;
    for (String id : new String[] {"register", "deregister", "signout", "call", "answer", "decline", "mute",
        "camera", "hangup"}) {
      HTMLElement element = document.getElementById(id);
      if (element != null) {
        element.addEventListener(id.equals("signout") ? "submit" : "click", events);
      }
    }
    // Closing or reloading the tab deregisters when the browser still lets the socket send.
    Window.current().addEventListener("pagehide", events);
  }

  /** After sign-out's deregistration (or its wait): submits the sign-out form the user sent. */
  @Override
  public void run() {
    signOutForm.submit();
  }

  @Override
  public void handleEvent(Event e) {
    String type = e.getType();
    if (type.equals("pagehide")) {
      agent.pageHidden();
    } else if (type.equals("submit")) {
      e.preventDefault();
      signOutForm = (HTMLFormElement) e.getCurrentTarget();
      // The page itself submits the form ({@link #run}): a lambda would be one more class in wic.js, and
      // form::submit makes TeaVM wrap the JS object (about 0.5 kB gzip).
      agent.signOut(this);
    } else {
      click((HTMLElement) e.getCurrentTarget());
    }
  }

  private void click(HTMLElement button) {
    String id = button.getId();
    if (id.equals("register")) {
      agent.register();
    } else if (id.equals("deregister")) {
      agent.deregister();
    } else if (id.equals("call")) {
      phone.call(value("callee"));
    } else if (id.equals("answer")) {
      phone.answer();
    } else if (id.equals("decline")) {
      phone.decline();
    } else if (id.equals("hangup")) {
      phone.hangUp();
    } else {
      // Mute and Camera off are toggle buttons (aria-pressed), released again by the page at each call.
      boolean pressed = !"true".equals(button.getAttribute("aria-pressed"));
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
      if (id.equals("mute")) {
        phone.mute(pressed);
      } else {
        phone.camera(!pressed);
      }
    }
  }

  /** {@code data-state} and a text such as {@code failed: sip:bob@ims.example.net: Declined (603)}. */
  @Override
  public void onCallState(String s, String peer, String reason) {
    show(callState, s, text(text(s, peer), reason));
  }

  /** {@code s: part}, or {@code s} alone when there is no part. */
  private static String text(String s, String part) {
    return part == null ? s : s + ": " + part;
  }

  /**
   * Scenario 1: the page as the session source, connecting to {@code epcscfUrl} and registering in
   * {@code realm}, with the credentials typed into the page ({@link #fetch}).
   */
  public SessionSource credentials(String epcscfUrl, String realm) {
    this.epcscfUrl = epcscfUrl;
    this.realm = realm;
    return this; // the page itself, not a lambda: every lambda is a class in wic.js
  }

  /**
   * Scenario 1: the IMS credentials typed into {@code #impi}, {@code #impu} and {@code #password}, read
   * at Register time; the password field is emptied, so the password lives only in the agent. An IMPU
   * typed without a scheme gets {@code sip:}.
   */
  @Override
  public void fetch(SessionSource.Callback callback) {
    String impi = value("impi");
    String impu = value("impu");
    String password = value("password");
    HTMLInputElement field = (HTMLInputElement) document.getElementById("password");
    if (field != null) {
      field.setValue("");
    }
    if (impu.indexOf(':') < 0) {
      impu = "sip:" + impu;
    }
    // An ArrayList, not List.of: that pulls TeaVM's immutable collections into wic.js (about 0.3 kB gzip).
    List<String> impus = new ArrayList<>();
    impus.add(impu);
    callback.onSession(new WicSession(null, impi, impus, epcscfUrl, realm, 0, password));
  }

  private String value(String id) {
    HTMLInputElement input = (HTMLInputElement) document.getElementById(id);
    return input == null ? "" : SipChars.trim(input.getValue());
  }

  @Override
  public void onState(String s, long registeredUntilMillis, String reason) {
    show(state, s,
        s == RegistrationState.REGISTERED ? s + " until " + dateTime(registeredUntilMillis) : text(s, reason));
    if (state != null) {
      state.removeAttribute("data-attempt");
    }
  }

  /** {@code reconnecting (attempt 2): connection lost}, {@code data-attempt="2"}. */
  @Override
  public void onReconnecting(int attempt, String reason) {
    if (state != null) {
      show(state, RegistrationState.RECONNECTING,
          RegistrationState.RECONNECTING + " (attempt " + attempt + "): " + reason);
      state.setAttribute("data-attempt", Integer.toString(attempt));
    }
  }

  /** {@code element}'s text and {@code data-state}; a page without the element is skipped. */
  private static void show(HTMLElement element, String s, String text) {
    if (element != null) {
      element.setTextContent(text);
      element.setAttribute("data-state", s);
    }
  }

  @Override
  public void onAssociatedUris(List<String> uris) {
    if (impus == null) {
      return;
    }
    while (impus.getFirstChild() != null) {
      impus.removeChild(impus.getFirstChild());
    }
    for (String uri : uris) {
      HTMLElement li = document.createElement("li");
      li.setTextContent(uri);
      impus.appendChild(li);
    }
  }

  @Override
  public void onSipMessage(boolean sent, String text) {
    if (log == null) {
      return;
    }
    String tag = log.getTagName();
    HTMLElement entry = document.createElement("OL".equals(tag) || "UL".equals(tag) ? "li" : "div");
    entry.setTextContent((sent ? "\u2192 sent " : "\u2190 received ") + clockTime(System.currentTimeMillis())
        + "\n" + text);
    log.appendChild(entry);
  }

  /** HH:MM:SS in the browser's time zone. */
  private static String clockTime(long millis) {
    return JSDate.create((double) millis).toTimeString().substring(0, 8);
  }

  /**
   * Date, time and UTC offset in the browser's time zone, {@code Fri Dec 04 2026 18:37:48 GMT+0100} (issue 12
   * item 9): a registration can outlast the day, and the page may be read in another zone than the server's.
   * JavaScript's own date and time strings (ECMAScript: {@code HH:mm:ss GMT+hhmm (zone name)}) cost wic.js less than
   * formatting the numbers.
   */
  private static String dateTime(long millis) {
    JSDate date = JSDate.create((double) millis);
    return date.toDateString() + " " + date.toTimeString().substring(0, 17);
  }
}
