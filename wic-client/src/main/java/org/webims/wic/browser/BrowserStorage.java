package org.webims.wic.browser;

import org.webims.wic.ua.Storage;

/**
 * The tab's sessionStorage (issue 12 item 9): each tab is its own UA instance with its own +sip.instance, kept
 * across reloads of that tab; localStorage would give every tab of the browser the same one, and two tabs would
 * replace each other's registration (RFC 5626 instance and reg-id). When the browser refuses it (blocked storage)
 * the value lasts for the page only.
 */
public final class BrowserStorage implements Storage {

  private final org.teavm.jso.browser.Storage local;
  private String key;
  private String value;

  public BrowserStorage() {
    org.teavm.jso.browser.Storage s;
    try {
      s = org.teavm.jso.browser.Storage.getSessionStorage();
    } catch (RuntimeException e) {
      s = null;
    }
    local = s;
  }

  @Override
  public String get(String k) {
    try {
      if (local != null) {
        return local.getItem(k);
      }
    } catch (RuntimeException e) {
      // fall through to the page-lifetime copy
    }
    return k.equals(key) ? value : null;
  }

  @Override
  public void put(String k, String v) {
    key = k;
    value = v;
    try {
      if (local != null) {
        local.setItem(k, v);
      }
    } catch (RuntimeException e) {
      // kept in memory above
    }
  }
}
