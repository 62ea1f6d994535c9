-- HSS subscriptions (TS 29.228 §3). Portable between H2 and PostgreSQL.
CREATE TABLE ims_subscriber (
  impi  VARCHAR(255) NOT NULL PRIMARY KEY,
  realm VARCHAR(255) NOT NULL
);

-- Public identities in order: impu_order 0 is the default IMPU.
CREATE TABLE ims_subscriber_impu (
  impi       VARCHAR(255) NOT NULL REFERENCES ims_subscriber (impi) ON DELETE CASCADE,
  impu_order INT          NOT NULL,
  impu       VARCHAR(512) NOT NULL,
  PRIMARY KEY (impi, impu_order),
  CONSTRAINT ims_subscriber_impu_once UNIQUE (impi, impu)
);
CREATE INDEX ims_subscriber_impu_by_impu ON ims_subscriber_impu (impu);

-- H(username:realm:password) per hash function (MD5, SHA-256, SHA-512-256), lowercase hex.
CREATE TABLE ims_subscriber_digest_ha1 (
  impi      VARCHAR(255) NOT NULL REFERENCES ims_subscriber (impi) ON DELETE CASCADE,
  algorithm VARCHAR(32)  NOT NULL,
  ha1       VARCHAR(128) NOT NULL,
  PRIMARY KEY (impi, algorithm)
);

-- "Allowed WAF and/or WWSF identities"; none listed means any (SCS-06).
CREATE TABLE ims_subscriber_allowed_waf (
  impi         VARCHAR(255) NOT NULL REFERENCES ims_subscriber (impi) ON DELETE CASCADE,
  waf_identity VARCHAR(255) NOT NULL,
  PRIMARY KEY (impi, waf_identity)
);
