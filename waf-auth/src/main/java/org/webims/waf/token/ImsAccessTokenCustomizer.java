package org.webims.waf.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.waf.identity.ImsIdentity;
import org.webims.waf.identity.WebUserRole;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.pool.ImpuPoolExhaustedException;

/**
 * The one place where the WAF's tokens get their IMS claims (WAF-02..05, contract "The access token"): {@code aud}
 * the eP-CSCF, {@code impi}, {@code impu} (default IMPU first), {@code client_id}; and every JWT names its signing
 * key in {@code kid}. A web identity with no IMS identity gets no token (WAF-03), unless it is an operator: then
 * it gets an operator token, for the WWSF only ({@code aud} the client, no scope, no {@code impi}/{@code impu}),
 * which the eP-CSCF refuses (wrong audience, missing scope, missing identity) and the WWSF's console accepts.
 * A web identity mapped to an IMPU pool gets one IMPU leased (TS 24.371 6.1 c), WAF-10): {@code impi} and
 * {@code impu} of the lease, plus {@code impu_lease} and {@code impu_pool}. Client credentials tokens (the
 * eP-CSCF, automation) carry no IMS claims.
 */
public class ImsAccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

  /** The scope that lets a WIC register in the IMS (contract, EPC-20). */
  public static final String SCOPE_IMS_REGISTER = "ims.register";
  public static final String CLAIM_IMPI = "impi";
  public static final String CLAIM_IMPU = "impu";
  public static final String CLAIM_CLIENT_ID = "client_id";
  /** The roles beyond web user, e.g. {@code ["operator"]}; absent for a plain web user. */
  public static final String CLAIM_ROLES = "roles";
  /** The {@code error_description} of the {@code invalid_grant} for a web identity without IMS identity (WAF-03). */
  public static final String NO_IMS_IDENTITY = "No IMS identity is provisioned for this web identity";
  /** The id of the pool IMPU's lease (issue 6); the eP-CSCF names it when it releases the lease (EPC-28). */
  public static final String CLAIM_IMPU_LEASE = "impu_lease";
  /** The name of the pool the IMPU was leased from. */
  public static final String CLAIM_IMPU_POOL = "impu_pool";
  /** The {@code error_description} of the {@code invalid_grant} when every IMPU of the user's pool is leased. */
  public static final String POOL_EXHAUSTED = "Every IMPU of the pool of this web identity is in use";

  private final IdentityMappingRepository mappings;
  private final ImpuLeaseService leases;
  private final SigningKeyService keys;
  private final String audience;

  public ImsAccessTokenCustomizer(IdentityMappingRepository mappings, ImpuLeaseService leases,
      SigningKeyService keys, String audience) {
    this.mappings = mappings;
    this.leases = leases;
    this.keys = keys;
    this.audience = audience;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    context.getJwsHeader().keyId(keys.currentKey().kid());
    if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
        || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      return; // a server's token (eP-CSCF, automation): its principal is the client, no web identity
    }
    String webIdentity = context.getPrincipal().getName();
    // The principal's authorities come from WebUserDetailsService at sign-in; on a refresh they are the ones
    // stored with the authorization, so a role taken away applies from the next sign-in.
    ArrayList<String> roles = roles(context.getPrincipal());
    String clientId = context.getRegisteredClient().getClientId();
    if (!roles.isEmpty()) {
      context.getClaims().claim(CLAIM_ROLES, roles);
    }
    Optional<String> pool = mappings.findPoolByWebIdentity(webIdentity);
    if (pool.isPresent()) {
      ImpuLease lease = lease(pool.get(), webIdentity, expiresAt(context));
      context.getClaims()
          .audience(new ArrayList<>(List.of(audience)))
          .claim(CLAIM_IMPI, lease.impi())
          .claim(CLAIM_IMPU, new ArrayList<>(List.of(lease.impu())))
          .claim(CLAIM_IMPU_LEASE, lease.id())
          .claim(CLAIM_IMPU_POOL, lease.pool())
          .claim(CLAIM_CLIENT_ID, clientId);
      return;
    }
    Optional<ImsIdentity> mapped = mappings.findByWebIdentity(webIdentity);
    if (mapped.isEmpty()) {
      if (!roles.contains(WebUserRole.OPERATOR.roleName())) {
        throw noImsIdentity();
      }
      // An operator token: meant for the client itself, so no eP-CSCF audience and no ims.register scope
      // (the authorized scope stays on the authorization; only the token must not carry it to the eP-CSCF).
      context.getClaims()
          .audience(new ArrayList<>(List.of(clientId)))
          .claims(claims -> claims.remove(OAuth2ParameterNames.SCOPE))
          .claim(CLAIM_CLIENT_ID, clientId);
      return;
    }
    ImsIdentity identity = mapped.get();
    // ArrayList, not List.of: the authorization service stores the claims as JSON and reads them back only
    // with collection types Spring Security's Jackson allow-list knows (introspection, revocation).
    context.getClaims()
        .audience(new ArrayList<>(List.of(audience)))
        .claim(CLAIM_IMPI, identity.impi())
        .claim(CLAIM_IMPU, new ArrayList<>(identity.impus()))
        .claim(CLAIM_CLIENT_ID, clientId);
  }

  private static ArrayList<String> roles(Authentication principal) {
    ArrayList<String> roles = new ArrayList<>();
    for (WebUserRole role : WebUserRole.values()) {
      if (principal.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority()))) {
        roles.add(role.roleName());
      }
    }
    return roles;
  }

  /** The {@code exp} the token generator set before customizing: the lease records it (EPC-28, WAF-11). */
  private static Instant expiresAt(JwtEncodingContext context) {
    Instant[] exp = new Instant[1];
    context.getClaims().claims(claims -> exp[0] = (Instant) claims.get(JwtClaimNames.EXP));
    if (exp[0] == null) {
      throw new IllegalStateException("an access token without exp cannot carry a pool IMPU lease");
    }
    return exp[0];
  }

  private ImpuLease lease(String pool, String webIdentity, Instant tokenExpiresAt) {
    try {
      return leases.lease(pool, webIdentity, tokenExpiresAt);
    } catch (ImpuPoolExhaustedException e) {
      throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, POOL_EXHAUSTED, null));
    }
  }

  // The description names no user: it must stay within RFC 6749's error_description characters.
  private static OAuth2AuthenticationException noImsIdentity() {
    return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, NO_IMS_IDENTITY,
        null));
  }
}
