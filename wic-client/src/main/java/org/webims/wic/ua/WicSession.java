package org.webims.wic.ua;

import java.util.List;

/** 24.371 A.3.2 step 1 (WIC-30): what {@code GET /wic/session} gives the WIC for one registration. */
public final class WicSession {

  private final String token;
  private final String impi;
  private final List<String> impus;
  private final String epcscfUrl;
  private final String realm;
  private final long expiresAtMillis;
  private final String password;

  /** Scenario 2 (token): what {@code GET /wic/session} gave. */
  public WicSession(String token, String impi, List<String> impus, String epcscfUrl, String realm,
      long expiresAtMillis) {
    this(token, impi, impus, epcscfUrl, realm, expiresAtMillis, null);
  }

  /**
   * Scenario 1 (SIP Digest) when {@code password} is not null: the IMS credentials typed into the page,
   * no token. The password is never stored or logged; the agent drops this object when nothing is
   * registered any more.
   */
  public WicSession(String token, String impi, List<String> impus, String epcscfUrl, String realm,
      long expiresAtMillis, String password) {
    this.password = password;
    this.token = token;
    this.impi = impi;
    this.impus = impus;
    this.epcscfUrl = epcscfUrl;
    this.realm = realm;
    this.expiresAtMillis = expiresAtMillis;
  }

  /** Scenario 1: the IMS password for the Digest response; null in scenario 2. Never log it. */
  public String password() {
    return password;
  }

  /** The access token for {@code Authorization: Bearer} (WIC-31); never log it whole; null in scenario 1. */
  public String token() {
    return token;
  }

  public String impi() {
    return impi;
  }

  /** The IMPUs the WWSF assigned; the first is registered (WIC-11, WIC-35). */
  public List<String> impus() {
    return impus;
  }

  public String epcscfUrl() {
    return epcscfUrl;
  }

  /** The home domain: the REGISTER's Request-URI is {@code sip:<realm>} (WIC-11). */
  public String realm() {
    return realm;
  }

  /** When the token expires (epoch ms); 0 when unknown. */
  public long expiresAtMillis() {
    return expiresAtMillis;
  }
}
