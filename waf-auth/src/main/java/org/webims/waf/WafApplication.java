package org.webims.waf;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.webims.waf.config.WafConfiguration;

/**
 * The WAF (WebRTC Authorisation Function, TS 24.371 clause 5) run standalone. All configuration lives in
 * {@link WafConfiguration} so that the WWSF can import it instead of starting this class.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WafConfiguration.class)
public class WafApplication {

    public static void main(String[] args) {
        SpringApplication.run(WafApplication.class, args);
    }
}
