package org.webims.wic.ua;

/** Key-value storage that lasts for the browser tab (sessionStorage), for the +sip.instance (WIC-06). */
public interface Storage {

  /** The value, or null. */
  String get(String key);

  void put(String key, String value);
}
