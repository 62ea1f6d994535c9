-- Issue 12 point 5 (EPC-28, WAF-11): when the last access token issued for a pool IMPU's lease expires. The row
-- keeps it after the lease is released or lapses, and a grant takes the IMPU only once it has passed: until then
-- a token of the previous lease could still register the IMPU on an eP-CSCF that has not seen the release, so a
-- new holder would share it. The database decides, so no eP-CSCF or WAF node needs to remember anything.
ALTER TABLE waf_pool_impu ADD COLUMN tokens_expire_at timestamp with time zone;
