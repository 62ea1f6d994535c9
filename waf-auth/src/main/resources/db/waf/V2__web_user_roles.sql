-- Roles of web users beyond the implicit web user (issue 4: the operator). One column of space-separated
-- lower-case role names (see WebUserRole) rather than a table: a user has at most a handful, and the one query
-- that reads them (sign-in) reads the user row anyway. DEFAULT before NOT NULL is the order H2 and PostgreSQL
-- both accept; existing users get no extra role.
ALTER TABLE waf_web_user ADD COLUMN roles varchar(255) DEFAULT '' NOT NULL;
