package org.webims.wic.browser;

import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * Build-time only (TeaVM loads it from META-INF/services, it is not in {@code wic.js}): classes compiled in
 * place of sip-core's for the JavaScript target. {@code org.webims.sip.syntax.Utf8} becomes
 * {@link BrowserUtf8}, the browser's codec; {@code org.webims.sip.digest.HashFunctions} becomes
 * {@link BrowserHashFunctions}, MD5 and SHA-256 without SHA-512/256. The servers keep sip-core's.
 */
public final class BrowserSubstitutions extends SimpleSubstitutionPolicy {

  @Override
  public void contribute(SubstitutionSink sink) {
    sink.selectClasses(named("org.webims.sip.syntax.Utf8"))
        .replacePackage("org.webims.sip.syntax", "org.webims.wic.browser")
        .simpleNamePrefix("Browser");
    sink.selectClasses(named("org.webims.sip.digest.HashFunctions"))
        .replacePackage("org.webims.sip.digest", "org.webims.wic.browser")
        .simpleNamePrefix("Browser");
  }
}
