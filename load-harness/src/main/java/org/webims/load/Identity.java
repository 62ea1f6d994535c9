package org.webims.load;

/**
 * One provisioned subscriber of a run: web user {@code load<i>}, IMPI {@code load<i>_private@<domain>}, IMPU
 * {@code sip:load<i>@<domain>}; {@code token} is its WAF access token (null in Digest mode).
 */
public record Identity(int index, String webUser, String impi, String impu, String token) {

  public static Identity of(int index, String domain) {
    String user = "load" + index;
    return new Identity(index, user, user + "_private@" + domain, "sip:" + user + "@" + domain, null);
  }

  public Identity withToken(String accessToken) {
    return new Identity(index, webUser, impi, impu, accessToken);
  }
}
