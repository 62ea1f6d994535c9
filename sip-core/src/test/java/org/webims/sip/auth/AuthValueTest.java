package org.webims.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;

class AuthValueTest {

  private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IndhZi0xIn0.eyJpc3MiOiJ3YWYifQ.c2ln-_bmF0dXJl";

  @Test
  void bearerInRfc6750Form() throws SipParseException {
    // WIC-31
    List<AuthValue> v = AuthValue.parseList("Bearer " + JWT, "Authorization");
    assertThat(v).hasSize(1);
    assertThat(v.get(0).token68()).isEqualTo(JWT);
    assertThat(BearerCredentials.from(v.get(0)).token()).isEqualTo(JWT);
    assertThat(BearerCredentials.of(JWT).headerValue()).isEqualTo("Bearer " + JWT);
  }

  @Test
  void bearerInTs24371AccessTokenForm() throws SipParseException {
    // TS 24.371 Table A.3.2-1
    AuthValue v = AuthValue.parseList("Bearer access_token=\"" + JWT + "\"", "Authorization").get(0);
    assertThat(v.token68()).isNull();
    assertThat(BearerCredentials.from(v).token()).isEqualTo(JWT);
  }

  @Test
  void token68WithPaddingIsNotMistakenForAParameter() throws SipParseException {
    AuthValue v = AuthValue.parseList("Bearer abc+/de==", "Authorization").get(0);
    assertThat(v.token68()).isEqualTo("abc+/de==");
  }

  @Test
  void rfc8898ChallengeReadsEveryParameter() throws SipParseException {
    BearerChallenge c = BearerChallenge.builder().realm("ims.example.net").scope("ims.register")
        .authzServer("https://waf.example.net").error("invalid_token").build();
    assertThat(c.toString()).isEqualTo("Bearer realm=\"ims.example.net\", scope=\"ims.register\", "
        + "authz_server=\"https://waf.example.net\", error=\"invalid_token\"");
    BearerChallenge parsed = BearerChallenge.from(AuthValue.parseList(c.toString(), "WWW-Authenticate").get(0));
    assertThat(parsed).isEqualTo(c);
    assertThat(parsed.authzServer()).isEqualTo("https://waf.example.net");
    assertThat(parsed.error()).isEqualTo("invalid_token");
    assertThat(parsed.scope()).isEqualTo("ims.register");
  }

  @Test
  void severalChallengesInOneHeaderValueAreSeparated() throws SipParseException {
    // WIC-33, RFC 8898: a 401 may offer Digest and Bearer together.
    List<AuthValue> v = AuthValue.parseList("Digest realm=\"r\", nonce=\"n\", qop=\"auth,auth-int\", algorithm=SHA-256, "
        + "Bearer realm=\"r\", authz_server=\"https://waf\", Newauth token68==", "WWW-Authenticate");
    assertThat(v).extracting(AuthValue::scheme).containsExactly("Digest", "Bearer", "Newauth");
    DigestChallenge d = DigestChallenge.from(v.get(0));
    assertThat(d.qopOptions()).containsExactly("auth", "auth-int");
    assertThat(d.algorithm()).isEqualTo("SHA-256");
    assertThat(BearerChallenge.from(v.get(1)).authzServer()).isEqualTo("https://waf");
    assertThat(v.get(2).token68()).isEqualTo("token68==");
  }

  @Test
  void digestChallengeDefaultsAndStale() throws SipParseException {
    DigestChallenge d = DigestChallenge.builder().realm("ims.example.net").nonce("abc").qop("auth").opaque("o")
        .stale(true).build();
    assertThat(d.toString()).isEqualTo("Digest realm=\"ims.example.net\", nonce=\"abc\", qop=\"auth\", opaque=\"o\", stale=true");
    DigestChallenge parsed = DigestChallenge.from(AuthValue.parseList(d.toString(), "WWW-Authenticate").get(0));
    assertThat(parsed.stale()).isTrue();
    assertThat(parsed.algorithm()).isEqualTo("MD5");
    assertThat(catchThrowableOfType(SipParseException.class,
        () -> DigestChallenge.from(AuthValue.parseList("Digest realm=\"r\"", "WWW-Authenticate").get(0))).reason())
        .isEqualTo("Bad Digest challenge: realm and nonce required");
  }

  @Test
  void digestCredentialsBuildInChecklistOrderAndCarryIntegrityProtected() throws SipParseException {
    // WIC-20, EPC-09, EPC-24
    DigestCredentials c = DigestCredentials.builder().username("alice_private@ims.example.net").realm("ims.example.net")
        .uri("sip:ims.example.net").nonce("").response("").integrityProtected("auth-done").build();
    assertThat(c.toString()).isEqualTo("Digest username=\"alice_private@ims.example.net\", realm=\"ims.example.net\", "
        + "uri=\"sip:ims.example.net\", nonce=\"\", response=\"\", integrity-protected=\"auth-done\"");
    DigestCredentials parsed = DigestCredentials.from(AuthValue.parseList(c.toString(), "Authorization").get(0));
    assertThat(parsed).isEqualTo(c);
    assertThat(parsed.hasResponse()).isFalse();
    assertThat(parsed.withoutIntegrityProtected().integrityProtected()).isNull();
    assertThat(parsed.withIntegrityProtected("tls-yes").integrityProtected()).isEqualTo("tls-yes");
  }

  @Test
  void unknownSchemeWithParametersParses() throws SipParseException {
    // RFC 4475 §3.3.7
    AuthValue v = AuthValue.parseList("NoOneKnowsThisScheme opaque-data=here", "Authorization").get(0);
    assertThat(v.scheme()).isEqualTo("NoOneKnowsThisScheme");
    assertThat(v.parameters().get("opaque-data")).isEqualTo("here");
  }

  @Test
  void malformedAuthValuesAreBadHeader() {
    for (String bad : new String[] {"", ",", "Digest realm=", "Digest realm=\"open", "Digest =x", "Bearer a b",
        "Digest realm=\"r\" nonce=\"n\"", "Bearer"}) {
      SipParseException e = catchThrowableOfType(SipParseException.class, () -> {
        AuthValue v = AuthValue.parseList(bad, "Authorization").get(0);
        if (v.isScheme("Bearer")) {
          BearerCredentials.from(v);
        } else {
          DigestCredentials.from(v);
        }
      });
      assertThat(e).as(bad).isNotNull();
      assertThat(e.problem()).as(bad).isIn(ParseProblem.BAD_HEADER, ParseProblem.UNTERMINATED_QUOTE);
    }
  }

  @Test
  void printingBearerCredentialsNeverShowsTheToken() {
    assertThat(BearerCredentials.of(JWT).toString()).isEqualTo("Bearer eyJhbGci…").doesNotContain("c2ln");
  }
}
