/**
 * The WIC's thin binding to the browser (TeaVM JSO): WebSocket, the client page's DOM, the
 * {@code /wic/session} fetch, timers and sessionStorage, each behind an interface of
 * {@link org.webims.wic.ua}, which runs on the JVM in tests. Nothing here holds protocol logic.
 */
package org.webims.wic.browser;
