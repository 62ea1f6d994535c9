/**
 * RFC 7616 / RFC 8760 HTTP Digest for SIP: MD5, SHA-256 and SHA-512/256 in plain Java, and the
 * response computation. Plain Java because TeaVM, which builds the browser client, has no
 * {@code java.security.MessageDigest}.
 */
package org.webims.sip.digest;
