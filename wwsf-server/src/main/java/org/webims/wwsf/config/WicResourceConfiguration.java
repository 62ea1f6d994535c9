package org.webims.wwsf.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the WIC ({@code /wic/wic.js} from wic-client's jar) and the page's style sheet. Their names carry no
 * version, so browsers revalidate them ({@code no-cache} with {@code Last-Modified}) instead of keeping a stale
 * copy after an upgrade.
 */
@Configuration(proxyBeanMethods = false)
public class WicResourceConfiguration implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/wic/**")
        .addResourceLocations("classpath:/META-INF/resources/wic/")
        .setCacheControl(CacheControl.noCache());
    registry.addResourceHandler("/css/**")
        .addResourceLocations("classpath:/static/css/")
        .setCacheControl(CacheControl.noCache());
  }
}
