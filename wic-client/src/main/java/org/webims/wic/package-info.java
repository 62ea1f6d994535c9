/**
 * WebRTC IMS Client (WIC, 3GPP TS 24.371): Java compiled by TeaVM into {@code wic.js}, which the
 * WWSF serves from {@code META-INF/resources/wic/}. {@link org.webims.wic.WicMain} holds the functions
 * JavaScript can call.
 */
package org.webims.wic;
