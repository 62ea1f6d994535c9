package org.webims.wwsf.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.webims.wwsf.config.WicStartOptions;
import org.webims.wwsf.config.WwsfProperties;

/**
 * {@code GET /ims}: scenario 1 (TS 24.371 6.1 a) 1)), "Sign in with IMS credentials". Public: no web sign-in,
 * the user types IMPI, IMPU and password and {@code wic.js} registers with SIP Digest
 * ({@code wicStartDigest(epcscfUrl, realm, options)}). The server renders only its configuration into the page; the
 * credentials never reach it (the page has no form that posts them).
 */
@Controller
public class ImsSignInController {

  public static final String PATH = "/ims";

  private final WwsfProperties properties;
  private final WicStartOptions wicOptions;

  public ImsSignInController(WwsfProperties properties, WicStartOptions wicOptions) {
    this.properties = properties;
    this.wicOptions = wicOptions;
  }

  @GetMapping(PATH)
  public String ims(Model model) {
    model.addAttribute("epcscfUrl", properties.epcscfUrl());
    model.addAttribute("realm", properties.realm());
    model.addAttribute(WicStartOptions.ATTRIBUTE, wicOptions.options());
    return "ims";
  }
}
