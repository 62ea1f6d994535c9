package org.webims.wwsf.config;

import java.util.Collections;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.webims.waf.config.WafProperties;

/**
 * The options object the client page and the {@code /ims} page pass to {@code wicStart}/{@code wicStartDigest}
 * ({@code webims.wwsf.wic.*}); the WIC trusts the WAF's issuer for RFC 8898 retries unless configured otherwise.
 */
@Component
public class WicStartOptions {

  /** The model attribute the templates read. */
  public static final String ATTRIBUTE = "wicOptions";

  private final Map<String, Object> options;

  public WicStartOptions(WwsfProperties wwsf, WafProperties waf) {
    // Unmodifiable but in insertion order: the page shows the options as written in docs/wic.md.
    this.options = Collections.unmodifiableMap(wwsf.wic().startOptions(waf.issuer()));
  }

  public Map<String, Object> options() {
    return options;
  }
}
