-- WAF schema (waf-auth), migrated by WafSchema into history table waf_schema_history. Portable between H2 and
-- PostgreSQL: no blob/clob, instants as timestamp with time zone.
-- Web users (WAF-02): sign-in name and BCrypt hash ({bcrypt} prefix of Spring's DelegatingPasswordEncoder).
CREATE TABLE waf_web_user (
    username      varchar(255) NOT NULL,
    password_hash varchar(255) NOT NULL,
    enabled       boolean      NOT NULL,
    PRIMARY KEY (username)
);

-- Identity mappings web identity -> IMPI + ordered IMPUs (WAF-02, WAF-03). impu_order 0 is the default IMPU.
CREATE TABLE waf_identity_mapping (
    web_identity varchar(255) NOT NULL,
    impi         varchar(255) NOT NULL,
    PRIMARY KEY (web_identity)
);

CREATE TABLE waf_identity_impu (
    web_identity varchar(255) NOT NULL,
    impu_order   integer      NOT NULL,
    impu         varchar(255) NOT NULL,
    PRIMARY KEY (web_identity, impu_order),
    FOREIGN KEY (web_identity) REFERENCES waf_identity_mapping (web_identity) ON DELETE CASCADE
);

-- RSA signing keys (WAF-07): the current key has retired_at NULL; a retired key stays published until
-- retired_at + token lifetime + retention margin.
CREATE TABLE waf_signing_key (
    kid         varchar(64)   NOT NULL,
    public_key  varchar(2000) NOT NULL,
    private_key varchar(4000) NOT NULL,
    created_at  timestamp with time zone NOT NULL,
    retired_at  timestamp with time zone,
    PRIMARY KEY (kid)
);

-- Spring Authorization Server's JdbcOAuth2AuthorizationService table, with varchar instead of blob so that
-- one script serves H2 and PostgreSQL.
CREATE TABLE oauth2_authorization (
    id                            varchar(100)  NOT NULL,
    registered_client_id          varchar(100)  NOT NULL,
    principal_name                varchar(200)  NOT NULL,
    authorization_grant_type      varchar(100)  NOT NULL,
    authorized_scopes             varchar(1000) DEFAULT NULL,
    attributes                    varchar(20000) DEFAULT NULL,
    state                         varchar(500)  DEFAULT NULL,
    authorization_code_value      varchar(4000) DEFAULT NULL,
    authorization_code_issued_at  timestamp with time zone DEFAULT NULL,
    authorization_code_expires_at timestamp with time zone DEFAULT NULL,
    authorization_code_metadata   varchar(4000) DEFAULT NULL,
    access_token_value            varchar(8000) DEFAULT NULL,
    access_token_issued_at        timestamp with time zone DEFAULT NULL,
    access_token_expires_at       timestamp with time zone DEFAULT NULL,
    access_token_metadata         varchar(8000) DEFAULT NULL,
    access_token_type             varchar(100)  DEFAULT NULL,
    access_token_scopes           varchar(1000) DEFAULT NULL,
    oidc_id_token_value           varchar(8000) DEFAULT NULL,
    oidc_id_token_issued_at       timestamp with time zone DEFAULT NULL,
    oidc_id_token_expires_at      timestamp with time zone DEFAULT NULL,
    oidc_id_token_metadata        varchar(8000) DEFAULT NULL,
    refresh_token_value           varchar(4000) DEFAULT NULL,
    refresh_token_issued_at       timestamp with time zone DEFAULT NULL,
    refresh_token_expires_at      timestamp with time zone DEFAULT NULL,
    refresh_token_metadata        varchar(4000) DEFAULT NULL,
    user_code_value               varchar(4000) DEFAULT NULL,
    user_code_issued_at           timestamp with time zone DEFAULT NULL,
    user_code_expires_at          timestamp with time zone DEFAULT NULL,
    user_code_metadata            varchar(4000) DEFAULT NULL,
    device_code_value             varchar(4000) DEFAULT NULL,
    device_code_issued_at         timestamp with time zone DEFAULT NULL,
    device_code_expires_at        timestamp with time zone DEFAULT NULL,
    device_code_metadata          varchar(4000) DEFAULT NULL,
    PRIMARY KEY (id)
);
