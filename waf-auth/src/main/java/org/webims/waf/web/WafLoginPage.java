package org.webims.waf.web;

/**
 * Declared by an application that renders the web users' sign-in page at {@link WafSecurityConfiguration#LOGIN_PATH}
 * itself (GET; the WAF's chain still takes the POST): the WWSF shows its own product page (issue 12 item 9).
 * Without such a bean the standalone WAF uses Spring Security's generated page.
 */
public interface WafLoginPage {
}
