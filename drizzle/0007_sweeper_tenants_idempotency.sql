-- Hand-written: what the scheduler's sweeper role (drizzle/0003) must also read.
--
-- tenants: session expiry honours each tenant's settings.session_retention_days, so discovery
-- joins the tenants table (it has no row-level security; the grant is all it takes).
-- idempotency_keys: the purge of Idempotency-Key records past their TTL discovers them across
-- tenants, like the other sweeps, and deletes them in each tenant's own transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_sweeper') THEN
    RETURN;
  END IF;
  GRANT SELECT (id, settings) ON tenants TO switchboard_sweeper;
  GRANT SELECT (tenant_id, key, expires_at) ON idempotency_keys TO switchboard_sweeper;
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = 'idempotency_keys'
                  AND policyname = 'sweeper_discovery') THEN
    CREATE POLICY sweeper_discovery ON idempotency_keys FOR SELECT TO switchboard_sweeper USING (true);
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE WARNING 'cannot configure role switchboard_sweeper: %', SQLERRM;
END
$$;
