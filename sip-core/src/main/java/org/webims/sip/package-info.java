/**
 * SIP for WebRTC access to IMS: message model, parser, Digest and transactions, in plain Java that
 * both the JVM and TeaVM (the browser client) compile. No regex, String.split, String.format or
 * reflection here: they break or bloat the browser build.
 */
package org.webims.sip;
