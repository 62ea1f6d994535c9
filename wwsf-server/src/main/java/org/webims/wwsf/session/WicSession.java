package org.webims.wwsf.session;

import java.util.List;

/**
 * The answer of {@code GET /wic/session} (issue 4 contract): what the WIC needs to REGISTER (WIC-30): a currently
 * valid access token, the IMS identity it carries, where the eP-CSCF is and the realm.
 *
 * @param expiresAt the token's {@code exp}, ISO-8601 UTC
 */
public record WicSession(String token, String impi, List<String> impus, String epcscfUrl, String realm,
    String expiresAt) {
}
