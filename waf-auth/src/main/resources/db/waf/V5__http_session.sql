-- Issue 16: the HTTP sessions of the WAF and of the application that hosts it (the WWSF), for Spring Session's
-- JdbcIndexedSessionRepository (table name webims.waf's spring.session.jdbc.table-name, WafSessions). In the
-- database, so that every node of a cluster serves every request of a browser: the login form's CSRF token, the
-- authorization request pending across the login, the signed-in user and the WWSF's tokens.
-- Spring Session's own PostgreSQL script, with bytea (H2 reads it as binary varying, so one script serves both)
-- and principal_name as wide as waf_web_user.username. Instants are epoch milliseconds, as Spring Session writes them.
CREATE TABLE waf_http_session (
    primary_id            char(36)     NOT NULL,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval integer      NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(255),
    CONSTRAINT waf_http_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX waf_http_session_ix1 ON waf_http_session (session_id);
CREATE INDEX waf_http_session_ix2 ON waf_http_session (expiry_time);
CREATE INDEX waf_http_session_ix3 ON waf_http_session (principal_name);

CREATE TABLE waf_http_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT waf_http_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT waf_http_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES waf_http_session (primary_id) ON DELETE CASCADE
);
