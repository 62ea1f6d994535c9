package org.webims.wic.browser;

import java.util.List;
import org.teavm.jso.core.JSDate;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLFormElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.webims.sip.syntax.SipChars;
import org.webims.wic.ua.RegistrationAgent;
import org.webims.wic.ua.RegistrationListener;
import org.webims.wic.ua.RegistrationState;
import org.webims.wic.ua.SessionSource;
import org.webims.wic.ua.WicSession;

/**
 * The client page's hooks (issue 4 contract): {@code #register}, {@code #deregister},
 * {@code #signout}, {@code #state} (text and {@code data-state}), {@code #impus} and
 * {@code #log-entries}. A missing element is skipped, so a page without a log still works.
 */
public final class ClientPage implements RegistrationListener {

  private final HTMLDocument document;
  private final HTMLElement state;
  private final HTMLElement impus;
  private final HTMLElement log;

  private ClientPage(HTMLDocument document) {
    this.document = document;
    this.state = document.getElementById("state");
    this.impus = document.getElementById("impus");
    this.log = document.getElementById("log-entries");
  }

  /** The hooks of the current document. */
  public static ClientPage current() {
    return new ClientPage(HTMLDocument.current());
  }

  /** Shows {@code idle} and sends the buttons' clicks and the sign-out submit to {@code agent}. */
  public void bind(RegistrationAgent agent) {
    onState(RegistrationState.IDLE, 0, null);
    HTMLElement register = document.getElementById("register");
    if (register != null) {
      register.addEventListener("click", e -> agent.register());
    }
    HTMLElement deregister = document.getElementById("deregister");
    if (deregister != null) {
      deregister.addEventListener("click", e -> agent.deregister());
    }
    HTMLFormElement signOut = (HTMLFormElement) document.getElementById("signout");
    if (signOut != null) {
      signOut.addEventListener("submit", e -> {
        e.preventDefault();
        // A lambda, not signOut::submit: the method reference makes TeaVM wrap the JS object (about 0.5 kB gzip).
        agent.signOut(() -> signOut.submit());
      });
    }
  }

  /**
   * Scenario 1: the IMS credentials typed into {@code #impi}, {@code #impu} and {@code #password}, read
   * at Register time; the password field is emptied, so the password lives only in the agent. An IMPU
   * typed without a scheme gets {@code sip:}.
   */
  public void credentials(String epcscfUrl, String realm, SessionSource.Callback callback) {
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
    callback.onSession(new WicSession(null, impi, List.of(impu), epcscfUrl, realm, 0, password));
  }

  private String value(String id) {
    HTMLInputElement input = (HTMLInputElement) document.getElementById(id);
    return input == null ? "" : SipChars.trim(input.getValue());
  }

  @Override
  public void onState(String s, long registeredUntilMillis, String reason) {
    if (state == null) {
      return;
    }
    String text = s;
    if (s == RegistrationState.REGISTERED) {
      text += " until " + clockTime(registeredUntilMillis);
    } else if (s == RegistrationState.ERROR) {
      text += ": " + reason;
    }
    state.setTextContent(text);
    state.setAttribute("data-state", s);
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
    JSDate date = JSDate.create((double) millis);
    return twoDigits(date.getHours()) + ":" + twoDigits(date.getMinutes()) + ":" + twoDigits(date.getSeconds());
  }

  private static String twoDigits(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
