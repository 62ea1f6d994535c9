package org.webims.wic.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** The {@code /wic/session} JSON object as the browser's {@code JSON.parse} gives it. */
interface SessionJson extends JSObject {

  @JSProperty
  String getToken();

  @JSProperty
  String getImpi();

  @JSProperty
  String[] getImpus();

  @JSProperty
  String getEpcscfUrl();

  @JSProperty
  String getRealm();

  @JSProperty
  String getExpiresAt();
}
